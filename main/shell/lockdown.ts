import type { App, BrowserWindow, Session, WebContents } from 'electron';

/** Keys that would let a citizen leave the kiosk, reload it or open developer tools. */
export function isEscapeShortcut(input: { key: string; control: boolean; alt: boolean; meta: boolean; shift: boolean }): boolean {
  const k = input.key.toLowerCase();
  if (input.alt && (k === 'f4' || k === 'tab')) return true;
  if ((input.control || input.meta) && ['w', 'q', 'r', 'n', 't', 'p', 'o', 's', '+', '-', '='].includes(k)) return true;
  if ((input.control || input.meta) && input.shift && ['i', 'j', 'c'].includes(k)) return true;
  return ['f5', 'f11', 'f12', 'escape'].includes(k);
}

/** Blocks navigation, new windows and every permission but the camera (document camera). */
export function lockDownContents(contents: WebContents, allowedUrlPrefix: string): void {
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(allowedUrlPrefix)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!url.startsWith(allowedUrlPrefix)) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('before-input-event', (e, input) => {
    if (isEscapeShortcut(input)) e.preventDefault();
  });
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? [];
    callback(permission === 'media' && mediaTypes.every((t) => t === 'video'));
  });
  session.setPermissionCheckHandler((_wc, permission) => permission === 'media');
}

export function lockDownApp(app: App, windows: () => BrowserWindow[]): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    if (windows().length === 0) app.quit();
  });
}
