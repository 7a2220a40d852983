import type { CoreEvent } from '../../contract/events.ts';

export type Listener = (e: CoreEvent) => void;

/** One per core instance: every transport subscribes here. A failing listener never stops the others. */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  constructor(private readonly onListenerError: (err: unknown) => void) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  emit(e: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
