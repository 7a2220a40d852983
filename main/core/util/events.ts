import type { CoreEvent } from '../../contract/events.ts';

/**
 * Who may receive an event. 'kiosk' events carry a citizen's personal data (a scanned card): they go to the
 * kiosk window only (Electron IPC, or a browser on the kiosk machine itself), never to LAN screens.
 * 'technician' events (the device monitor) go only to sockets holding a valid technician token, never to the
 * kiosk window or an ordinary LAN screen.
 */
export type Audience = 'all' | 'kiosk' | 'technician';
export type Listener = (e: CoreEvent, audience: Audience) => void;

/** One per core instance: every transport subscribes here. A failing listener never stops the others. */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  constructor(private readonly onListenerError: (err: unknown) => void) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  emit(e: CoreEvent, audience: Audience = 'all'): void {
    for (const l of this.listeners) {
      try {
        l(e, audience);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
