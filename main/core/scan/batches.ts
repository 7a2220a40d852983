import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createHotFolder, HOT_FOLDER_EXTENSIONS } from '../../../drivers/docscanner/hotfolder.ts';
import { createSaneScanner, type ScanProfile } from '../../../drivers/docscanner/sane.ts';
import type { ScanConfigValue } from '../config/schema.ts';
import { fromSaneProblem, noPagesArrived, type ProblemView, unreadableFile } from './problems.ts';

// One batch = what one tap on "Quét" brings in: a SANE scanimage run (flatbed: one page; feeder: until it runs
// dry), or the next document a scan-to-folder scanner drops into the hot folder. Pages are handed on as they
// land, so reading starts while the feeder is still pulling paper.

export interface BatchCallbacks {
  onPage(bytes: Buffer): void;
  onProgress(page: number, percent: number): void;
  /** For the technician log: never personal data. */
  log(level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>): void;
}

export interface BatchOutcome {
  problem: ProblemView | null;
}

export async function saneBatch(
  opts: { device: string; deviceId: string; scan: ScanConfigValue; outDir: string; env?: NodeJS.ProcessEnv; signal: AbortSignal },
  cb: BatchCallbacks,
): Promise<BatchOutcome> {
  const p = opts.scan.profile;
  const profile: ScanProfile = {
    id: 'kiosk-dossier',
    source: p.source,
    resolution: p.resolution,
    mode: p.mode,
    maxPages: p.maxPages,
    ...(p.sourceName ? { sourceName: p.sourceName } : {}),
  };
  const scanner = createSaneScanner({ device: opts.device, deviceId: opts.deviceId, scanimage: opts.scan.scanimage, env: opts.env ?? process.env, timeoutMs: 10 * 60_000 });
  const reads: Promise<void>[] = [];
  const result = await scanner.scan(
    profile,
    opts.outDir,
    (e) => {
      if (e.type === 'page-started') cb.onProgress(e.page, 0);
      else if (e.type === 'progress') cb.onProgress(e.page, e.percent);
      else if (e.type === 'page') {
        reads.push(
          readFile(e.page.file).then(
            (bytes) => cb.onPage(bytes),
            (err: unknown) => cb.log('warn', 'scanned page file could not be read', { err: String(err) }),
          ),
        );
      }
    },
    opts.signal,
  );
  await Promise.all(reads);
  if (result.problem) cb.log('warn', 'document scan problem', { deviceId: opts.deviceId, problem: result.problem.problem, detail: result.problem.technician });
  return { problem: result.problem && !opts.signal.aborted ? fromSaneProblem(result.problem) : null };
}

/**
 * Waits for the next document in the hot folder. Files already there when the batch starts were left by
 * someone else (or an earlier citizen): they are moved to stale/ unread, never shown to this citizen.
 */
export async function hotFolderBatch(opts: { folder: NonNullable<ScanConfigValue['hotFolder']>; signal: AbortSignal }, cb: BatchCallbacks): Promise<BatchOutcome> {
  const { dir, stableMs, pollMs, waitSeconds } = opts.folder;
  await mkdir(dir, { recursive: true });
  const staleDir = join(dir, 'stale');
  const leftovers = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && HOT_FOLDER_EXTENSIONS.includes(extname(d.name).toLowerCase()));
  if (leftovers.length > 0) {
    await mkdir(staleDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const f of leftovers) await rename(join(dir, f.name), join(staleDir, `${stamp}_${f.name}`));
    cb.log('warn', 'hot folder had files before the scan started; moved to stale/', { count: leftovers.length });
  }
  let settle!: (o: BatchOutcome) => void;
  const done = new Promise<BatchOutcome>((r) => (settle = r));
  let pagesSeen = 0;
  const folder = createHotFolder({
    dir,
    stableMs,
    pollMs,
    onDocument: async (doc) => {
      for (const page of doc.pages) {
        pagesSeen++;
        cb.onProgress(pagesSeen, 100);
        cb.onPage(page);
      }
    },
    onEvent: (e) => {
      if (e.type === 'imported') {
        // The pages now live in the session (deleted with it, or with the dossier at retention); the
        // scanner's file in done/ would be one more copy of the citizen's papers.
        rm(e.movedTo, { force: true }).catch((err: unknown) => cb.log('warn', 'imported hot folder file could not be deleted', { err: String(err) }));
        settle({ problem: null });
      }
      else {
        cb.log('warn', 'hot folder file could not be imported', { reason: e.reason });
        settle({ problem: unreadableFile() });
      }
    },
  });
  const timer = setTimeout(() => settle({ problem: noPagesArrived(waitSeconds) }), waitSeconds * 1000);
  const onAbort = () => settle({ problem: null });
  opts.signal.addEventListener('abort', onAbort, { once: true });
  await folder.start();
  try {
    return await done;
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
    await folder.stop();
  }
}
