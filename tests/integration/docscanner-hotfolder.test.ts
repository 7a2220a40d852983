import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createHotFolder, type HotFolderDocument, type HotFolderEvent } from '../../drivers/docscanner/hotfolder.ts';
import { buildDossierPdf } from '../../main/core/ocr/dossier.ts';

const root = mkdtempSync(join(tmpdir(), 'letan-hot-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const page = (shade: string) => sharp({ create: { width: 120, height: 170, channels: 3, background: shade } }).png().toBuffer();

/** A hot folder on a hand-driven clock: each poll() is one pass; time moves only when the test says. */
async function setup(name: string, onDocument?: (d: HotFolderDocument) => Promise<void>) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  let t = 0;
  const docs: HotFolderDocument[] = [];
  const events: HotFolderEvent[] = [];
  const hf = createHotFolder({
    dir,
    stableMs: 1000,
    now: () => t,
    onDocument: onDocument ?? (async (d) => void docs.push(d)),
    onEvent: (e) => events.push(e),
  });
  await hf.start();
  await hf.stop(); // drive passes by hand below
  return { dir, hf, docs, events, advance: (ms: number) => (t += ms) };
}

describe('hot folder', () => {
  it('imports PNG, JPEG, multi-page TIFF and PDF once each file is stable, and moves them to done/', async () => {
    const { dir, hf, docs, events, advance } = await setup('formats');
    const white = await page('#ffffff');
    const grey = await page('#808080');
    writeFileSync(join(dir, 'a.png'), white);
    writeFileSync(join(dir, 'b.jpg'), await sharp(white).jpeg().toBuffer());
    writeFileSync(join(dir, 'c.tif'), await sharp([white, grey, white], { join: { animated: true } }).tiff().toBuffer());
    writeFileSync(join(dir, 'd.pdf'), await buildDossierPdf([white, grey]));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    await hf.poll(); // first sight
    expect(docs).toHaveLength(0);
    advance(1000);
    await hf.poll(); // unchanged for stableMs → imported
    expect(docs.map((d) => [d.name, d.pages.length])).toEqual([
      ['a.png', 1],
      ['b.jpg', 1],
      ['c.tif', 3],
      ['d.pdf', 2],
    ]);
    expect((await sharp(docs[2]!.pages[1]!).stats()).channels[0]!.mean).toBeCloseTo(128, -1);
    expect(events.every((e) => e.type === 'imported')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['done', 'failed', 'notes.txt']);
    expect(readdirSync(join(dir, 'done'))).toHaveLength(4);
  });

  it('waits while a scanner is still writing the file', async () => {
    const { dir, hf, docs, advance } = await setup('growing');
    const full = await sharp(await page('#ffffff')).tiff().toBuffer();
    writeFileSync(join(dir, 'scan.tif'), full.subarray(0, 100));
    await hf.poll();
    advance(800);
    writeFileSync(join(dir, 'scan.tif'), full); // grows: the stable clock restarts
    await hf.poll();
    advance(800);
    await hf.poll();
    expect(docs).toHaveLength(0);
    advance(300);
    await hf.poll();
    expect(docs.map((d) => d.name)).toEqual(['scan.tif']);
  });

  it('moves unreadable files and files the consumer rejects to failed/, with the reason', async () => {
    const { dir, hf, events, advance } = await setup('bad', async (d) => {
      if (d.name === 'rejected.png') throw new Error('dossier closed');
    });
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.4 nonsense');
    writeFileSync(join(dir, 'fake.jpg'), 'not a jpeg');
    writeFileSync(join(dir, 'rejected.png'), await page('#ffffff'));
    await hf.poll();
    advance(1000);
    await hf.poll();
    const failed = events.filter((e) => e.type === 'failed');
    expect(failed.map((e) => e.name).sort()).toEqual(['broken.pdf', 'fake.jpg', 'rejected.png']);
    expect(failed.find((e) => e.name === 'broken.pdf')!.type === 'failed' && (failed.find((e) => e.name === 'broken.pdf') as { reason: string }).reason).toMatch(/PDF could not be read/);
    expect((failed.find((e) => e.name === 'fake.jpg') as { reason: string }).reason).toMatch(/unsupported file type/);
    expect((failed.find((e) => e.name === 'rejected.png') as { reason: string }).reason).toBe('dossier closed');
    expect(readdirSync(join(dir, 'failed'))).toHaveLength(3);
    expect(existsSync(join(dir, 'broken.pdf'))).toBe(false);
  });

  it('polls on its own timer once started', async () => {
    const dir = join(root, 'timer');
    mkdirSync(dir, { recursive: true });
    const got: string[] = [];
    let resolve!: () => void;
    const imported = new Promise<void>((r) => (resolve = r));
    const hf = createHotFolder({ dir, stableMs: 50, pollMs: 20, onDocument: async (d) => void got.push(d.name), onEvent: () => resolve() });
    await hf.start();
    writeFileSync(join(dir, 'x.png'), await page('#ffffff'));
    await imported;
    await hf.stop();
    expect(got).toEqual(['x.png']);
  });
});
