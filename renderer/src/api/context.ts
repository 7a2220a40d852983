import { createContext, useContext, useEffect, useState } from 'react';
import type { CoreEvent } from '../../../main/contract/events.ts';
import type { QueueSnapshot } from '../../../main/contract/schemas.ts';
import type { Client } from './client.ts';

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const c = useContext(ClientContext);
  if (!c) throw new Error('ClientContext missing');
  return c;
}

/** The live queue: fetched once, then kept current by pushed events (no reload, no polling). */
export function useQueue(onEvent?: (e: CoreEvent) => void): QueueSnapshot | null {
  const client = useClient();
  const [snapshot, setSnapshot] = useState<QueueSnapshot | null>(null);
  useEffect(() => {
    let alive = true;
    // If this first fetch fails the WebSocket still delivers a snapshot as soon as it connects.
    client.call('queueSnapshot', {}).then(
      (s) => alive && setSnapshot(s),
      (err: unknown) => console.warn('queue snapshot fetch failed; waiting for the live feed', err),
    );
    const off = client.onEvent((e) => {
      if (e.type === 'queue') setSnapshot(e.snapshot);
      onEvent?.(e);
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]); // eslint-disable-line react-hooks/exhaustive-deps
  return snapshot;
}
