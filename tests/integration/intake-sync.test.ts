import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CentralServer, startCentralServer } from '../../main/central/server.ts';
import type { DossierReceipt, DossierStatusView } from '../../main/contract/ops/intake.ts';
import { type RunningServer, startServer } from '../../main/core/api/http-server.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { type Core, createCore } from '../../main/core/core.ts';
import { HttpCentralSystem } from '../../main/core/sync/http-central.ts';
import type { Clock } from '../../main/core/util/clock.ts';
import { citizen, manualClock, ok, staff, tempDir, testCore } from '../helpers/core.ts';
import { waitUntil } from '../helpers/wait.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const client = { id: 'kiosk-1', secret: 'kiosk-secret-1' };

async function central(port = 0): Promise<CentralServer> {
  const d = tempDir('letan-central-');
  const s = await startCentralServer({ port, host: '127.0.0.1', dataDir: d.dir, clients: [client], tokenTtlSeconds: 600 });
  cleanups.push(() => d.remove());
  return s;
}

function kiosk(centralUrl: string, clock?: Clock, config: Record<string, unknown> = {}): Core {
  const d = tempDir();
  const core = createCore({
    dataDir: d.dir,
    config: parseConfig({ center: { unitId: '000.00.12.H57' }, payment: { bankBin: '970436', account: '0011001234567' }, ...config }),
    ...(clock ? { clock } : {}),
    printer: () => null,
    publicUrl: () => 'http://kiosk.test',
    printWaitMs: 50,
    central: new HttpCentralSystem({ baseUrl: centralUrl, clientId: client.id, clientSecret: client.secret, timeoutMs: 2000 }),
    syncBackoff: { baseMs: 20, capMs: 150 },
  });
  cleanups.push(async () => {
    await core.close();
    d.remove();
  });
  return core;
}

/** A kiosk on the default config, with no central system. */
function defaultKiosk(): Core {
  const d = tempDir();
  const core = testCore({ dataDir: d.dir });
  cleanups.push(async () => {
    await core.close();
    d.remove();
  });
  return core;
}

const procedureId = '1.005442'; // Cấp lại văn bản xác nhận thông báo hoạt động bưu chính — 7 ngày làm việc, phí 500.000 đồng
const dossier = (over: Record<string, unknown> = {}) => ({
  procedureId,
  applicant: { fullName: 'Nguyễn Thị Hoà', idNumber: '046190001234', address: '12 Lê Lợi, phường Thuận Hoá, Huế', phone: '0905123456' },
  documents: [
    { name: 'Giấy đề nghị cấp lại văn bản xác nhận thông báo hoạt động bưu chính', status: 'scanned' },
    { name: 'Bản gốc văn bản xác nhận (trường hợp bị hư hỏng)', status: 'original_at_counter' },
  ],
  delivery: { method: 'counter' },
  ...over,
});

describe('dossier intake', () => {
  it('gives a TT 01/2018 dossier code, the appointment in working days, the fee with a VietQR, and delivers it once', async () => {
    const server = await central();
    cleanups.push(() => server.close());
    // Friday 24 April 2026, 09:00 in Huế: Giỗ Tổ is compensated on Mon 27/4, then 30/4 and 1/5 are holidays.
    const core = kiosk(server.url, manualClock('2026-04-24T02:00:00Z'));
    const r = await ok<DossierReceipt>(core.dispatch('submitDossier', dossier(), citizen));
    expect(r.dossierCode).toBe('000.00.12.H57-260424-0001');
    expect(r.appointmentDate).toBe('2026-05-08'); // 28, 29/4, 4, 5, 6, 7, 8/5: the 7th working day
    expect(r.fee.amount).toBe(500_000);
    expect(r.fee.state).toBe('unpaid');
    expect(r.fee.vietQr).toMatch(/^000201010212/);
    expect(r.fee.vietQr).toContain('5406500000');
    const second = await ok<DossierReceipt>(core.dispatch('submitDossier', dossier(), citizen));
    expect(second.dossierCode).toBe('000.00.12.H57-260424-0002');

    await waitUntil(() => core.sender!.backlog().pending === 0, 'delivery');
    const stored = server.store.listDossiers();
    expect(stored.map((d) => d.code)).toEqual([r.dossierCode, second.dossierCode]);
    expect(stored[0]!.body.applicant.fullName).toBe('Nguyễn Thị Hoà');
    expect(stored[0]!.body.fee).toMatchObject({ amount: 500000, paymentState: 'unpaid' });

    server.setDossierStatus(r.dossierCode, 'processing', 'paid');
    const status = await ok<DossierStatusView>(core.dispatch('dossierStatus', { code: r.dossierCode }, citizen));
    expect(status).toMatchObject({ source: 'central', status: 'processing', paymentState: 'paid', statusVi: 'Đang giải quyết' });
  });

  it('keeps taking dossiers while the central system is down, then delivers each exactly once when it returns', async () => {
    const probe = await central();
    const port = probe.port;
    await probe.close();
    const core = kiosk(`http://127.0.0.1:${port}`);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await ok<DossierReceipt>(core.dispatch('submitDossier', dossier(), citizen))).dossierCode);
    await new Promise((r) => setTimeout(r, 300)); // several failed attempts
    const backlog = await ok<{ pending: number; lastError: string | null }>(core.dispatch('syncBacklog', {}, staff));
    expect(backlog.pending).toBe(5);
    expect(backlog.lastError).not.toBeNull();
    const offline = await ok<DossierStatusView>(core.dispatch('dossierStatus', { code: codes[0]! }, citizen));
    expect(offline).toMatchObject({ source: 'local', status: 'queued' });

    const server = await central(port);
    cleanups.push(() => server.close());
    core.sender!.wake();
    await waitUntil(() => core.sender!.backlog().pending === 0, 'delivery after the outage');
    expect(server.store.listDossiers().map((d) => d.code)).toEqual(codes);
  });

  it('refuses bad and incomplete dossiers with precise messages and stores nothing', async () => {
    const server = await central();
    cleanups.push(() => server.close());
    const core = kiosk(server.url);
    const bad = await core.dispatch('submitDossier', dossier({ applicant: { fullName: '', idNumber: '123', address: 'x', phone: '12' } }), citizen);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad_request');
      expect(bad.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['applicant.fullName', 'applicant.idNumber', 'applicant.phone']));
    }
    const missing = await core.dispatch('submitDossier', dossier({ documents: [{ name: 'Tờ khai', status: 'missing' }] }), citizen);
    expect(missing.ok === false && missing.error.messageVi).toMatch(/Hồ sơ còn thiếu: Tờ khai/);
    const unknown = await core.dispatch('submitDossier', dossier({ procedureId: 'nope' }), citizen);
    expect(unknown.ok === false && unknown.error.code).toBe('not_found');
    expect(core.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('serves the receipt as a PDF with the official title and the dossier code, then purges personal data after retention', async () => {
    const server = await central();
    cleanups.push(() => server.close());
    const core = kiosk(server.url, undefined, { intake: { retentionDays: 0 } });
    const http: RunningServer = await startServer(core, { host: '127.0.0.1', port: 0 });
    cleanups.push(() => http.close());
    const r = await ok<DossierReceipt>(core.dispatch('submitDossier', dossier(), citizen));
    const path = new URL(r.receiptUrl).pathname;
    const res = await fetch(http.url + path);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const d = tempDir();
    writeFileSync(`${d.dir}/r.pdf`, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', `${d.dir}/r.pdf`, '-'], { encoding: 'utf8' });
    d.remove();
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(r.dossierCode);
    expect(text).toContain('Nguyễn Thị Hoà');
    expect((await fetch(`${http.url}/files/receipts/AAAAAAAAAAAAAAAAAAAA.pdf`)).status).toBe(404);

    await waitUntil(() => core.sender!.backlog().pending === 0, 'delivery');
    await new Promise((r2) => setTimeout(r2, 20)); // retention counts from the confirmation's time
    const report = core.runRetention();
    expect(report.purged).toEqual([r.dossierCode]);
    const row = core.db.prepare('SELECT applicant, purged_at FROM dossiers WHERE code = ?').get(r.dossierCode) as { applicant: string; purged_at: string | null };
    expect(row.applicant).toBe('{}');
    expect(row.purged_at).not.toBeNull();
    expect((await fetch(http.url + path)).status).toBe(404);
    const audit = core.db.prepare("SELECT action, target, detail FROM audit_log WHERE origin = 'retention'").all() as { action: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Nguyễn');
  });

  it('lets staff record a payment, not citizens', async () => {
    const server = await central();
    cleanups.push(() => server.close());
    const core = kiosk(server.url);
    const r = await ok<DossierReceipt>(core.dispatch('submitDossier', dossier(), citizen));
    expect((await core.dispatch('markDossierPaid', { code: r.dossierCode }, citizen)).ok).toBe(false);
    const paid = await ok<DossierStatusView>(core.dispatch('markDossierPaid', { code: r.dossierCode }, staff));
    expect(paid.paymentState).toBe('paid');
    expect((await core.dispatch('markDossierPaid', { code: r.dossierCode }, staff)).ok).toBe(false);
  });
});

describe('a fresh install', () => {
  it('takes a dossier on the default config, with no central system configured, and keeps it queued', async () => {
    const core = defaultKiosk();
    const r = await ok<DossierReceipt>(core.dispatch('submitDossier', dossier(), citizen));
    expect(r.dossierCode).toMatch(/^000\.00\.00\.H57-\d{6}-0001$/);
    const status = await ok<DossierStatusView>(core.dispatch('dossierStatus', { code: r.dossierCode }, citizen));
    expect(status).toMatchObject({ source: 'local', status: 'queued' });
  });
});

describe('fees', () => {
  it('records a fee the published text does not pin down as assessed at the counter, not as free', async () => {
    const core = defaultKiosk();
    // Chứng thực bản sao: "2.000 đ/trang cho trang 1 và 2; …" — a per-page fee.
    const r = await ok<DossierReceipt>(
      core.dispatch('submitDossier', dossier({ procedureId: '2.000815', documents: [{ name: 'Bản chính giấy tờ cần chứng thực', status: 'original_at_counter' }] }), citizen),
    );
    expect(r.fee).toEqual({ amount: 0, state: 'at_counter', vietQr: null });
    const data = core.intake.receiptData((core.db.prepare('SELECT access_token FROM dossiers').get() as { access_token: string }).access_token);
    expect(data.fee.state).toBe('tai-quay');
    const outbox = JSON.parse((core.db.prepare('SELECT payload FROM outbox').get() as { payload: string }).payload) as { fee: unknown };
    expect(outbox.fee).toMatchObject({ amount: 0, paymentState: 'unpaid' });
  });
});
