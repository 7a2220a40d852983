import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMERA_JPEG_MAX_BYTES, type ScanSessionView } from '../../main/contract/ops/scan.ts';
import { type RunningServer, startServer } from '../../main/core/api/http-server.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { type Core, createCore } from '../../main/core/core.ts';
import { renderFilledForm } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';
import { type CameraFrame, cameraFrame, frameJpeg } from '../helpers/camera-photo.ts';
import { tempDir } from '../helpers/core.ts';
import { KHAI_SINH_BAD_DATE } from '../fixtures/form-values.ts';
import { waitFor } from '../helpers/wait.ts';

// The kiosk's document camera: a filled khai sinh form photographed at an angle on a dark desk (1080p, as
// the kiosk asks its camera for), sent as JPEG through addCameraPage with the kiosk's outline and without
// one (the core finds it); the page is straightened to A4 and read like a scanned page.

const kiosk = { role: 'citizen' as const, origin: 'ipc' };
const lan = { role: 'citizen' as const, origin: '192.168.1.50' };
const templates = loadTemplates();
const VALUES = KHAI_SINH_BAD_DATE;

type Added = ScanSessionView & { capture: { rectified: boolean; quad: { x: number; y: number }[] | null; width: number; height: number } };

let data: ReturnType<typeof tempDir>;
const pushed: ScanSessionView[] = [];
let core: Core;
let http: RunningServer;
let frame: CameraFrame;
let jpeg: Buffer;

beforeAll(async () => {
  data = tempDir('letan-scan-camera-');
  core = createCore({
    dataDir: join(data.dir, 'core'),
    config: parseConfig({ center: { unitId: '000.00.12.H57' }, scan: { ocrWorkers: 1 } }),
    printer: () => null,
    publicUrl: () => 'http://kiosk.test',
    printWaitMs: 50,
  });
  core.events.subscribe((e, audience) => {
    if (e.type === 'scanSession' && audience === 'kiosk') pushed.push(e.session);
  });
  http = await startServer(core, { host: '127.0.0.1', port: 0 });
  frame = await cameraFrame(await renderFilledForm(templates.get('khai-sinh')!, VALUES, { dpi: 200 }));
  jpeg = await frameJpeg(frame, 85);
});

afterAll(async () => {
  await http?.close();
  await core?.close();
  data?.remove();
});

async function call<T>(op: string, input: unknown, ctx = kiosk): Promise<T> {
  const r = await core.dispatch(op, input, ctx);
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

// Straightening and OCR of a 1080p photo: ninety seconds' patience under load.
const until = <T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 90_000) => waitFor(get, ok, what, ms);

/** The op over the kiosk's loopback HTTP, as the kiosk page in a browser sends it. */
async function post(path: string, body: unknown): Promise<{ status: number; reply: { ok: boolean; value?: Added; error?: { code: string; message: string; messageVi?: string } } }> {
  const res = await fetch(http.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, reply: (await res.json()) as never };
}

const khaiSinh = () => core.catalog.procedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
const field = (v: ScanSessionView, name: string) => v.fields.find((f) => f.name === name)!;
const A4 = 297 / 210;

/** What the existing scan tests hold the OCR to on this form. */
function expectFormRead(v: ScanSessionView): void {
  expect(v.pages).toHaveLength(1);
  expect(v.pages[0]).toMatchObject({ number: 1, state: 'read', templateId: 'khai-sinh', error: null });
  expect(v.pages[0]!.text).toMatch(/KHAI SINH/);
  expect(v.fields.map((f) => f.name)).toEqual(templates.get('khai-sinh')!.fields.map((f) => f.name));
  expect(field(v, 'giay_to_tuy_than')).toMatchObject({ value: '046085001234', valid: true, flagged: false });
  expect(field(v, 'ngay_sinh')).toMatchObject({ value: '31/02/2024', valid: false, flagged: true, reason: 'ngày không hợp lệ (dd/mm/yyyy)' });
  expect(field(v, 'nguoi_yeu_cau')).toMatchObject({ label: 'Họ, chữ đệm, tên người yêu cầu:', mustConfirm: true, corrected: false });
  expect(field(v, 'ban_sao_co').value).toBe(true);
  expect(field(v, 'dan_toc').mustConfirm).toBe(false);
}

describe('document camera pages', () => {
  it('lists the camera, and a camera session waits for photos', async () => {
    const sources = await call<{ sources: string[]; templateId: string | null }>('scanSources', { procedureId: khaiSinh().id });
    expect(sources).toEqual({ sources: ['camera'], templateId: 'khai-sinh', templateTitle: 'Tờ khai đăng ký khai sinh' });
    const s = await call<ScanSessionView>('startScan', { procedureId: khaiSinh().id, source: 'camera' });
    expect(s).toMatchObject({ source: 'camera', state: 'idle', pages: [], templateId: 'khai-sinh' });
    const more = await core.dispatch('scanMore', { sessionId: s.sessionId }, kiosk);
    expect(more.ok === false && more.error.code).toBe('bad_request');
    expect(await call('discardScan', { sessionId: s.sessionId })).toEqual({ discarded: true });
  });

  it('straightens a photo to the kiosk’s outline and reads the form (over loopback HTTP, within the 1 MiB body)', { timeout: 120_000 }, async () => {
    expect(jpeg.length).toBeLessThan(CAMERA_JPEG_MAX_BYTES);
    const s = await call<ScanSessionView>('startScan', { procedureId: khaiSinh().id, source: 'camera' });
    const image = jpeg.toString('base64');
    const { status, reply } = await post(`/api/scan/sessions/${s.sessionId}/camera`, { image, quad: frame.quad });
    expect(status).toBe(200);
    const added = reply.value!;
    // Straightened to A4 portrait at ~210 dpi, whatever the outline's foreshortened edge lengths were.
    expect(added.capture).toMatchObject({ rectified: true, width: 1754, height: Math.round(1754 * A4) });
    expect(added.capture.quad).toEqual(frame.quad);
    expect(added.state).toBe('reading');
    const ready = await until(() => call<ScanSessionView>('scanSession', { sessionId: s.sessionId }), (v) => v.state === 'ready', 'the photo to be read');
    expectFormRead(ready);
    // The kiosk is told too: the last event for the session is the settled one (no scanner batch ends here).
    const last = await until(async () => pushed.filter((v) => v.sessionId === s.sessionId).at(-1), (v) => v?.state === 'ready', 'the settled session to be pushed', 5000);
    expect(last).toMatchObject({ state: 'ready', queued: 0, pages: [{ state: 'read' }] });
    // The page the citizen sees is the upright page, not the photo (A4 portrait, not 16:9).
    const shown = await sharp(Buffer.from(await (await fetch(http.url + ready.pages[0]!.imageUrl)).arrayBuffer())).metadata();
    expect(shown.height! / shown.width!).toBeGreaterThan(A4 * 0.95);
    expect(shown.height! / shown.width!).toBeLessThan(A4 * 1.05);
    await call('discardScan', { sessionId: s.sessionId });
  });

  it('finds the page’s outline itself when the photo comes without one', { timeout: 120_000 }, async () => {
    const s = await call<ScanSessionView>('startScan', { procedureId: khaiSinh().id, source: 'camera' });
    const added = await call<Added>('addCameraPage', { sessionId: s.sessionId, image: jpeg.toString('base64') });
    expect(added.capture).toMatchObject({ rectified: true, width: 1754, height: Math.round(1754 * A4) });
    // Found from a 640 px wide copy of the photo: each corner within a few photo pixels of the true one.
    added.capture.quad!.forEach((p, i) => expect(Math.hypot(p.x - frame.quad[i]!.x, p.y - frame.quad[i]!.y)).toBeLessThan(9));
    const ready = await until(() => call<ScanSessionView>('scanSession', { sessionId: s.sessionId }), (v) => v.state === 'ready', 'the photo to be read');
    expectFormRead(ready);
    await call('discardScan', { sessionId: s.sessionId });
  });

  it('answers only the kiosk and refuses what is not a camera photo with a page outline inside it', async () => {
    const s = await call<ScanSessionView>('startScan', { source: 'camera' });
    const image = jpeg.toString('base64');
    const fromLan = await core.dispatch('addCameraPage', { sessionId: s.sessionId, image }, lan);
    expect(fromLan.ok === false && fromLan.error.code).toBe('forbidden');

    const bad = async (input: Record<string, unknown>) => {
      const r = await core.dispatch('addCameraPage', { sessionId: s.sessionId, ...input }, kiosk);
      expect(r.ok).toBe(false);
      return r.ok ? '' : `${r.error.code}: ${r.error.message}`;
    };
    const { width: W, height: H } = frame;
    expect(await bad({ image, quad: [{ x: 10, y: 10 }, { x: W + 50, y: 10 }, { x: W - 10, y: H - 10 }, { x: 10, y: H - 10 }] })).toMatch(/bad_request: quad: corner .* outside the 1920×1080 image/);
    // Corners in the wrong order (a bow tie), and an outline too small to be a page.
    expect(await bad({ image, quad: [frame.quad[0], frame.quad[2], frame.quad[1], frame.quad[3]] })).toMatch(/bad_request: quad: corners are not a convex/);
    expect(await bad({ image, quad: [{ x: 10, y: 10 }, { x: 60, y: 10 }, { x: 60, y: 60 }, { x: 10, y: 60 }] })).toMatch(/bad_request: quad: outline too small/);
    expect(await bad({ image: 'not base64 at all!'.repeat(10) })).toMatch(/bad_request: .*base64 JPEG expected/);
    const png = (await sharp(jpeg).png().toBuffer()).toString('base64');
    expect(await bad({ image: png.slice(0, 600_000) })).toMatch(/bad_request: image: not a JPEG/);
    const truncated = jpeg.subarray(0, 2000).toString('base64');
    expect(await bad({ image: truncated })).toMatch(/bad_request: image:/);
    // Over the size the 1 MiB JSON body leaves room for: refused by the contract before decoding.
    expect(await bad({ image: 'A'.repeat(Math.ceil(CAMERA_JPEG_MAX_BYTES / 3) * 4 + 4) })).toMatch(/bad_request: .*larger than 740000 bytes/);
    // Over HTTP a body above 1 MiB never reaches the op: the server stops reading it (a 413, or the
    // connection reset before the client has finished sending).
    const huge = await post(`/api/scan/sessions/${s.sessionId}/camera`, { image: 'A'.repeat(1_100_000) }).then(
      (r) => r.status,
      (err: Error) => (err.message === 'fetch failed' ? 'connection closed' : err.message),
    );
    expect([413, 'connection closed']).toContain(huge);
    const after = await call<ScanSessionView>('scanSession', { sessionId: s.sessionId });
    expect(after.pages).toEqual([]);
    expect(after.queued).toBe(0);
    await call('discardScan', { sessionId: s.sessionId });
  });
});
