/** Wires the dispatcher to ipcMain and events to a window. The only IPC code that knows Electron. */
import { ipcMain, type BrowserWindow } from 'electron';
import { EVENT_PREFIX, INVOKE_CHANNELS } from '../../shared/ipc/channels';
import type { EventContract } from '../../shared/ipc/contract';
import { err } from '../../shared/result';
import type { Dispatch } from '../ipc/registry';

export function registerIpc(dispatch: Dispatch, isTrustedSender: (url: string) => boolean): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) return err('rejected', 'IPC from an untrusted frame');
      return dispatch(channel, payload);
    });
  }
}

export function createEmitter(getWindow: () => BrowserWindow | undefined) {
  return <E extends keyof EventContract>(event: E, payload: EventContract[E]) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_PREFIX + event, payload);
  };
}
