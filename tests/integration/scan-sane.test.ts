import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../main/contract/events.ts';
import type { DossierReceipt } from '../../main/contract/ops/intake.ts';
import type { ScanSessionView } from '../../main/contract/ops/scan.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { type Core, createCore } from '../../main/core/core.ts';
import type { Audience } from '../../main/core/util/events.ts';
import { manualClock, tempDir } from '../helpers/core.ts';

// Scan sessions on SANE's `test` backend (device test:0, 75 dpi pages of solid black) behind a private
// SANE_CONFIG_DIR, through the real scanimage; faults are injected with the backend's --read-return-value.

const root = tempDir('letan-scan-sane-');
const confDir = join(root.dir, 'conf');
mkdirSync(confDir, { recursive: true });
writeFileSync(join(confDir, 'dll.conf'), 'test\n');
// This test file runs in its own worker: the core's scanimage (and the device watch) inherit it.
process.env.SANE_CONFIG_DIR = confDir;

const kiosk = { role: 'citizen' as const, origin: 'ipc' };
let core: Core;
const events: { e: CoreEvent; audience: Audience }[] = [];

/** A scanimage that feeds two good sheets, then reports a jam on the third. */
function jammingScanimage(): string {
  const p = join(root.dir, 'jam-on-3.sh');
  writeFileSync(p, '#!/bin/sh\nscanimage "$@" --batch-count=2 && exec scanimage "$@" --batch-start=3 --read-return-value SANE_STATUS_JAMMED\n');
  chmodSync(p, 0o755);
  return p;
}

beforeAll(() => {
  core = createCore({
    dataDir: join(root.dir, 'core'),
    config: parseConfig({
      devices: { documentScanner: { id: 'docscan-1', device: 'test:0', pollMs: 600_000 } },
      scan: { profile: { source: 'adf', resolution: 75, mode: 'Gray', maxPages: 2 }, ocrWorkers: 1 },
    }),
    printer: () => null,
    publicUrl: () => 'http://kiosk.test',
    printWaitMs: 50,
  });
  core.events.subscribe((e, audience) => events.push({ e, audience }));
});

afterAll(async () => {
  await core?.close();
  root.remove();
});

async function call<T>(op: string, input: unknown): Promise<T> {
  const r = await core.dispatch(op, input, kiosk);
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function settled(sessionId: string): Promise<ScanSessionView> {
  const end = Date.now() + 60_000;
  for (;;) {
    const v = await call<ScanSessionView>('scanSession', { sessionId });
    if (v.state !== 'scanning' && v.state !== 'reading' && v.queued === 0 && v.pages.every((p) => p.state !== 'reading')) return v;
    if (Date.now() > end) throw new Error(`session did not settle: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('scan session on the SANE test backend', () => {
  it('takes a feeder batch page by page with progress, reads each page, and submits them as one PDF', async () => {
    const t0 = performance.now();
    const started = await call<ScanSessionView>('startScan', { source: 'sane' });
    expect(started.state).toBe('scanning');
    const v = await settled(started.sessionId);
    console.log(`SANE: 2 pages scanned and read in ${Math.round(performance.now() - t0)} ms`);
    expect(v.state).toBe('ready');
    expect(v.problem).toBeNull();
    expect(v.pages.map((p) => [p.number, p.state])).toEqual([
      [1, 'read'],
      [2, 'read'],
    ]);
    expect(v.fields).toEqual([]);
    const mine = events.filter((x) => x.e.type === 'scanSession' && x.e.session.sessionId === started.sessionId);
    expect(mine.every((x) => x.audience === 'kiosk')).toBe(true);
    const progress = mine.map((x) => (x.e.type === 'scanSession' ? x.e.session.progress : null)).filter((p) => p !== null);
    expect(progress.some((p) => p.page === 2)).toBe(true);
    expect(progress.some((p) => p.percent === 100)).toBe(true);

    await call('finishScan', { sessionId: started.sessionId });
    const procedure = core.catalog.procedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
    const r = await call<DossierReceipt>('submitDossier', {
      procedureId: procedure.id,
      applicant: { fullName: 'Trần Thị Lan', idNumber: '046190001234', address: '3 Hùng Vương, Huế', phone: '0905000111' },
      documents: [{ name: 'Giấy tờ quét', status: 'scanned' }],
      delivery: { method: 'counter' },
      scanSessionId: started.sessionId,
    });
    const row = core.db
      .prepare<[string], { path: string; size: number }>('SELECT a.path, a.size FROM dossier_attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ?')
      .get(r.dossierCode)!;
    const pdf = readFileSync(join(root.dir, 'core', row.path));
    expect(pdf.length).toBe(row.size);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    const outbox = core.db.prepare<[string], { kind: string; payload: string }>('SELECT kind, payload FROM outbox WHERE aggregate_code = ? ORDER BY id').all(r.dossierCode);
    expect(outbox.map((o) => o.kind)).toEqual(['submit_dossier', 'upload_attachment']);
    expect(JSON.parse(outbox[1]!.payload)).toMatchObject({ name: 'ho-so-quet.pdf', size: pdf.length });
  });

  it('keeps the pages scanned before a jam, says so in Vietnamese with the ways on, and a retry adds to them', async () => {
    core.config.scan.scanimage = jammingScanimage();
    core.config.scan.profile.maxPages = 3;
    const started = await call<ScanSessionView>('startScan', { source: 'sane' });
    const jammed = await settled(started.sessionId);
    expect(jammed.state).toBe('problem');
    expect(jammed.problem).toEqual({
      problem: 'jam',
      message: 'Giấy bị kẹt trong máy quét. Vui lòng nhờ cán bộ hỗ trợ lấy giấy ra.',
      messageEn: 'Paper is jammed in the scanner. Please ask staff to remove it.',
      blocking: true,
      wayOn: ['retry', 'continue', 'counter'],
    });
    expect(jammed.pages.map((p) => p.number)).toEqual([1, 2]);
    const kept = jammed.pages.map((p) => p.pageId);

    // Staff cleared the jam; the citizen taps "Quét lại".
    core.config.scan.scanimage = 'scanimage';
    const again = await call<ScanSessionView>('scanMore', { sessionId: started.sessionId });
    expect(again.state).toBe('scanning');
    expect(again.problem).toBeNull();
    const after = await settled(started.sessionId);
    expect(after.state).toBe('ready');
    expect(after.pages.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(after.pages.slice(0, 2).map((p) => p.pageId)).toEqual(kept);
    await call('discardScan', { sessionId: started.sessionId });
  });

  it('tells the citizen when the scanner is unplugged, and when the kiosk has none', async () => {
    const configured = core.config.devices.documentScanner!;
    core.config.devices.documentScanner = { ...configured, device: 'nosuch:0' };
    const s = await call<ScanSessionView>('startScan', { source: 'sane' });
    const v = await settled(s.sessionId);
    expect(v.pages).toEqual([]);
    expect(v.problem).toMatchObject({ problem: 'unplugged', blocking: true, message: 'Không tìm thấy máy quét. Vui lòng nhờ cán bộ kiểm tra dây cáp và nguồn điện.' });
    await call('discardScan', { sessionId: s.sessionId });

    core.config.devices.documentScanner = null;
    // The document camera (scan.camera, on by default) is still there; a kiosk without one has nothing.
    expect(await call('scanSources', {})).toEqual({ sources: ['camera'], templateId: null, templateTitle: null });
    core.config.scan.camera = false;
    expect(await call('scanSources', {})).toEqual({ sources: [], templateId: null, templateTitle: null });
    const none = await core.dispatch('startScan', { source: 'sane' }, kiosk);
    expect(none.ok === false && none.error).toMatchObject({ code: 'unavailable', messageVi: 'Ki-ốt này chưa kết nối máy quét giấy tờ. Mời quý vị xuất trình bản chính tại quầy.' });
    core.config.devices.documentScanner = configured;
    core.config.scan.camera = true;
  });
});

describe('scan session expiry', () => {
  it('forgets a session and deletes its pages once it has not been touched for scan.sessionMinutes', async () => {
    const clock = manualClock('2026-05-04T02:00:00Z');
    const dir = join(root.dir, 'expiry');
    const c = createCore({
      dataDir: dir,
      clock,
      config: parseConfig({
        devices: { documentScanner: { id: 'docscan-1', device: 'test:0', pollMs: 600_000 } },
        scan: { profile: { source: 'flatbed', resolution: 75, mode: 'Gray' }, ocrWorkers: 1, sessionMinutes: 15 },
      }),
      printer: () => null,
      publicUrl: () => 'http://kiosk.test',
      printWaitMs: 50,
    });
    try {
      const get = (sessionId: string) => c.dispatch('scanSession', { sessionId }, kiosk);
      const s = await c.dispatch('startScan', { source: 'sane' }, kiosk);
      if (!s.ok) throw new Error(s.error.message);
      const id = (s.value as ScanSessionView).sessionId;
      for (;;) {
        const v = await get(id);
        if (v.ok && (v.value as ScanSessionView).state === 'ready') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await get(id)).ok).toBe(true);
      expect(readdirSync(join(dir, 'scan-sessions', id)).length).toBe(3); // clean page, view, thumbnail
      clock.advance(14 * 60_000);
      expect((await get(id)).ok).toBe(true); // touching it keeps it alive
      clock.advance(15 * 60_000 + 1);
      expect(c.scans.count()).toBe(0);
      expect(existsSync(join(dir, 'scan-sessions', id))).toBe(false);
      const gone = await get(id);
      expect(gone.ok === false && gone.error.code).toBe('not_found');
    } finally {
      await c.close();
    }
  });
});
