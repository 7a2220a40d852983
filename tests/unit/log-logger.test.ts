import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/core/log/create-logger.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'letan-log-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const readAll = async (files: string[]) => files.map((f) => readFileSync(f, 'utf8')).join('');

const PERSONAL = ['Nguyễn Văn An', '001099012345', '123456789', '0912345678', 'an.nguyen@example.vn', '1958-03-04', '12 Lê Lợi, Huế'];

describe('createLogger', () => {
  it('writes JSON lines without any personal value, keeping the rest', async () => {
    const dir = tempDir();
    const log = await createLogger({ dir, level: 'info' });
    log.logger.info(
      {
        ticket: 'A012',
        counter: 5,
        fullName: 'Nguyễn Văn An',
        idNumber: '001099012345',
        citizen: { address: '12 Lê Lợi, Huế' },
        intake: { phone: '0912345678', procedure: '1.001234' },
        deep: { a: { b: { email: 'an.nguyen@example.vn', dateOfBirth: '1958-03-04' } } },
      },
      'intake submitted',
    );
    log.logger.warn('CCCD 001099012345 did not match the old CMND 123456789 (phone 0912345678)');
    log.logger.child({ kiosk: 'k1', payload: { fullName: 'Nguyễn Văn An' } }).error(new Error('chip read failed for 001099012345'));
    log.logger.debug('below the level: never written');
    await log.close();

    const files = await log.files();
    expect(files).toEqual([join(dir, 'letan.1.log')]);
    const text = await readAll(files);
    for (const value of PERSONAL) expect(text).not.toContain(value);

    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'intake submitted',
      ticket: 'A012',
      counter: 5,
      fullName: '[redacted]',
      idNumber: '[redacted]',
      citizen: '[redacted]',
      intake: { phone: '[redacted]', procedure: '1.001234' },
      deep: { a: { b: { email: '[redacted]', dateOfBirth: '[redacted]' } } },
    });
    expect(lines[1]).toMatchObject({ level: 40, msg: 'CCCD [id-12] did not match the old CMND [id-9] (phone [phone])' });
    expect(lines[2]).toMatchObject({
      level: 50,
      kiosk: 'k1',
      payload: '[redacted]',
      msg: 'chip read failed for [id-12]',
      err: { type: 'Error', message: 'chip read failed for [id-12]' },
    });
    expect(typeof lines[2]?.time).toBe('string');
  });

  it('rotates to a second file past the size limit, keeping every line', async () => {
    const dir = tempDir();
    const log = await createLogger({ dir, level: 'info', rotate: { size: 4096, count: 10 } });
    // Lines arrive in bursts over time; pino-roll rolls when the file stream drains after crossing the size.
    for (let burst = 0; burst < 6; burst += 1) {
      for (let i = 0; i < 20; i += 1) log.logger.info({ burst, i }, 'queue event with enough text to fill the file');
      await log.flush();
    }
    await log.close();
    const files = await log.files();
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files[0]).toBe(join(dir, 'letan.1.log'));
    expect(files[1]).toBe(join(dir, 'letan.2.log'));
    expect(statSync(files[0] ?? '').size).toBeGreaterThanOrEqual(4096);
    const lines = (await readAll(files)).trim().split('\n');
    expect(lines).toHaveLength(120);
  });

  it('keeps only `count` rotated files besides the current one', async () => {
    const dir = tempDir();
    const log = await createLogger({ dir, rotate: { size: 1024, count: 1 } });
    for (let burst = 0; burst < 8; burst += 1) {
      for (let i = 0; i < 15; i += 1) log.logger.info({ burst, i }, 'line');
      await log.flush();
    }
    await log.close();
    const files = await log.files();
    expect(files.length).toBeLessThanOrEqual(2);
    expect(files.at(-1)).not.toBe(join(dir, 'letan.1.log'));
  });

  it('refuses bad options with a precise reason', async () => {
    await expect(createLogger({ dir: '', level: 'info' })).rejects.toThrow(/dir/);
    await expect(createLogger({ dir: tempDir(), rotate: { size: '10', count: 2 } })).rejects.toThrow(/size/);
  });
});
