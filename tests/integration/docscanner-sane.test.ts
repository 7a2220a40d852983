import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScanError } from '../../drivers/docscanner/sane-errors.ts';
import { createSaneScanner, type ScanEvent, type ScanProfile } from '../../drivers/docscanner/sane.ts';

// SANE's `test` backend (device test:0) behind a private SANE_CONFIG_DIR, driven through the real scanimage.
const root = mkdtempSync(join(tmpdir(), 'letan-sane-'));
const confDir = join(root, 'conf');
const env = { ...process.env, SANE_CONFIG_DIR: confDir };
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function ready() {
  mkdirSync(confDir, { recursive: true });
  writeFileSync(join(confDir, 'dll.conf'), 'test\n');
}

/** A scanimage that passes extra test-backend options (e.g. an injected status) through. */
function wrapper(name: string, body: string): string {
  const p = join(root, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

const ADF: ScanProfile = { id: 'adf-gray-150', source: 'adf', resolution: 75, mode: 'Gray' };
const FLATBED: ScanProfile = { id: 'flatbed-color', source: 'flatbed', resolution: 75, mode: 'Color' };

describe('SANE scanner (test backend)', () => {
  it('scans an ADF batch page by page until the feeder runs dry, reporting progress', async () => {
    await ready();
    const events: ScanEvent[] = [];
    const scanner = createSaneScanner({ device: 'test:0', env, deviceId: 'scanner-1', now: () => new Date(0) });
    const r = await scanner.scan({ ...ADF, maxPages: 3 }, join(root, 'adf'), (e) => events.push(e));
    expect(r.problem).toBeNull();
    expect(r.state).toEqual({ kind: 'ready' });
    expect(r.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    const meta = await sharp(r.pages[0]!.file).metadata();
    expect(meta.format).toBe('png');
    expect(events.filter((e) => e.type === 'page-started').map((e) => (e as { page: number }).page)).toEqual([1, 2, 3]);
    expect(events.some((e) => e.type === 'progress' && e.percent === 100)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'status', status: { deviceId: 'scanner-1', role: 'document-scanner', state: { kind: 'ready' }, at: '1970-01-01T00:00:00.000Z' } });

    // Without a page limit the test backend's feeder empties after 10 sheets: a normal end, not a fault.
    const all = await scanner.scan(ADF, join(root, 'adf-all'));
    expect(all.pages).toHaveLength(10);
    expect(all.problem).toBeNull();
  });

  it('scans one flatbed page in colour at the profile resolution', async () => {
    await ready();
    const r = await createSaneScanner({ device: 'test:0', env }).scan(FLATBED, join(root, 'flat'));
    expect(r.pages).toHaveLength(1);
    const meta = await sharp(r.pages[0]!.file).metadata();
    expect(meta.channels).toBe(3);
  });

  it('reports a jam, keeping the pages scanned before it', async () => {
    await ready();
    // Two good sheets, then the backend reports SANE_STATUS_JAMMED on the third.
    const bin = wrapper('jam-on-3.sh', 'scanimage "$@" --batch-count=2 && exec scanimage "$@" --batch-start=3 --read-return-value SANE_STATUS_JAMMED');
    const events: ScanEvent[] = [];
    const r = await createSaneScanner({ device: 'test:0', env, scanimage: bin }).scan(ADF, join(root, 'jam'), (e) => events.push(e));
    expect(r.pages.map((p) => p.page)).toEqual([1, 2]);
    expect(r.problem?.problem).toBe('jam');
    expect(r.problem?.status).toBe('SANE_STATUS_JAMMED');
    expect(r.problem?.technician).toMatch(/test:0: SANE_STATUS_JAMMED during sane_read — scanimage: sane_read: Document feeder jammed/);
    expect(r.problem?.citizen).toBe('Giấy bị kẹt trong máy quét. Vui lòng nhờ cán bộ hỗ trợ lấy giấy ra.');
    expect(r.state).toMatchObject({ kind: 'error', problems: ['jam'] });
    expect(events.filter((e) => e.type === 'problem')).toHaveLength(1);
  });

  it('reports an empty feeder before the first page', async () => {
    await ready();
    const bin = wrapper('no-docs.sh', 'exec scanimage "$@" --read-return-value SANE_STATUS_NO_DOCS');
    const r = await createSaneScanner({ device: 'test:0', env, scanimage: bin, exitGraceMs: 300 }).scan(ADF, join(root, 'empty'));
    expect(r.pages).toEqual([]);
    expect(r.problem?.problem).toBe('feeder-empty');
    expect(r.state).toEqual({ kind: 'warning', problems: ['feeder-empty'] });
  });

  it('reports an open cover even though scanimage hangs afterwards (it is killed after the grace period)', async () => {
    await ready();
    const bin = wrapper('cover.sh', 'exec scanimage "$@" --read-return-value SANE_STATUS_COVER_OPEN');
    const r = await createSaneScanner({ device: 'test:0', env, scanimage: bin, exitGraceMs: 300 }).scan(FLATBED, join(root, 'cover'));
    expect(r.problem?.problem).toBe('cover-open');
    expect(r.problem?.citizen).toMatch(/^Nắp máy quét đang mở/);
  });

  it('reports an absent scanner as unplugged', async () => {
    await ready();
    const r = await createSaneScanner({ device: 'nosuch:0', env }).scan(FLATBED, join(root, 'absent'));
    expect(r.problem?.problem).toBe('unplugged');
    expect(r.state).toEqual({ kind: 'absent' });
    expect(r.problem?.technician).toMatch(/could not open "nosuch:0"/);
  });

  it('reports a missing scanimage binary', async () => {
    const r = await createSaneScanner({ device: 'test:0', env, scanimage: join(root, 'no-such-binary') }).scan(FLATBED, join(root, 'nobin'));
    expect(r.problem?.status).toBe('SPAWN');
    expect(r.problem?.technician).toMatch(/ENOENT.*sane-utils/);
  });

  it('lists the test devices', async () => {
    await ready();
    const list = await createSaneScanner({ device: 'test:0', env }).list();
    expect(list.map((d) => d.name)).toContain('test:0');
  });
});

describe('scanimage error text', () => {
  it('maps statuses to problems', () => {
    expect(parseScanError('scanimage: sane_read: Error during device I/O\n', 9, 'x')?.problem).toBe('error');
    expect(parseScanError('scanimage: sane_start: Device busy\n', 3, 'x')?.citizen).toMatch(/^Máy quét đang bận/);
    expect(parseScanError('Scanning page 1\nScanned page 1. (scanner status = 5)\n', 0, 'x')).toBeNull();
    expect(parseScanError('', 7, 'x')?.problem).toBe('feeder-empty');
  });
});
