/** Electron lifecycle only: build the services, open one hardened window, wire IPC. */
import { app, BrowserWindow, session, shell } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from './ipc/registry';
import { createEmitter, registerIpc } from './electron/electron-ipc';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { createFileSecretStore } from './secrets/secret-store';
import { createFileConfigStore } from './services/config-store';
import { createMainServices } from './services/main-services';
import {
  decidePermission,
  guardNavigation,
  guardWebview,
  guardWindowOpen,
  isAppUrl,
  secureWebPreferences,
  withCspHeader,
} from './security/window-security';
import { cspString, devCspString } from '../shared/security/csp';

let mainWindow: BrowserWindow | undefined;

const rendererUrl = process.env['ELECTRON_RENDERER_URL'];
const appUrl = rendererUrl ?? `file://${join(__dirname, '../renderer/index.html')}`;
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(__dirname, '../../resources');

const openExternal = (url: string) => void shell.openExternal(url);

async function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Switchboard',
    icon: join(resourcesDir, 'icon.png'),
    backgroundColor: '#15171c',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  const wc = mainWindow.webContents;
  wc.on('will-navigate', (e, url) => guardNavigation(e, url, appUrl, openExternal));
  wc.on('will-redirect', (e, url) => guardNavigation(e, url, appUrl, openExternal));
  wc.on('will-attach-webview', (e) => guardWebview(e));
  wc.setWindowOpenHandler(({ url }) => guardWindowOpen(url, openExternal));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  if (rendererUrl) await mainWindow.loadURL(rendererUrl);
  else await mainWindow.loadFile(join(__dirname, '../renderer/index.html'));
}

app.enableSandbox();

app.whenReady().then(async () => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => decidePermission(permission));
  // The policy travels as a header too (the built page also carries it as <meta>). In dev
  // (`npm start`) the dev server's page gets the same policy, loosened only for Vite's HMR.
  const csp = rendererUrl ? devCspString(rendererUrl) : cspString();
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) }));

  const userData = app.getPath('userData');
  const services = createMainServices({
    configs: createFileConfigStore(join(userData, 'sources.json')),
    secrets: createFileSecretStore(join(userData, 'secrets.json'), safeStorageCipher()),
    resourcesDir,
    version: app.getVersion(),
    platform: process.platform,
    agentName: userInfo().username,
    emit: createEmitter(() => mainWindow),
    openExternal: async (url) => shell.openExternal(url),
  });
  registerIpc(createDispatcher(services.handlers), (url) => isAppUrl(url, appUrl));
  await createWindow();
  await services.sources.startAll();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  app.on('before-quit', () => void services.dispose());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
