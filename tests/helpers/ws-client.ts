import WebSocket from 'ws';
import type { CoreEvent } from '../../main/contract/events.ts';

/** A WebSocket to the core that keeps every message it got, so a test can wait for one and look at all. */
export interface TestSocket {
  messages: { type: string; event?: CoreEvent; id?: unknown; reply?: unknown; ok?: boolean }[];
  events(): CoreEvent[];
  /** Resolves with the first message (already received or to come) matching pred; the test timeout is the limit. */
  waitFor<T = TestSocket['messages'][number]>(pred: (m: TestSocket['messages'][number]) => boolean): Promise<T>;
  waitForEvent<K extends CoreEvent['type']>(type: K, pred?: (e: Extract<CoreEvent, { type: K }>) => boolean): Promise<Extract<CoreEvent, { type: K }>>;
  send(msg: unknown): void;
  close(): void;
}

export async function openSocket(url: string): Promise<TestSocket> {
  const ws = new WebSocket(url);
  const messages: TestSocket['messages'] = [];
  const waiters: { pred: (m: TestSocket['messages'][number]) => boolean; resolve: (m: unknown) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as TestSocket['messages'][number];
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const s: TestSocket = {
    messages,
    events: () => messages.flatMap((m) => (m.type === 'event' && m.event ? [m.event] : [])),
    waitFor<T>(pred: (m: TestSocket['messages'][number]) => boolean) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found as T);
      return new Promise<T>((resolve) => waiters.push({ pred, resolve: resolve as (m: unknown) => void }));
    },
    async waitForEvent(type, pred = () => true) {
      const m = await s.waitFor((x) => x.type === 'event' && x.event?.type === type && pred(x.event as never));
      return m.event as never;
    },
    send: (msg) => ws.send(JSON.stringify(msg)),
    close: () => ws.close(),
  };
  return s;
}
