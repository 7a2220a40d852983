import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanField, ScanSessionView, ScanSource } from '../../contract/ops/scan.ts';
import { AppError } from '../../contract/result.ts';
import type { CatalogData } from '../catalog/catalog.ts';
import type { Config } from '../config/load.ts';
import { validateField } from '../ocr/fields.ts';
import type { OcrService, PageReading } from '../ocr/service.ts';
import type { FormTemplate } from '../ocr/template.ts';
import type { Clock } from '../util/clock.ts';
import type { EventHub } from '../util/events.ts';
import type { Quad } from '../../../drivers/camera/page-quad.ts';
import { hotFolderBatch, saneBatch, type BatchOutcome } from './batches.ts';
import { cameraPage, CameraPhotoError, type CameraPage } from './camera.ts';
import { BLANK_INK, pageImages } from './page-images.ts';
import { scannerFailed, type ProblemView } from './problems.ts';
import { templateForProcedure } from './templates.ts';

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

export interface ScanServiceDeps {
  config: Config;
  catalog: CatalogData;
  templates: Map<string, FormTemplate>;
  clock: Clock;
  events: EventHub;
  log: Log;
  /** Where sessions keep their pages (deleted with the session). */
  dir: string;
  /** The OCR service, started on first use (the pool's workers cost memory and start-up time). */
  ocr: () => Promise<OcrService>;
  /** Environment for scanimage (SANE_CONFIG_DIR…); defaults to the process's. */
  saneEnv?: NodeJS.ProcessEnv;
}

interface FieldState {
  value: string | boolean;
  confidence: number;
  valid: boolean;
  flagged: boolean;
  reason: string | null;
  suggestion: string | null;
  corrected: boolean;
}

interface PageState {
  id: string;
  state: 'reading' | 'read' | 'failed';
  reading: PageReading | null;
  templateId: string | null;
  fields: Map<string, FieldState> | null;
  error: string | null;
}

interface Session {
  id: string;
  source: ScanSource;
  procedureId: string | null;
  template: FormTemplate | null;
  dir: string;
  pages: PageState[];
  problem: ProblemView | null;
  progress: { page: number; percent: number } | null;
  batch: AbortController | null;
  batches: number;
  finished: boolean;
  taking: boolean;
  touchedAt: number;
  /** Pages are processed one after another, in scanning order. */
  work: Promise<void>;
  /** Pages received and not yet shown (being cleaned up). */
  queued: number;
  gone: boolean;
}

const newId = () => randomBytes(18).toString('base64url');

/** Scan sessions: pages from the document scanner, cleaned up and read, corrected and confirmed by the citizen. */
export function createScanService(deps: ScanServiceDeps) {
  const sessions = new Map<string, Session>();
  const pageIndex = new Map<string, { session: Session; page: PageState }>();
  const cfg = () => deps.config.scan;
  const ttlMs = () => cfg().sessionMinutes * 60_000;
  let activeBatch: Session | null = null;
  let closed = false;
  // Sessions do not survive a restart: pages left by a crash are personal data nobody will come back for.
  rmSync(deps.dir, { recursive: true, force: true });
  mkdirSync(deps.dir, { recursive: true });

  const sweep = setInterval(() => expire(), 30_000);
  sweep.unref();

  function sources(): ScanSource[] {
    const out: ScanSource[] = [];
    if (deps.config.devices.documentScanner) out.push('sane');
    if (cfg().hotFolder) out.push('hotfolder');
    if (cfg().camera) out.push('camera');
    return out;
  }

  function templateOf(procedureId: string | undefined, templateId: string | undefined): FormTemplate | null {
    if (templateId !== undefined) {
      const t = deps.templates.get(templateId);
      if (!t) throw new AppError('bad_request', `no form template "${templateId}"`, 'Không có mẫu tờ khai này.');
      return t;
    }
    return templateForProcedure(procedureId, { catalog: deps.catalog, templates: deps.templates, configured: cfg().templates });
  }

  function get(id: string): Session {
    const s = sessions.get(id);
    if (!s || s.gone || deps.clock.now().getTime() - s.touchedAt > ttlMs()) {
      if (s) drop(s);
      throw new AppError('not_found', 'no such scan session (expired or discarded)', 'Phiên quét giấy tờ đã hết hạn. Mời quý vị quét lại.');
    }
    s.touchedAt = deps.clock.now().getTime();
    return s;
  }

  function drop(s: Session): void {
    if (s.gone) return;
    s.gone = true;
    s.batch?.abort();
    sessions.delete(s.id);
    for (const p of s.pages) pageIndex.delete(p.id);
    s.pages = [];
    rmSync(s.dir, { recursive: true, force: true });
  }

  function expire(): void {
    const now = deps.clock.now().getTime();
    for (const s of [...sessions.values()]) if (!s.taking && now - s.touchedAt > ttlMs()) drop(s);
  }

  function formPage(s: Session): PageState | undefined {
    return s.pages.find((p) => p.fields !== null);
  }

  function state(s: Session): ScanSessionView['state'] {
    if (s.batch) return 'scanning';
    if (s.problem) return 'problem';
    if (s.queued > 0 || s.pages.some((p) => p.state === 'reading')) return 'reading';
    if (s.finished) return 'finished';
    return s.pages.length > 0 ? 'ready' : 'idle';
  }

  function mustConfirm(type: string, value: string | boolean): boolean {
    if (typeof value !== 'string' || value === '') return false;
    // Names, and anything written in capitals: tone marks on capitals are what OCR gets wrong most.
    return type === 'name' || (/\p{Lu}.*\p{Lu}/u.test(value) && value === value.toUpperCase());
  }

  function fieldsOf(s: Session): ScanField[] {
    const page = formPage(s);
    if (!page?.fields || !s.template) return [];
    return s.template.fields.flatMap((f) => {
      const st = page.fields!.get(f.name);
      if (!st) return [];
      return [
        {
          name: f.name,
          label: f.label,
          type: f.type,
          value: st.value,
          confidence: st.confidence,
          valid: st.valid,
          flagged: st.flagged,
          reason: st.reason,
          suggestion: st.corrected ? null : st.suggestion,
          corrected: st.corrected,
          mustConfirm: mustConfirm(f.type, st.value),
          pageId: page.id,
        },
      ];
    });
  }

  function view(s: Session): ScanSessionView {
    return {
      sessionId: s.id,
      source: s.source,
      state: state(s),
      procedureId: s.procedureId,
      templateId: s.template?.id ?? null,
      templateTitle: s.template?.title ?? null,
      progress: s.batch ? s.progress : null,
      pages: s.pages.map((p, i) => ({
        pageId: p.id,
        number: i + 1,
        state: p.state,
        imageUrl: `/files/scan/${p.id}.jpg`,
        thumbUrl: `/files/scan/${p.id}.thumb.jpg`,
        text: p.reading?.text ?? '',
        confidence: p.reading?.confidence ?? 0,
        templateId: p.templateId,
        error: p.error,
      })),
      queued: s.queued,
      fields: fieldsOf(s),
      problem: s.problem,
      expiresAt: new Date(s.touchedAt + ttlMs()).toISOString(),
    };
  }

  function push(s: Session): void {
    if (s.gone) return;
    // Page images and text are personal data: the kiosk window only.
    deps.events.emit({ type: 'scanSession', session: view(s) }, 'kiosk');
  }

  async function readPage(s: Session, page: PageState, raw: Buffer): Promise<void> {
    try {
      const ocr = await deps.ocr();
      if (s.gone) return;
      const reading = await ocr.readPage(raw, s.template ? { templateId: s.template.id } : {});
      if (s.gone) return;
      page.reading = reading;
      const reg = reading.template?.registration;
      // A page the form's printed anchors were not found on is another paper (an ID copy, a certificate):
      // its text is kept, its "fields" would be read from the wrong places.
      if (reading.fields && reg && reg.anchorsFound >= Math.min(3, reg.anchorsTotal)) {
        page.templateId = reading.template!.id;
        page.fields = new Map(
          Object.entries(reading.fields).map(([name, f]) => [
            name,
            { value: f.value, confidence: f.confidence, valid: f.valid, flagged: f.flagged, reason: f.reason ?? null, suggestion: f.suggestion ?? null, corrected: false },
          ]),
        );
      }
      page.state = 'read';
    } catch (err) {
      deps.log('warn', 'scanned page could not be read', { err: (err as Error).message });
      page.state = 'failed';
      page.error = 'Không đọc được chữ trên trang này; ảnh trang vẫn được giữ trong hồ sơ.';
    }
  }

  function addPage(s: Session, raw: Buffer): void {
    s.queued++;
    s.work = s.work.then(async () => {
      if (s.gone) return;
      let images;
      try {
        images = await pageImages(raw);
      } catch (err) {
        deps.log('warn', 'scanned page image could not be decoded', { err: (err as Error).message });
        s.problem ??= scannerFailed();
        push(s);
        return;
      }
      if (images.ink < BLANK_INK) return; // the blank back of a one-sided sheet
      const page: PageState = { id: newId(), state: 'reading', reading: null, templateId: null, fields: null, error: null };
      await writeFile(join(s.dir, `${page.id}.png`), images.clean);
      await writeFile(join(s.dir, `${page.id}.jpg`), images.view);
      await writeFile(join(s.dir, `${page.id}.thumb.jpg`), images.thumb);
      if (s.gone) return;
      s.pages.push(page);
      pageIndex.set(page.id, { session: s, page });
      s.finished = false;
      push(s);
      await readPage(s, page, raw);
      push(s);
    });
    s.work = s.work
      .catch((err: unknown) => deps.log('error', 'scan page processing failed', { err: String(err) }))
      .finally(() => {
        s.queued = Math.max(0, s.queued - 1);
      });
  }

  function runBatch(s: Session): void {
    if (activeBatch && activeBatch !== s && activeBatch.batch) {
      throw new AppError('conflict', 'the document scanner is in use by another session', 'Máy quét đang bận. Vui lòng chờ một lát rồi thử lại.');
    }
    if (s.batch) throw new AppError('conflict', 'this session is already scanning', 'Máy quét đang quét.');
    const abort = new AbortController();
    s.batch = abort;
    s.problem = null;
    s.progress = null;
    s.finished = false;
    s.batches++;
    activeBatch = s;
    let lastPercent = -1;
    const cb = {
      onPage: (bytes: Buffer) => addPage(s, bytes),
      onProgress: (page: number, percent: number) => {
        // One event per 10 % is plenty for a progress bar.
        const step = Math.floor(percent / 10);
        if (s.progress?.page === page && step === lastPercent) return;
        lastPercent = step;
        s.progress = { page, percent };
        push(s);
      },
      log: (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) => deps.log(level, msg, extra),
    };
    let run: Promise<BatchOutcome>;
    if (s.source === 'sane') {
      const dev = deps.config.devices.documentScanner!;
      run = saneBatch({ device: dev.device, deviceId: dev.id, scan: cfg(), outDir: join(s.dir, `batch-${s.batches}`), env: deps.saneEnv ?? process.env, signal: abort.signal }, cb);
    } else {
      run = hotFolderBatch({ folder: cfg().hotFolder!, signal: abort.signal }, cb);
    }
    run
      .catch((err: unknown): BatchOutcome => {
        deps.log('error', 'scan batch failed', { err: String(err) });
        return { problem: scannerFailed() };
      })
      .then(async (outcome) => {
        if (s.source === 'sane') rmSync(join(s.dir, `batch-${s.batches}`), { recursive: true, force: true });
        if (activeBatch === s) activeBatch = null;
        if (s.gone) return;
        s.batch = null;
        s.progress = null;
        s.problem = outcome.problem;
        push(s);
        await s.work;
        push(s);
      })
      .catch((err: unknown) => deps.log('error', 'scan batch clean-up failed', { err: String(err) }));
  }

  function assertEditable(s: Session): void {
    if (s.taking) throw new AppError('conflict', 'the session is being submitted', 'Hồ sơ đang được nộp.');
  }

  return {
    sources,

    /** Starts the OCR workers ahead of the first scan (the documents step is on screen). */
    warm(): void {
      if (sources().length === 0) return;
      deps.ocr().catch((err: unknown) => deps.log('error', 'OCR could not start', { err: String(err) }));
    },

    templateFor(procedureId: string | undefined): FormTemplate | null {
      return templateOf(procedureId, undefined);
    },

    start(input: { procedureId?: string | undefined; templateId?: string | undefined; source: ScanSource }): ScanSessionView {
      if (closed) throw new AppError('unavailable', 'the core is shutting down');
      if (!sources().includes(input.source)) {
        throw new AppError(
          'unavailable',
          input.source === 'sane'
            ? 'no SANE document scanner configured (devices.documentScanner)'
            : input.source === 'hotfolder'
              ? 'no hot folder configured (scan.hotFolder)'
              : 'no document camera (scan.camera is false)',
          input.source === 'camera' ? 'Ki-ốt này không có máy ảnh chụp giấy tờ. Mời quý vị xuất trình bản chính tại quầy.' : 'Ki-ốt này chưa kết nối máy quét giấy tờ. Mời quý vị xuất trình bản chính tại quầy.',
        );
      }
      if (input.procedureId !== undefined && !deps.catalog.byId.has(input.procedureId)) {
        throw new AppError('not_found', `no procedure "${input.procedureId}"`, 'Không tìm thấy thủ tục này.');
      }
      const template = templateOf(input.procedureId, input.templateId);
      const id = newId();
      const dir = join(deps.dir, id);
      mkdirSync(dir, { recursive: true });
      const s: Session = {
        id,
        source: input.source,
        procedureId: input.procedureId ?? null,
        template,
        dir,
        pages: [],
        problem: null,
        progress: null,
        batch: null,
        batches: 0,
        finished: false,
        taking: false,
        touchedAt: deps.clock.now().getTime(),
        work: Promise.resolve(),
        queued: 0,
        gone: false,
      };
      sessions.set(id, s);
      // A camera session waits for the kiosk's photos (addCamera); there is no scanner batch to run.
      if (input.source !== 'camera') {
        try {
          runBatch(s);
        } catch (err) {
          drop(s);
          throw err;
        }
      }
      // Start the OCR workers now, while the paper is still in the feeder.
      deps.ocr().catch((err: unknown) => deps.log('error', 'OCR could not start', { err: String(err) }));
      return view(s);
    },

    more(sessionId: string): ScanSessionView {
      const s = get(sessionId);
      assertEditable(s);
      if (s.source === 'camera') {
        throw new AppError('bad_request', 'a camera session takes pages by addCameraPage', 'Phiên này chụp giấy tờ bằng máy ảnh: chạm "Chụp trang này".');
      }
      runBatch(s);
      return view(s);
    },

    view(sessionId: string): ScanSessionView {
      return view(get(sessionId));
    },

    /** A document-camera photo (JPEG): straightened to `quad` or the outline found, then read like a scanned page. */
    async addCamera(sessionId: string, jpeg: Buffer, quad: Quad | null): Promise<ScanSessionView & { capture: Omit<CameraPage, 'png'> }> {
      const s = get(sessionId);
      assertEditable(s);
      if (!cfg().camera) throw new AppError('unavailable', 'no document camera (scan.camera is false)', 'Ki-ốt này không có máy ảnh chụp giấy tờ.');
      if (s.batch) throw new AppError('conflict', 'this session is scanning', 'Máy quét đang quét. Vui lòng chờ xong rồi chụp.');
      let page: CameraPage;
      try {
        page = await cameraPage(jpeg, quad);
      } catch (err) {
        if (err instanceof CameraPhotoError) {
          throw new AppError('bad_request', err.message, 'Ảnh chụp không dùng được. Quý vị vui lòng chụp lại.');
        }
        throw err;
      }
      if (s.gone) throw new AppError('not_found', 'the scan session was discarded', 'Phiên quét giấy tờ đã hết hạn. Mời quý vị quét lại.');
      s.problem = null;
      addPage(s, page.png);
      // No batch ends to announce the settled session (as a scanner's does): once this page is read and
      // off the queue, the kiosk hears it.
      void s.work.then(() => push(s));
      const { png: _png, ...capture } = page;
      return { ...view(s), capture };
    },

    correct(sessionId: string, name: string, value: string | boolean): ScanSessionView {
      const s = get(sessionId);
      assertEditable(s);
      const page = formPage(s);
      const f = s.template?.fields.find((x) => x.name === name);
      const st = page?.fields?.get(name);
      if (!f || !st) throw new AppError('not_found', `no field "${name}" in this session`, 'Không có ô này trên tờ khai.');
      if (f.type === 'checkbox' ? typeof value !== 'boolean' : typeof value !== 'string') {
        throw new AppError('bad_request', `field ${name} takes a ${f.type === 'checkbox' ? 'boolean' : 'string'}`, 'Giá trị không hợp lệ.');
      }
      const v = typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value;
      const check = validateField(f, v);
      // The citizen's own word: valid values are no longer flagged; invalid ones still are, with the reason.
      page!.fields!.set(name, { value: v, confidence: 100, valid: check.valid, flagged: !check.valid, reason: check.reason ?? null, suggestion: null, corrected: true });
      s.finished = false;
      push(s);
      return view(s);
    },

    removePage(sessionId: string, pageId: string): ScanSessionView {
      const s = get(sessionId);
      assertEditable(s);
      const i = s.pages.findIndex((p) => p.id === pageId);
      if (i < 0) throw new AppError('not_found', 'no such page in this session', 'Không tìm thấy trang này.');
      const [page] = s.pages.splice(i, 1);
      pageIndex.delete(page!.id);
      for (const ext of ['png', 'jpg', 'thumb.jpg']) rmSync(join(s.dir, `${page!.id}.${ext}`), { force: true });
      s.finished = false;
      push(s);
      return view(s);
    },

    finish(sessionId: string): ScanSessionView {
      const s = get(sessionId);
      assertEditable(s);
      const st = state(s);
      if (st === 'scanning' || st === 'reading') {
        throw new AppError('conflict', `session is still ${st}`, 'Vui lòng chờ máy đọc xong các trang đã quét.');
      }
      if (s.pages.length === 0) throw new AppError('conflict', 'no pages scanned', 'Chưa có trang nào được quét.');
      const unconfirmed = fieldsOf(s).filter((f) => f.mustConfirm && !f.corrected);
      if (unconfirmed.length > 0) {
        throw new AppError('conflict', `fields to confirm first: ${unconfirmed.map((f) => f.name).join(', ')}`, 'Quý vị vui lòng xác nhận họ tên và các chữ in hoa đọc được trước khi tiếp tục.');
      }
      s.problem = null;
      s.finished = true;
      push(s);
      return view(s);
    },

    discard(sessionId: string): { discarded: boolean } {
      const s = sessions.get(sessionId);
      if (!s || s.taking) return { discarded: false };
      drop(s);
      return { discarded: true };
    },

    /** A page image for the kiosk screen, by the page's random id. */
    async image(pageId: string, kind: 'view' | 'thumb'): Promise<Buffer | null> {
      const hit = pageIndex.get(pageId);
      if (!hit || hit.session.gone) return null;
      try {
        return await readFile(join(hit.session.dir, kind === 'view' ? `${pageId}.jpg` : `${pageId}.thumb.jpg`));
      } catch {
        return null; // removed between the look-up and the read
      }
    },

    /**
     * For submitDossier: the finished session's cleaned pages, readings (with the citizen's corrections) and
     * confirmed fields. The session is marked as being taken; `release` forgets it after the dossier is stored,
     * `restore` makes it usable again when storing failed.
     */
    async take(sessionId: string, procedureId: string): Promise<{
      pages: Buffer[];
      readings: PageReading[];
      fields: Record<string, string>;
      release(): void;
      restore(): void;
    }> {
      const s = get(sessionId);
      if (s.taking) throw new AppError('conflict', 'this scan session is already being submitted', 'Hồ sơ đang được nộp.');
      if (s.procedureId !== null && s.procedureId !== procedureId) {
        throw new AppError('conflict', `scan session was started for procedure ${s.procedureId}`, 'Các trang đã quét thuộc thủ tục khác. Mời quý vị quét lại.');
      }
      if (!s.finished || state(s) !== 'finished') {
        throw new AppError('conflict', 'scan session not confirmed (finishScan)', 'Quý vị chưa xác nhận các trang đã quét.');
      }
      s.taking = true;
      try {
        const pages = await Promise.all(s.pages.map((p) => readFile(join(s.dir, `${p.id}.png`))));
        const form = formPage(s);
        const readings = s.pages.map((p): PageReading => {
          const base: PageReading = p.reading ?? { text: '', confidence: 0, ms: 0, page: { width: 0, height: 0, skewDeg: 0, noise: 0, binarised: false } };
          if (!p.fields) {
            const { fields: _fields, template: _template, ...plain } = base;
            return plain;
          }
          return {
            ...base,
            fields: Object.fromEntries(
              [...p.fields].map(([k, f]) => [k, { value: f.value, confidence: f.confidence, valid: f.valid, flagged: f.flagged, ms: 0, ocrMs: 0, ...(f.reason ? { reason: f.reason } : {}) }]),
            ),
          };
        });
        const fields: Record<string, string> = {};
        for (const [k, f] of form?.fields ?? []) {
          if (f.value === '') continue;
          fields[k] = typeof f.value === 'boolean' ? (f.value ? 'true' : 'false') : f.value;
        }
        return {
          pages,
          readings,
          fields,
          release: () => drop(s),
          restore: () => {
            s.taking = false;
          },
        };
      } catch (err) {
        s.taking = false;
        throw err;
      }
    },

    /** Sessions alive (tests, the technician's view of the kiosk). */
    count(): number {
      expire();
      return sessions.size;
    },

    async close(): Promise<void> {
      closed = true;
      clearInterval(sweep);
      const all = [...sessions.values()];
      for (const s of all) s.batch?.abort();
      await Promise.all(all.map((s) => s.work));
      for (const s of all) drop(s);
    },
  };
}
export type ScanService = ReturnType<typeof createScanService>;
