import { createServer, connect, type Socket, type AddressInfo } from 'node:net';

/** What the proxy does to a connection. */
export type ProxyMode =
  | { kind: 'pass' }
  /** Accept, then reset at once: the peer sees ECONNRESET / "other side closed". */
  | { kind: 'refuse' }
  /** Accept and swallow everything; never answer (the client's time-out must fire). */
  | { kind: 'blackhole' }
  /** Forward both ways, each chunk held back this long. */
  | { kind: 'delay'; ms: number }
  /** Forward the request; pass only the first `bytes` of the response, then cut both sides. */
  | { kind: 'cut_response'; bytes: number };

export interface FaultProxy {
  url: string;
  port: number;
  /** Mode for connections without a queued one-shot mode. */
  setMode(mode: ProxyMode): void;
  /** The next `n` new connections get `mode`, then back to the standing mode. */
  faultNext(n: number, mode: ProxyMode): void;
  /** Connections accepted so far, and how many were faulted. */
  stats(): { connections: number; faulted: number };
  /** Cut every open connection (a cable pulled mid-request). */
  cutAll(): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of a loopback server, for network faults the server itself cannot fake. */
export async function startFaultProxy(opts: { targetPort: number; targetHost?: string; port?: number }): Promise<FaultProxy> {
  let standing: ProxyMode = { kind: 'pass' };
  const queue: ProxyMode[] = [];
  const open = new Set<Socket>();
  let connections = 0;
  let faulted = 0;

  const server = createServer((client) => {
    connections++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const mode = queue.shift() ?? standing;
    if (mode.kind !== 'pass') faulted++;
    if (mode.kind === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    if (mode.kind === 'blackhole') {
      client.resume();
      return;
    }
    const upstream = connect(opts.targetPort, opts.targetHost ?? '127.0.0.1');
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const later = (fn: () => void) => (mode.kind === 'delay' ? setTimeout(fn, mode.ms) : fn());
    client.on('data', (d: Buffer) => later(() => upstream.destroyed || upstream.write(d)));
    let passed = 0;
    upstream.on('data', (d: Buffer) => {
      if (mode.kind === 'cut_response') {
        const room = mode.bytes - passed;
        if (room > 0) client.write(d.subarray(0, room));
        passed += Math.min(room, d.length);
        if (passed >= mode.bytes) {
          // Let the partial bytes leave, then cut without a clean close.
          client.end(() => client.destroy());
          upstream.destroy();
        }
        return;
      }
      later(() => client.destroyed || client.write(d));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setMode: (m) => void (standing = m),
    faultNext: (n, m) => {
      for (let i = 0; i < n; i++) queue.push(m);
    },
    stats: () => ({ connections, faulted }),
    cutAll: () => {
      for (const s of open) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
