import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runParseId } from '../../main/cli/parse-id.ts';
import { ICAO_TD1, QR_2021 } from './identity-fixtures.ts';

async function run(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runParseId(args, {
    stdin: Readable.from([Buffer.from(stdin, 'utf8')]),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe('letan parse-id', () => {
  it('prints one JSON object for a QR payload argument', async () => {
    const r = await run(['--today', '2026-03-01', QR_2021]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.endsWith('\n')).toBe(true);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out)).toMatchObject({ source: 'cccd-qr', fullName: 'Nguyễn Văn Ánh' });
  });
  it('reads a multi-line MRZ from stdin with -', async () => {
    const r = await run(['-'], `${ICAO_TD1.join('\r\n')}\r\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ source: 'mrz-td1', documentNumber: 'D23145890' });
  });
  it('takes several arguments as MRZ lines', async () => {
    const r = await run([...ICAO_TD1]);
    expect(JSON.parse(r.out).fullName).toBe('ERIKSSON ANNA MARIA');
  });
  it('bad input: exit 2 and one line naming the field', async () => {
    const r = await run([QR_2021.replace('05011993', '31021993')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('dateOfBirth: is not a real calendar date');
  });
  it('no payload or a bad --today: exit 2 with usage', async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(['--today', 'tomorrow', QR_2021]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage');
  });
  it('runs as its own process', () => {
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/parse-id.ts', '-'], { input: ICAO_TD1.join('\n'), encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).nationality).toBe('UTO');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/parse-id.ts', 'garbage'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
