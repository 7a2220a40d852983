import { spawn } from 'node:child_process';
import { VoiceError } from './errors.ts';

export interface ToolResult {
  stdout: string;
  stderr: string;
}

export interface RunToolOptions {
  /** Written to the tool's stdin (then closed); text goes this way so it can never be read as an option. */
  input?: string;
  timeoutMs?: number;
}

const STDERR_KEEP = 2000;

/** Which Debian package provides a tool, for the "not installed" message. */
function packageFor(bin: string): string {
  if (bin.includes('espeak')) return 'espeak-ng';
  if (bin.includes('sox')) return 'sox';
  return bin;
}

/**
 * Runs a local tool without a shell and resolves with its output; a missing binary, a non-zero exit or a time-out
 * rejects with a VoiceError naming the tool and its own complaint (stderr), never with a bare spawn error.
 */
export function runTool(bin: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    // Our own timer rather than spawn's `timeout` option: Node keeps that one armed even when the binary is
    // missing, which held a shutting-down process open for the whole time-out.
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    timer.unref();
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < STDERR_KEEP) err += b.toString('utf8');
    });
    // The tool may exit before reading all of stdin (e.g. a bad voice); its exit status tells the real story.
    child.stdin.on('error', () => undefined);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') {
        reject(new VoiceError('tool-missing', `${bin} is not installed (Debian package ${packageFor(bin)})`, { cause: e }));
      } else {
        reject(new VoiceError('render-failed', `${bin} could not start: ${e.message}`, { cause: e }));
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = err.trim().slice(0, STDERR_KEEP);
      if (code === 0) {
        resolve({ stdout, stderr });
        return;
      }
      const how = signal !== null ? `was killed (${signal}${timedOut ? `, over ${timeoutMs} ms` : ''})` : `exited ${String(code)}`;
      reject(new VoiceError('render-failed', `${bin} ${how}${stderr ? `: ${stderr}` : ''}`));
    });
    child.stdin.end(options.input ?? '');
  });
}
