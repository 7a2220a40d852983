import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { inputToPages } from '../../main/core/ocr/input.ts';

// Scanners that drop files into a shared folder (scan-to-folder): each file is taken once its size and
// modification time have stopped changing, split into pages (multi-page TIFF/PDF), handed on, and moved to
// done/ or failed/ so it is never imported twice.

export const HOT_FOLDER_EXTENSIONS = ['.pdf', '.tif', '.tiff', '.jpg', '.jpeg', '.png'];

export interface HotFolderDocument {
  /** Original file name. */
  name: string;
  /** One PNG/JPEG per page. */
  pages: Buffer[];
}

export type HotFolderEvent =
  | { type: 'imported'; name: string; pages: number; movedTo: string }
  | { type: 'failed'; name: string; reason: string; movedTo: string };

export interface HotFolderOptions {
  dir: string;
  /** Defaults to dir/done and dir/failed. */
  doneDir?: string;
  failedDir?: string;
  /** A file must look the same for this long before it is read (scanners write slowly). */
  stableMs?: number;
  pollMs?: number;
  /** Receives each document; throwing moves the file to failed/. */
  onDocument: (doc: HotFolderDocument) => Promise<void>;
  onEvent?: (e: HotFolderEvent) => void;
  now?: () => number;
}

export interface HotFolder {
  start(): Promise<void>;
  /** One pass over the folder (what the timer runs); resolves when the files it took are handled. */
  poll(): Promise<void>;
  stop(): Promise<void>;
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

export function createHotFolder(options: HotFolderOptions): HotFolder {
  const doneDir = options.doneDir ?? join(options.dir, 'done');
  const failedDir = options.failedDir ?? join(options.dir, 'failed');
  const stableMs = options.stableMs ?? 1500;
  const pollMs = options.pollMs ?? 500;
  const now = options.now ?? (() => Date.now());
  const emit = options.onEvent ?? (() => undefined);
  const seen = new Map<string, Seen>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;

  const moveTo = async (dir: string, name: string) => {
    // Prefix with the time so a rescanned file of the same name does not overwrite the earlier one.
    const target = join(dir, `${new Date(now()).toISOString().replace(/[:.]/g, '-')}_${name}`);
    await rename(join(options.dir, name), target);
    return target;
  };

  const handle = async (name: string) => {
    try {
      const pages = await inputToPages(await readFile(join(options.dir, name)));
      await options.onDocument({ name, pages });
      emit({ type: 'imported', name, pages: pages.length, movedTo: await moveTo(doneDir, name) });
    } catch (e) {
      emit({ type: 'failed', name, reason: (e as Error).message, movedTo: await moveTo(failedDir, name) });
    }
  };

  const pass = async () => {
    const names = (await readdir(options.dir, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith('.') && HOT_FOLDER_EXTENSIONS.includes(extname(d.name).toLowerCase()))
      .map((d) => d.name);
    for (const gone of [...seen.keys()].filter((n) => !names.includes(n))) seen.delete(gone);
    const ready: string[] = [];
    for (const name of names) {
      let st;
      try {
        st = await stat(join(options.dir, name));
      } catch {
        seen.delete(name); // removed between readdir and stat: nothing to import
        continue;
      }
      const prev = seen.get(name);
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        seen.set(name, { size: st.size, mtimeMs: st.mtimeMs, since: now() });
      } else if (st.size > 0 && now() - prev.since >= stableMs) {
        ready.push(name);
      }
    }
    for (const name of ready.sort()) {
      seen.delete(name);
      await handle(basename(name));
    }
  };

  const poll = () => {
    running ??= pass().finally(() => (running = null));
    return running;
  };

  return {
    async start() {
      await mkdir(doneDir, { recursive: true });
      await mkdir(failedDir, { recursive: true });
      stopped = false;
      const tick = () => {
        if (stopped) return;
        poll()
          .catch((e: unknown) => emit({ type: 'failed', name: options.dir, reason: `cannot read folder: ${(e as Error).message}`, movedTo: '' }))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, pollMs);
          });
      };
      tick();
    },
    poll,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
