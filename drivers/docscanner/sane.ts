import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceState, DeviceStatusEvent } from '../device/state.ts';
import { parseScanError, type ScanProblem } from './sane-errors.ts';

// SANE scanners through the `scanimage` command, in a child process (never on the UI thread): flatbed or ADF
// batch, pages reported as they land, failures turned into DeviceProblem values. Pages scanned before a
// failure are kept.

export interface ScanProfile {
  id: string;
  source: 'flatbed' | 'adf';
  resolution: number;
  mode: 'Gray' | 'Color' | 'Lineart';
  /** The backend's name for the source when it differs from SANE's usual ("ADF Front", "ADF Duplex"…). */
  sourceName?: string;
  /** Stop after this many pages (ADF); a flatbed scans one. */
  maxPages?: number;
}

export interface ScannedPage {
  page: number;
  file: string;
  bytes: number;
}

export type ScanEvent =
  | { type: 'page-started'; page: number }
  | { type: 'progress'; page: number; percent: number }
  | { type: 'page'; page: ScannedPage }
  | { type: 'problem'; problem: ScanProblem }
  | { type: 'status'; status: DeviceStatusEvent };

export interface ScanResult {
  pages: ScannedPage[];
  problem: ScanProblem | null;
  state: DeviceState;
}

export interface SaneScannerOptions {
  /** SANE device name, e.g. "test:0", "fujitsu:fi-7160:1234". */
  device: string;
  deviceId?: string;
  /** Path of scanimage (tests pass a wrapper). */
  scanimage?: string;
  env?: NodeJS.ProcessEnv;
  /** scanimage sometimes hangs after reporting a fault (e.g. cover open); it is killed this long after. */
  exitGraceMs?: number;
  /** Whole-batch limit. */
  timeoutMs?: number;
  now?: () => Date;
}

export interface SaneDevice {
  name: string;
  vendor: string;
  model: string;
  type: string;
}

export interface SaneScanner {
  /** Scans into `outDir` (created if needed) as page-N.png. */
  scan(profile: ScanProfile, outDir: string, onEvent?: (e: ScanEvent) => void, signal?: AbortSignal): Promise<ScanResult>;
  list(): Promise<SaneDevice[]>;
}

export function scanimageArgs(device: string, profile: ScanProfile, outDir: string): string[] {
  const source = profile.sourceName ?? (profile.source === 'adf' ? 'Automatic Document Feeder' : 'Flatbed');
  const args = [
    '-d',
    device,
    `--batch=${join(outDir, 'page-%d.png')}`,
    '--format=png',
    '--batch-print',
    '--progress',
    '--source',
    source,
    '--resolution',
    String(profile.resolution),
    '--mode',
    profile.mode,
  ];
  const count = profile.source === 'flatbed' ? 1 : profile.maxPages;
  if (count !== undefined) args.push(`--batch-count=${count}`);
  return args;
}

export function createSaneScanner(options: SaneScannerOptions): SaneScanner {
  const bin = options.scanimage ?? 'scanimage';
  const deviceId = options.deviceId ?? options.device;
  const now = options.now ?? (() => new Date());
  const grace = options.exitGraceMs ?? 2000;

  const status = (state: DeviceState): DeviceStatusEvent => ({ deviceId, role: 'document-scanner', state, at: now().toISOString() });

  return {
    scan(profile, outDir, onEvent = () => undefined, signal) {
      mkdirSync(outDir, { recursive: true });
      return new Promise<ScanResult>((resolve) => {
        const pages: ScannedPage[] = [];
        let stderr = '';
        let errBuf = '';
        let outBuf = '';
        let current = 0;
        let killTimer: NodeJS.Timeout | undefined;
        let done = false;
        const child = spawn(bin, scanimageArgs(options.device, profile, outDir), {
          env: options.env ?? process.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const total = options.timeoutMs
          ? setTimeout(() => {
              stderr += `\nscanimage: timed out after ${options.timeoutMs} ms`;
              child.kill('SIGKILL');
            }, options.timeoutMs)
          : undefined;
        const onAbort = () => child.kill('SIGTERM');
        signal?.addEventListener('abort', onAbort, { once: true });

        const onStdoutLine = (line: string) => {
          const file = line.trim();
          if (!file) return;
          // --batch-print names each page once it is complete.
          const m = /page-(\d+)\.png$/.exec(file);
          if (!m || !existsSync(file)) return;
          const page: ScannedPage = { page: Number(m[1]), file, bytes: statSync(file).size };
          pages.push(page);
          onEvent({ type: 'page', page });
        };
        const onStderrLine = (line: string) => {
          const started = /^Scanning page (\d+)/.exec(line);
          if (started) {
            current = Number(started[1]);
            onEvent({ type: 'page-started', page: current });
          }
          for (const p of line.matchAll(/Progress: ([\d.]+)%/g)) onEvent({ type: 'progress', page: current, percent: Number(p[1]) });
          if (/^Batch terminated/.test(line) && !killTimer) {
            killTimer = setTimeout(() => child.kill('SIGKILL'), grace);
          }
        };
        child.stdout.setEncoding('utf8').on('data', (s: string) => {
          outBuf += s;
          const lines = outBuf.split('\n');
          outBuf = lines.pop()!;
          lines.forEach(onStdoutLine);
        });
        child.stderr.setEncoding('utf8').on('data', (s: string) => {
          stderr += s;
          errBuf += s;
          const lines = errBuf.split(/\r?\n|\r/);
          errBuf = lines.pop()!;
          lines.forEach(onStderrLine);
          // Progress comes without a newline; report it as it arrives.
          for (const p of errBuf.matchAll(/Progress: ([\d.]+)%/g)) onEvent({ type: 'progress', page: current, percent: Number(p[1]) });
          errBuf = errBuf.replace(/Progress: [\d.]+%/g, '');
        });
        const finish = (code: number | null, spawnError?: NodeJS.ErrnoException) => {
          if (done) return;
          done = true;
          clearTimeout(killTimer);
          clearTimeout(total);
          signal?.removeEventListener('abort', onAbort);
          if (outBuf) onStdoutLine(outBuf);
          let problem: ScanProblem | null;
          if (spawnError) {
            problem = {
              problem: 'error',
              status: 'SPAWN',
              technician: `cannot run ${bin}: ${spawnError.code ?? spawnError.message} (install Debian package sane-utils)`,
              citizen: 'Máy quét chưa sẵn sàng. Vui lòng nhờ cán bộ hỗ trợ.',
              citizenEn: 'The scanner is not available. Please ask staff for help.',
              blocking: true,
            };
          } else if (signal?.aborted) {
            problem = null;
          } else {
            // A killed-after-fault scanimage exits by signal; its stderr still names the fault.
            problem = parseScanError(stderr, code ?? (killTimer ? -1 : null), options.device);
            // An ADF running dry after at least one page is the normal end of a batch.
            if (problem?.problem === 'feeder-empty' && profile.source === 'adf' && pages.length > 0) problem = null;
          }
          if (problem) onEvent({ type: 'problem', problem });
          const state: DeviceState = !problem
            ? { kind: 'ready' }
            : problem.problem === 'unplugged'
              ? { kind: 'absent' }
              : problem.blocking
                ? { kind: 'error', problems: [problem.problem], message: problem.technician }
                : { kind: 'warning', problems: [problem.problem] };
          onEvent({ type: 'status', status: status(state) });
          pages.sort((a, b) => a.page - b.page);
          resolve({ pages, problem, state });
        };
        child.on('error', (e) => finish(null, e as NodeJS.ErrnoException));
        child.on('close', (code) => finish(code));
      });
    },

    list() {
      return new Promise<SaneDevice[]>((resolve) => {
        const child = spawn(bin, ['-f', '%d\t%v\t%m\t%t%n'], { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
        child.on('error', () => resolve([]));
        child.on('close', () =>
          resolve(
            out
              .split('\n')
              .filter((l) => l.includes('\t'))
              .map((l) => {
                const [name = '', vendor = '', model = '', type = ''] = l.split('\t');
                return { name, vendor, model, type };
              }),
          ),
        );
      });
    },
  };
}
