import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CentralServer, startCentralServer } from '../../main/central/server.ts';
import type { CoreEvent } from '../../main/contract/events.ts';
import type { DossierReceipt } from '../../main/contract/ops/intake.ts';
import type { ScanSessionView } from '../../main/contract/ops/scan.ts';
import { type RunningServer, startServer } from '../../main/core/api/http-server.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { type Core, createCore } from '../../main/core/core.ts';
import { renderFilledForm, renderTextPage } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';
import type { Audience } from '../../main/core/util/events.ts';
import { HttpCentralSystem } from '../../main/core/sync/http-central.ts';
import { tempDir } from '../helpers/core.ts';
import { KHAI_SINH_BAD_DATE } from '../fixtures/form-values.ts';
import { waitFor } from '../helpers/wait.ts';

// A scan-to-folder scanner: the test drops a rendered, filled-in form into the hot folder after the citizen
// tapped "Quét"; the core reads it (one OCR worker), the citizen corrects and confirms, the dossier is
// submitted with the session and delivered, PDF and all, to the reference central server.

const kiosk = { role: 'citizen' as const, origin: 'ipc' };
const lan = { role: 'citizen' as const, origin: '192.168.1.50' };
const client = { id: 'kiosk-1', secret: 'kiosk-secret-1' };
const templates = loadTemplates();

let data: ReturnType<typeof tempDir>;
let centralData: ReturnType<typeof tempDir>;
let hot: string;
let central: CentralServer;
let core: Core;
let http: RunningServer;
const events: { e: CoreEvent; audience: Audience }[] = [];

beforeAll(async () => {
  data = tempDir('letan-scan-');
  centralData = tempDir('letan-scan-central-');
  hot = join(data.dir, 'hot');
  central = await startCentralServer({ port: 0, host: '127.0.0.1', dataDir: centralData.dir, clients: [client], tokenTtlSeconds: 600 });
  core = createCore({
    dataDir: join(data.dir, 'core'),
    config: parseConfig({
      center: { unitId: '000.00.12.H57' },
      intake: { retentionDays: 0 },
      scan: { hotFolder: { dir: hot, stableMs: 100, pollMs: 50, waitSeconds: 60 }, ocrWorkers: 1 },
    }),
    printer: () => null,
    publicUrl: () => 'http://kiosk.test',
    printWaitMs: 50,
    central: new HttpCentralSystem({ baseUrl: central.url, clientId: client.id, clientSecret: client.secret, timeoutMs: 5000 }),
    syncBackoff: { baseMs: 20, capMs: 150 },
  });
  core.events.subscribe((e, audience) => events.push({ e, audience }));
  http = await startServer(core, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await http?.close();
  await core?.close();
  await central?.close();
  data?.remove();
  centralData?.remove();
});

async function call<T>(op: string, input: unknown, ctx = kiosk): Promise<T> {
  const r = await core.dispatch(op, input, ctx);
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

// The scan pipeline runs OCR: a minute's patience under load.
const until = <T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 60_000) => waitFor(get, ok, what, ms);

/** As a scanner does it: written under a temporary name, then renamed into place. */
function drop(name: string, bytes: Buffer): void {
  const tmp = join(hot, `.${name}.part`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, join(hot, name));
}

const khaiSinh = () => core.catalog.procedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;

describe('scan session from a hot folder', () => {
  it('reads a filled form, flags what is wrong, takes corrections, and the dossier carries the PDF to the central server', async () => {
    const procedure = khaiSinh();
    const sources = await call<{ sources: string[]; templateId: string | null }>('scanSources', { procedureId: procedure.id });
    expect(sources).toEqual({ sources: ['hotfolder', 'camera'], templateId: 'khai-sinh', templateTitle: 'Tờ khai đăng ký khai sinh' });

    // Someone else's file left in the folder is never shown to this citizen.
    mkdirSync(hot, { recursive: true });
    writeFileSync(join(hot, 'left-over.png'), await renderTextPage(['Giấy tờ của người khác']));

    const started = await call<ScanSessionView>('startScan', { procedureId: procedure.id, source: 'hotfolder' });
    expect(started.state).toBe('scanning');
    expect(started.templateId).toBe('khai-sinh');
    expect(started.sessionId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await until(async () => existsSync(join(hot, 'stale')) && readdirSync(join(hot, 'stale')).some((f) => f.endsWith('_left-over.png')), Boolean, 'the left-over file to be moved aside');

    const values = KHAI_SINH_BAD_DATE;
    const t0 = performance.now();
    drop('scan-0001.png', await renderFilledForm(templates.get('khai-sinh')!, values, { dpi: 150 }));
    const ready = await until(
      () => call<ScanSessionView>('scanSession', { sessionId: started.sessionId }),
      (v) => v.state === 'ready',
      'the page to be read',
    );
    console.log(`hot folder: form page scanned and read in ${Math.round(performance.now() - t0)} ms`);
    expect(ready.pages).toHaveLength(1);
    const page = ready.pages[0]!;
    expect(page).toMatchObject({ number: 1, state: 'read', templateId: 'khai-sinh', error: null });
    expect(page.text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    expect(page.text).not.toContain('người khác');
    // The scanner's file is not kept once its pages are in the session.
    expect(readdirSync(join(hot, 'done'))).toEqual([]);
    const field = (v: ScanSessionView, name: string) => v.fields.find((f) => f.name === name)!;
    expect(ready.fields.map((f) => f.name)).toEqual(templates.get('khai-sinh')!.fields.map((f) => f.name));
    expect(field(ready, 'giay_to_tuy_than')).toMatchObject({ value: '046085001234', valid: true, flagged: false });
    expect(field(ready, 'ngay_sinh')).toMatchObject({ value: '31/02/2024', valid: false, flagged: true, reason: 'ngày không hợp lệ (dd/mm/yyyy)' });
    expect(field(ready, 'nguoi_yeu_cau')).toMatchObject({ label: 'Họ, chữ đệm, tên người yêu cầu:', mustConfirm: true, corrected: false });
    expect(field(ready, 'ban_sao_co').value).toBe(true);
    expect(field(ready, 'dan_toc').mustConfirm).toBe(false);

    // Progress and pages went to the kiosk only: page text is personal data.
    const sessionEvents = events.filter((x) => x.e.type === 'scanSession');
    expect(sessionEvents.length).toBeGreaterThan(1);
    expect(sessionEvents.every((x) => x.audience === 'kiosk')).toBe(true);

    // The page image: on the kiosk machine, by its random id; never to another machine's call.
    const img = await fetch(http.url + page.imageUrl);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(img.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(http.url + page.thumbUrl)).status).toBe(200);
    expect((await fetch(http.url + '/files/scan/AAAAAAAAAAAAAAAAAAAAAAAA.jpg')).status).toBe(404);
    const fromLan = await core.dispatch('scanSession', { sessionId: started.sessionId }, lan);
    expect(fromLan.ok === false && fromLan.error.code).toBe('forbidden');

    // Names in capitals must be confirmed before the session can be confirmed.
    const early = await core.dispatch('finishScan', { sessionId: started.sessionId }, kiosk);
    expect(early.ok === false && early.error.messageVi).toMatch(/xác nhận họ tên/);
    let v = await call<ScanSessionView>('correctField', { sessionId: started.sessionId, field: 'ngay_sinh', value: '12/03/2024' });
    expect(field(v, 'ngay_sinh')).toMatchObject({ value: '12/03/2024', valid: true, flagged: false, corrected: true, confidence: 100 });
    const bad = await call<ScanSessionView>('correctField', { sessionId: started.sessionId, field: 'giay_to_tuy_than', value: '12345' });
    expect(field(bad, 'giay_to_tuy_than')).toMatchObject({ valid: false, flagged: true, reason: 'số định danh phải có 12 chữ số' });
    v = await call<ScanSessionView>('correctField', { sessionId: started.sessionId, field: 'giay_to_tuy_than', value: '046085001234' });
    for (const f of v.fields.filter((x) => x.mustConfirm && !x.corrected)) {
      v = await call<ScanSessionView>('correctField', { sessionId: started.sessionId, field: f.name, value: values[f.name as keyof typeof values] });
    }
    v = await call<ScanSessionView>('finishScan', { sessionId: started.sessionId });
    expect(v.state).toBe('finished');

    // Pages scanned for one procedure do not go into another's dossier.
    const other = core.catalog.procedures.find((p) => p.serviceId === procedure.serviceId && p.id !== procedure.id)!;
    const wrong = await core.dispatch(
      'submitDossier',
      {
        procedureId: other.id,
        applicant: { fullName: 'Nguyễn Văn An', idNumber: '046085001234', address: '12 Lê Lợi', phone: '0905123456' },
        documents: [{ name: 'Tờ khai', status: 'scanned' }],
        delivery: { method: 'counter' },
        scanSessionId: started.sessionId,
      },
      kiosk,
    );
    expect(wrong.ok === false && wrong.error.messageVi).toBe('Các trang đã quét thuộc thủ tục khác. Mời quý vị quét lại.');

    const receipt = await call<DossierReceipt>('submitDossier', {
      procedureId: procedure.id,
      applicant: { fullName: 'Nguyễn Văn An', idNumber: '046085001234', address: '12 Lê Lợi, phường Phú Hội, TP Huế', phone: '0905123456' },
      documents: [{ name: 'Tờ khai theo mẫu', status: 'scanned' }],
      delivery: { method: 'counter' },
      scanSessionId: started.sessionId,
    });
    const code = receipt.dossierCode;

    // Stored: one PDF under the data dir, the text beside it, its row with size, sha256 and text.
    const row = core.db
      .prepare<[string], { name: string; path: string; size: number; sha256: string; text: string }>(
        'SELECT a.name, a.path, a.size, a.sha256, a.text FROM dossier_attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ?',
      )
      .get(code)!;
    expect(row.name).toBe('ho-so-quet.pdf');
    const pdfPath = join(data.dir, 'core', row.path);
    const pdf = readFileSync(pdfPath);
    expect(row.size).toBe(pdf.length);
    expect(row.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(row.text).toContain('KHAI SINH');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    const beside = JSON.parse(readFileSync(join(pdfPath, '..', 'ho-so-quet.json'), 'utf8')) as { pages: { template?: string; fields?: Record<string, { value: unknown }> }[] };
    expect(beside.pages[0]!.template).toBe('khai-sinh');
    expect(beside.pages[0]!.fields!.ngay_sinh!.value).toBe('12/03/2024');
    const fields = JSON.parse(core.db.prepare<[string], { f: string }>('SELECT ocr_fields AS f FROM dossiers WHERE code = ?').get(code)!.f) as Record<string, string>;
    expect(fields).toMatchObject({ ngay_sinh: '12/03/2024', giay_to_tuy_than: '046085001234', ban_sao_co: 'true' });
    expect(fields.nguoi_yeu_cau?.normalize('NFC')).toBe('NGUYỄN VĂN AN');
    const kinds = core.db.prepare<[string], { kind: string }>('SELECT kind FROM outbox WHERE aggregate_code = ? ORDER BY id').all(code).map((r) => r.kind);
    expect(kinds).toEqual(['submit_dossier', 'upload_attachment']);

    // The session is used up; its pages are gone from the session folder.
    const after = await core.dispatch('scanSession', { sessionId: started.sessionId }, kiosk);
    expect(after.ok === false && after.error.code).toBe('not_found');
    expect(readdirSync(join(data.dir, 'core', 'scan-sessions'))).toEqual([]);
    expect((await fetch(http.url + page.imageUrl)).status).toBe(404);

    // Delivered: the central server holds the dossier with its fields, and the PDF with a verified sha256.
    await until(async () => core.sender!.backlog().pending, (n) => n === 0, 'delivery');
    const stored = central.store.listDossiers().find((d) => d.code === code)!;
    expect(stored.body.ocrFields.ngay_sinh).toBe('12/03/2024');
    expect(stored.body.attachments).toEqual([{ name: 'ho-so-quet.pdf', size: pdf.length, sha256: row.sha256, mediaType: 'application/pdf' }]);
    const status = central.store.status(code)!;
    expect(status.attachments).toEqual([{ name: 'ho-so-quet.pdf', size: pdf.length, committed: pdf.length, sha256: row.sha256, complete: true }]);
    expect(createHash('sha256').update(central.store.attachmentBytes(code, 'ho-so-quet.pdf')!).digest('hex')).toBe(row.sha256);

    // Retention: the files go with the personal data.
    await new Promise((r) => setTimeout(r, 5));
    const purge = core.runRetention();
    expect(purge.purged).toContain(code);
    expect(existsSync(pdfPath)).toBe(false);
    expect(existsSync(join(pdfPath, '..'))).toBe(false);
  });

  it('shows the text of a page without a form, removes a page, and forgets the session on discard', async () => {
    const s = await call<ScanSessionView>('startScan', { source: 'hotfolder' });
    expect(s.templateId).toBeNull();
    drop('letter.png', await renderTextPage(['Kính gửi Ủy ban nhân dân phường Phú Hội', 'Tôi xin trình bày sự việc như sau.'], { dpi: 150 }));
    const v = await until(() => call<ScanSessionView>('scanSession', { sessionId: s.sessionId }), (x) => x.state === 'ready', 'the letter to be read');
    expect(v.fields).toEqual([]);
    expect(v.pages[0]!.templateId).toBeNull();
    expect(v.pages[0]!.text).toMatch(/Ủy ban nhân dân phường Phú Hội/);

    const removed = await call<ScanSessionView>('removePage', { sessionId: s.sessionId, pageId: v.pages[0]!.pageId });
    expect(removed.pages).toEqual([]);
    expect(removed.state).toBe('idle');
    const none = await core.dispatch('finishScan', { sessionId: s.sessionId }, kiosk);
    expect(none.ok === false && none.error.messageVi).toBe('Chưa có trang nào được quét.');

    expect(await call('discardScan', { sessionId: s.sessionId })).toEqual({ discarded: true });
    const gone = await core.dispatch('scanSession', { sessionId: s.sessionId }, kiosk);
    expect(gone.ok === false && gone.error.messageVi).toBe('Phiên quét giấy tờ đã hết hạn. Mời quý vị quét lại.');
    const submit = await core.dispatch(
      'submitDossier',
      {
        procedureId: khaiSinh().id,
        applicant: { fullName: 'Nguyễn Văn An', idNumber: '046085001234', address: '12 Lê Lợi', phone: '0905123456' },
        documents: [{ name: 'Tờ khai', status: 'scanned' }],
        delivery: { method: 'counter' },
        scanSessionId: s.sessionId,
      },
      kiosk,
    );
    expect(submit.ok === false && submit.error.code).toBe('not_found');
  });
});
