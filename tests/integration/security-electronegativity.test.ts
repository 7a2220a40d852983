// Electronegativity (Doyensec) over the Electron code: the shell (main/shell), the preload and the page the
// kiosk window loads (renderer/index.html, which carries the CSP). Scanned together so its global checks
// (CSP, navigation limits, permission handler) see the whole app, as they would in the packaged asar.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const engine = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js');

/** Findings we have looked at and accept, with the reason. Keyed by check id and file. */
const ACCEPTED: Record<string, string> = {
  'PRELOAD_JS_CHECK shell/main.ts':
    'The preload is reviewed: sandboxed, contextIsolation on, it exposes one named method per citizen operation and onEvent, ' +
    'no generic invoke/send (tests/unit/shell-preload.test.ts keeps the list equal to KIOSK_IPC_OPS).',
};

interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

// Electronegativity's programmatic API, run in a child process (it prints its own progress and warnings); its
// result is printed as one marked JSON line. (Its CSV writer is not safe to read back: rows are written by
// concurrent, unawaited writes and can overwrite each other.)
const SCRIPT = `
const run = require(process.argv[1]);
run({ input: process.argv[2], isRelative: true, electronVersionOverride: process.argv[3] })
  .then((r) => console.log('ENG-RESULT ' + JSON.stringify({
    errors: r.errors,
    issues: r.issues.map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, location: i.location.line + ':' + i.location.column, sample: i.sample })),
  })))
  .catch((e) => { console.error(e); process.exit(1); });
`;

function parseResult(stdout: string): { errors: { file: string; message: string; tolerable: boolean }[]; issues: Finding[] } {
  const line = stdout.split('\n').find((l) => l.startsWith('ENG-RESULT '));
  if (!line) throw new Error(`electronegativity printed no result:\n${stdout}`);
  return JSON.parse(line.slice('ENG-RESULT '.length)) as { errors: { file: string; message: string; tolerable: boolean }[]; issues: Finding[] };
}

const work = tempDir('letan-eng-');
afterAll(() => work.remove());

describe('electronegativity over the Electron shell and preload', () => {
  it('finds nothing HIGH or MEDIUM that is not consciously accepted', async () => {
    const app = join(work.dir, 'app');
    mkdirSync(app);
    cpSync(join(root, 'main', 'shell'), join(app, 'shell'), { recursive: true });
    cpSync(join(root, 'preload'), join(app, 'preload'), { recursive: true });
    cpSync(join(root, 'renderer', 'index.html'), join(app, 'index.html'));
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', SCRIPT, engine, app, electronVersion], { cwd: work.dir, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, out, stderr) =>
        err ? reject(new Error(`electronegativity failed: ${err.message}\n${stderr}`)) : resolve(out),
      ),
    );
    const result = parseResult(stdout);
    // every file was parsed (a TypeScript file it could not read would be silently unchecked)
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    const findings = result.issues;
    expect(findings.length).toBeGreaterThan(0);
    const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    const unaccepted = serious.filter((f) => !ACCEPTED[`${f.id} ${f.file}`]);
    expect(unaccepted).toEqual([]);
    // An accepted finding that no longer appears should leave the list, so the list stays honest.
    const seen = new Set(serious.map((f) => `${f.id} ${f.file}`));
    expect(Object.keys(ACCEPTED).filter((k) => !seen.has(k))).toEqual([]);
  }, 180_000);
});
