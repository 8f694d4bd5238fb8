// The page-side API as the specs see it (the renderer declares the same in src/renderer/src/api.ts).
import type { SwitchboardApi } from '../../src/shared/ipc/contract';

declare global {
  interface Window {
    switchboard?: SwitchboardApi;
  }
}
export {};
