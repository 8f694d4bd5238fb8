/** The renderer's only door to main: window.switchboard (preload in Electron, test host in e2e). */
import type { EventChannel, EventContract, InvokeChannel, InvokeRequest, InvokeResult, SwitchboardApi } from '../../shared/ipc/contract';
import { CodedError } from '../../shared/result';

declare global {
  interface Window {
    switchboard?: SwitchboardApi;
  }
}

export function getApi(): SwitchboardApi {
  const api = window.switchboard;
  if (!api) throw new Error('window.switchboard is missing: the preload did not run.');
  return api;
}

/** Invoke a channel and unwrap the Result, throwing CodedError on failure. */
export async function call<C extends InvokeChannel>(channel: C, payload: InvokeRequest<C>): Promise<InvokeResult<C>> {
  const res = await getApi().invoke(channel, payload);
  if (!res.ok) throw new CodedError(res.error.code, res.error.message);
  return res.value;
}

export function on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void {
  return getApi().on(event, listener);
}
