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
const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');

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

/** Electronegativity's CSV: one header line, then quoted fields; samples may contain commas. */
function parseCsv(text: string): Finding[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  expect(header?.map((h) => h.trim()).slice(0, 6)).toEqual(['issue', 'severity', 'confidence', 'filename', 'location', 'sample']);
  return body.filter((r) => r.length >= 6).map((r) => ({ id: r[0]!, severity: r[1]!, confidence: r[2]!, file: r[3]!, location: r[4]!, sample: r[5]! }));
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
    const out = join(work.dir, 'findings.csv');
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [cli, '-i', app, '-r', '-e', electronVersion, '-o', out], { cwd: work.dir, timeout: 120_000 }, (err, _stdout, stderr) =>
        err ? reject(new Error(`electronegativity failed: ${err.message}\n${stderr}`)) : resolve(),
      ),
    );
    const findings = parseCsv(readFileSync(out, 'utf8'));
    const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    const unaccepted = serious.filter((f) => !ACCEPTED[`${f.id} ${f.file}`]);
    expect(unaccepted).toEqual([]);
    // An accepted finding that no longer appears should leave the list, so the list stays honest.
    const seen = new Set(serious.map((f) => `${f.id} ${f.file}`));
    expect(Object.keys(ACCEPTED).filter((k) => !seen.has(k))).toEqual([]);
  }, 180_000);
});
