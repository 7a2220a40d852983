// The thin Electron shell: one locked-down kiosk window, IPC wired to the core, and the LAN server for
// counters and hall displays. Everything else lives in the core (plain Node).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { startServer } from '../core/api/http-server.ts';
import { loadConfigFile } from '../core/config/load.ts';
import { createCore } from '../core/core.ts';
import { createLogger } from '../core/log/index.ts';
import { KIOSK_IPC_OPS } from './ipc-ops.ts';
import { lockDownApp, lockDownContents, lockDownSession } from './lockdown.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function start(): Promise<void> {
  const config = loadConfigFile(process.env.LETAN_CONFIG);
  let url = '';
  const dataDir = app.getPath('userData');
  const logger = await createLogger({ dir: join(dataDir, 'logs'), level: 'info', rotate: { size: '10m', count: 5 } });
  const core = createCore({
    dataDir,
    config,
    configPath: process.env.LETAN_CONFIG ?? null,
    publicUrl: () => config.server.publicUrl ?? url,
    log: (level, msg, extra) => logger.logger[level](extra ?? {}, msg),
  });
  const server = await startServer(core, { host: config.server.host, port: config.server.port, staticRoot: join(root, 'dist', 'renderer') });
  url = server.url;

  // The window loads the kiosk from the core's own loopback server, like any screen, so relative links
  // (scanned page images, receipts, voice clips) resolve; calls still go over IPC through the preload.
  const indexUrl = `${server.url}/`;
  for (const op of KIOSK_IPC_OPS) {
    ipcMain.handle(`letan:${op}`, (event, input: unknown) => {
      // Only our own page may call the core.
      if (!event.senderFrame?.url.startsWith(indexUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'caller is not the kiosk page' } };
      }
      return core.dispatch(op, input, { role: 'citizen', origin: 'ipc' });
    });
  }

  lockDownSession(session.defaultSession);
  const win = new BrowserWindow({
    kiosk: !process.env.LETAN_WINDOWED,
    fullscreen: !process.env.LETAN_WINDOWED,
    autoHideMenuBar: true,
    backgroundColor: '#fffdf7',
    webPreferences: {
      preload: join(root, 'dist-electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click could otherwise open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDownContents(win.webContents, indexUrl);
  // The kiosk window gets the hall's events and the citizen's own card scans; never the technician's
  // device monitor (which may be showing raw frames to a technician on the LAN).
  const unsubscribe = core.events.subscribe((e, audience) => {
    if (audience === 'technician') return;
    if (!win.isDestroyed()) win.webContents.send('letan:event', e);
  });
  await win.loadURL(indexUrl);

  // Quit only once the core has finished its print jobs and closed the database.
  let closing = false;
  app.on('before-quit', (e) => {
    if (closing) return;
    closing = true;
    e.preventDefault();
    unsubscribe();
    server
      .close()
      .then(() => core.close())
      .then(() => logger.close())
      .catch((err: unknown) => console.error('letan shell: orderly shutdown failed', err))
      .finally(() => app.exit(0));
  });
}

lockDownApp(app, () => BrowserWindow.getAllWindows());
app.whenReady().then(start, (err: unknown) => {
  console.error('letan shell failed to start:', err);
  app.exit(1);
});
