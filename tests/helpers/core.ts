import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TicketPrinter } from '../../drivers/printer/document.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { type Core, createCore } from '../../main/core/core.ts';
import type { Clock } from '../../main/core/util/clock.ts';

/** A clock the test moves by hand. */
export function manualClock(startIso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t),
    set(iso) {
      t = Date.parse(iso);
    },
    advance(ms) {
      t += ms;
    },
  };
}

export function tempDir(prefix = 'letan-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testCore(opts: { dataDir: string; clock?: Clock; config?: unknown; printer?: TicketPrinter | null }): Core {
  return createCore({
    dataDir: opts.dataDir,
    config: parseConfig(opts.config ?? {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    printer: () => opts.printer ?? null,
    publicUrl: () => 'http://kiosk.test',
    printWaitMs: 50,
  });
}

export const citizen = { role: 'citizen' as const, origin: 'test' };
export const staff = { role: 'counter' as const, origin: 'test' };

/** Unwraps a dispatcher reply, failing the test with the error when it is not ok. */
export async function ok<T = unknown>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error.message}`);
  return r.value as T;
}
