/**
 * The Electron shell: one window per app, a menu, the native folder dialog, the single-instance lock
 * and the IPC bridge to HostService. Everything else lives in services/ (no Electron imports there).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, HostError } from '../shared/host-api';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { HostService } from './services/host-service';
import { Settings } from './services/settings';
import { folderFromArgv } from './shell/argv';
import { APP_INDEX_URL, APP_SCHEME, contentTypeOf, resolveAppAsset } from './shell/app-protocol';
import { isAllowedExternalUrl, isAppUrl } from './shell/navigation';
import { APP_VERSION } from './version';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = path.join(here, '../renderer');

// Must happen before the app is ready: app:// behaves like https (origin, fetch, module workers).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

let mainWindow: BrowserWindow | null = null;
let service: HostService | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const folder = folderFromArgv(argv.slice(1), workingDirectory);
    if (folder && service) void service.openFolder(folder).catch((error: Error) => showError(error.message));
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start).catch((error: Error) => {
    dialog.showErrorBox('Recording Inspector could not start', error.message);
    app.quit();
  });
}

function showError(message: string): void {
  if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'error', message });
}

async function start(): Promise<void> {
  const settings = new Settings(app.getPath('userData'));
  await settings.load();
  service = new HostService(settings, {
    mode: 'desktop',
    version: APP_VERSION,
    trash: (file) => shell.trashItem(file),
    chooseFolder: async () => {
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, { title: 'Open recordings folder', properties: ['openDirectory'] })
        : await dialog.showOpenDialog({ title: 'Open recordings folder', properties: ['openDirectory'] });
      return result.canceled ? null : result.filePaths[0] ?? null;
    },
    onFolderOpened: (folder) => {
      mainWindow?.setTitle(`${path.basename(folder)} — Recording Inspector`);
      buildMenu(settings.recent);
    },
  });

  // Renderer responses get the same CSP as browser mode; no remote content is ever loaded.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { 'content-type': contentTypeOf(file), 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.sender, event.senderFrame?.url)) throw new Error('Refused: the request did not come from the app.');
    try {
      return { ok: true, result: await service!.call(String(method), args) };
    } catch (error) {
      const e = error instanceof HostError ? error : new HostError('internal', (error as Error).message);
      return { ok: false, error: { code: e.code, message: e.message } };
    }
  });
  service.subscribe((hostEvent) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, hostEvent);
  });

  createWindow();
  buildMenu(settings.recent);
  const folder = folderFromArgv(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd()) ?? path.resolve('recordings');
  await service.openFolder(folder).catch((error: Error) => showError(error.message));

  app.on('window-all-closed', () => app.quit());
  // Quitting waits (at most a few seconds) for the host to close: a pending index-cache write finishes.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !service) return;
    event.preventDefault();
    closed = true;
    void Promise.race([service.close(), new Promise((resolve) => setTimeout(resolve, 5000))]).finally(() => app.quit());
  });
}

function isTrustedSender(sender: WebContents, frameUrl: string | undefined): boolean {
  return mainWindow !== null && sender === mainWindow.webContents && frameUrl !== undefined && isAppUrl(frameUrl, rendererUrl);
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Recording Inspector',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      // Middle-click must not open links in new windows (new windows are denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  const contents = mainWindow.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (rendererUrl) void mainWindow.loadURL(rendererUrl);
  else void mainWindow.loadURL(APP_INDEX_URL);
  mainWindow.on('closed', () => { mainWindow = null; });
}

function buildMenu(recent: string[]): void {
  const openRecent: MenuItemConstructorOptions[] = recent.length
    ? recent.map((folder) => ({ label: folder, click: () => void service?.openFolder(folder).catch((e: Error) => showError(e.message)) }))
    : [{ label: 'No recent folders', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        {
          label: 'Open Folder…', accelerator: 'CmdOrCtrl+O',
          click: () => void service?.call('openFolder', {}).catch((e: Error) => showError(e.message)),
        },
        { label: 'Open Recent', submenu: openRecent },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
