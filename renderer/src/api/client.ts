import type { CoreEvent } from '../../../main/contract/events.ts';
import { operations, type OpInput, type OpName, type OpOutput } from '../../../main/contract/operations.ts';
import type { ApiError, Reply } from '../../../main/contract/result.ts';
import './bridge.ts';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

export interface Client {
  call<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
  setToken(token: string | null): void;
}

function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw new ApiCallError(reply.error);
}

/** In Electron: the preload's named methods over IPC. */
function ipcClient(bridge: NonNullable<Window['letan']>): Client {
  return {
    async call(op, input) {
      const method = bridge[op] as (i: unknown) => Promise<Reply<never>>;
      return unwrap(await method(input));
    },
    onEvent: (l) => bridge.onEvent(l),
    setToken() {
      // The kiosk window only makes citizen calls; staff log in from their own browsers.
    },
  };
}

/** In a browser: HTTP for calls (routes from the contract), one WebSocket for pushed events, reconnecting. */
function httpClient(base: string): Client {
  let token: string | null = null;
  const listeners = new Set<(e: CoreEvent) => void>();
  let ws: WebSocket | null = null;
  let retry = 500;

  const connect = () => {
    const kiosk = window.location.pathname === '/' || window.location.pathname === '/index.html';
    const url = base.replace(/^http/, 'ws') + '/ws' + (kiosk ? '?screen=kiosk' : '');
    ws = new WebSocket(url);
    ws.onopen = () => {
      retry = 500;
    };
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as { type: string; event?: CoreEvent };
      if (msg.type === 'event' && msg.event) for (const l of listeners) l(msg.event);
    };
    ws.onclose = () => {
      ws = null;
      if (listeners.size > 0) setTimeout(connect, (retry = Math.min(retry * 2, 10_000)));
    };
  };

  return {
    async call(op, input) {
      const { method, path } = operations[op].http;
      const rest: Record<string, unknown> = { ...(input as Record<string, unknown>) };
      const url = path.replace(/:(\w+)/g, (_, name: string) => {
        const v = rest[name];
        delete rest[name];
        return encodeURIComponent(String(v));
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const query = method === 'GET' && Object.keys(rest).length ? '?' + new URLSearchParams(rest as Record<string, string>).toString() : '';
      let res: Response;
      try {
        res = await fetch(base + url + query, { method, headers, ...(method === 'POST' ? { body: JSON.stringify(rest) } : {}) });
      } catch (err) {
        throw new ApiCallError({ code: 'unavailable', message: `cannot reach the kiosk core: ${(err as Error).message}`, messageVi: 'Mất kết nối tới máy chủ. Vui lòng thử lại.' });
      }
      return unwrap((await res.json()) as Reply<never>);
    },
    onEvent(l) {
      listeners.add(l);
      if (!ws) connect();
      return () => {
        listeners.delete(l);
        if (listeners.size === 0) ws?.close();
      };
    },
    setToken(t) {
      token = t;
    },
  };
}

export function createClient(): Client {
  if (window.letan) return ipcClient(window.letan);
  return httpClient(window.location.origin);
}
