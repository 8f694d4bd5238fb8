/**
 * Exposes window.switchboard built from the contract's channel lists only. ipcRenderer itself is
 * never exposed; unknown channels are refused here before they reach main.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNELS, EVENT_PREFIX, INVOKE_CHANNELS } from '../shared/ipc/channels';
import type { SwitchboardApi } from '../shared/ipc/contract';

const invokeSet = new Set<string>(INVOKE_CHANNELS);
const eventSet = new Set<string>(EVENT_CHANNELS);

const api: SwitchboardApi = {
  invoke(channel, payload) {
    if (!invokeSet.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${String(channel)}` } });
    }
    return ipcRenderer.invoke(channel, payload);
  },
  on(event, listener) {
    if (!eventSet.has(event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_e: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(EVENT_PREFIX + event, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_PREFIX + event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('switchboard', api);
