import { readFile } from 'node:fs/promises';
import { inputToPages, PageInputError } from '../core/ocr/input.ts';
import { OcrModelError } from '../core/ocr/model.ts';
import { createOcrPool } from '../core/ocr/pool.ts';
import { createOcrService, OcrInputError, type PageReading } from '../core/ocr/service.ts';
import { loadTemplates } from '../core/ocr/template.ts';
import type { CliIo } from './io.ts';

const USAGE = 'usage: letan ocr <image-or-pdf> [--template ID] [--json]';

/**
 * `letan ocr <file> [--template ID] [--json]`: prints the recognised text, or with --json one object
 * {text, confidence, ms, fields?}. Exit 0 on success, 2 for bad arguments or unreadable/unsupported input
 * (one line saying why), 1 when the OCR engine itself cannot start.
 */
export async function runOcr(args: string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  let templateId: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--template') {
      templateId = args[++i];
      if (!templateId) return fail(io, `--template needs an ID. ${USAGE}`);
    } else if (a.startsWith('--template=')) templateId = a.slice('--template='.length);
    else if (a.startsWith('-')) return fail(io, `unknown option ${a}. ${USAGE}`);
    else if (file === undefined) file = a;
    else return fail(io, `one file only. ${USAGE}`);
  }
  if (!file) return fail(io, USAGE);
  const templates = loadTemplates();
  if (templateId !== undefined && !templates.has(templateId)) {
    return fail(io, `unknown template "${templateId}" (known: ${[...templates.keys()].join(', ')})`);
  }
  let pages: Buffer[];
  try {
    pages = await inputToPages(await readFile(file));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return fail(io, `cannot read ${file}: no such file`);
    if (err.code === 'EISDIR') return fail(io, `cannot read ${file}: is a directory`);
    if (e instanceof PageInputError) return fail(io, `cannot read ${file}: ${e.message}`);
    throw e;
  }
  let pool;
  try {
    pool = await createOcrPool({ size: 1 });
  } catch (e) {
    if (e instanceof OcrModelError) {
      io.stderr.write(`letan ocr: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  try {
    const service = createOcrService({ pool, templates });
    const t0 = performance.now();
    const readings: PageReading[] = [];
    for (const [i, page] of pages.entries()) {
      try {
        // A template describes the form's first page; later pages are read as plain text.
        readings.push(await service.readPage(page, i === 0 && templateId ? { templateId } : {}));
      } catch (e) {
        if (e instanceof OcrInputError) return fail(io, `cannot read ${file}: ${e.message}`);
        throw e;
      }
    }
    const text = readings.map((r) => r.text).join('\n\f\n');
    if (!json) {
      io.stdout.write(text + '\n');
      return 0;
    }
    const first = readings[0];
    const confidence = Math.round(readings.reduce((s, r) => s + r.confidence, 0) / readings.length);
    const out: Record<string, unknown> = { text, confidence, ms: Math.round(performance.now() - t0), pages: readings.length };
    if (templateId && first?.fields) {
      out.template = templateId;
      out.fields = Object.fromEntries(
        Object.entries(first.fields).map(([k, f]) => [k, { value: f.value, confidence: f.confidence, valid: f.valid, ...(f.flagged ? { flagged: true } : {}) }]),
      );
    }
    io.stdout.write(JSON.stringify(out) + '\n');
    return 0;
  } finally {
    await pool.close();
  }
}

function fail(io: CliIo, why: string): number {
  io.stderr.write(`letan ocr: ${why}\n`);
  return 2;
}
