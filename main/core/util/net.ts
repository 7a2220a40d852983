/** A peer on this very machine. The kiosk's own screen is one; counters and hall displays on the LAN are not. */
export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The kiosk itself: its Electron window (IPC), or a page opened on the kiosk machine. Never a LAN screen. */
export function isKioskOrigin(origin: string): boolean {
  return origin === 'ipc' || isLoopback(origin);
}
