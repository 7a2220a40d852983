import type { CoreEvent } from '../../../../main/contract/events.ts';

/**
 * The technician's own WebSocket: it authenticates with the session token in its first message (not in the
 * URL, which ends up in logs), so the core sends it the 'technician' events (the device monitor).
 */
export function openTechSocket(token: string, onEvent: (e: CoreEvent) => void, onAuth: (ok: boolean) => void): () => void {
  let ws: WebSocket | null = null;
  let closed = false;
  let retry = 500;
  const connect = () => {
    ws = new WebSocket(window.location.origin.replace(/^http/, 'ws') + '/ws');
    ws.onopen = () => {
      retry = 500;
      ws?.send(JSON.stringify({ type: 'auth', token }));
    };
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as { type: string; event?: CoreEvent; ok?: boolean };
      if (msg.type === 'auth') onAuth(msg.ok === true);
      if (msg.type === 'event' && msg.event) onEvent(msg.event);
    };
    ws.onclose = () => {
      ws = null;
      if (!closed) setTimeout(connect, (retry = Math.min(retry * 2, 10_000)));
    };
  };
  connect();
  return () => {
    closed = true;
    ws?.close();
  };
}
