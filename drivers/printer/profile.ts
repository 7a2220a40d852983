// Printer profiles are JSON data (profiles/*.json); this schema is the single place that says what they hold.
import { readFileSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { CODE_PAGE_IDS } from './codepages/index.ts';

export const TEXT_MODES = ['codepage', 'raster'] as const;
export type TextMode = (typeof TEXT_MODES)[number];

const hex4 = z.string().regex(/^[0-9a-f]{4}$/, 'must be 4 lowercase hex digits, e.g. "04b8"');

export const printerProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and dashes'),
    name: z.string().min(1),
    paper: z.object({
      widthMm: z.union([z.literal(58), z.literal(80)]),
      /** printable dots per line: 384 on 58 mm, 576 (or 512) on 80 mm */
      dots: z.number().int().positive().multipleOf(8),
      /** characters per line in Font A at size 1 */
      columns: z.number().int().positive(),
    }),
    cutter: z.enum(['full', 'partial', 'none']),
    serial: z.object({
      baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]),
      /** whether the printer stops for RTS/CTS; most USB-serial printers do not */
      rtscts: z.boolean(),
    }),
    /** ESC t page number for each code page the firmware really holds */
    codePages: z.array(z.object({ id: z.enum(CODE_PAGE_IDS), page: z.number().int().min(0).max(255) })),
    text: z.object({
      mode: z.enum(TEXT_MODES),
      /** which of codePages carries Vietnamese in 'codepage' mode */
      vietnameseCodePage: z.enum(CODE_PAGE_IDS).optional(),
      /** many Chinese printers start in double-byte (GB18030) mode: send FS . so bytes >= 0x80 are single */
      cancelKanji: z.boolean(),
    }),
    status: z.object({ dleEot: z.boolean(), asb: z.boolean() }),
    qr: z.object({ native: z.boolean() }),
    /** GS ! magnification for the ticket number, 1..8 */
    bigTextScale: z.number().int().min(1).max(8),
    usb: z.array(z.object({ vendorId: hex4, productId: hex4 })).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const expected = p.paper.widthMm === 58 ? [384] : [512, 576];
    if (!expected.includes(p.paper.dots))
      ctx.addIssue({ code: 'custom', path: ['paper', 'dots'], message: `${p.paper.widthMm} mm paper has ${expected.join(' or ')} dots, not ${p.paper.dots}` });
    if (p.text.mode === 'codepage') {
      if (!p.text.vietnameseCodePage)
        ctx.addIssue({ code: 'custom', path: ['text', 'vietnameseCodePage'], message: 'required when text.mode is "codepage"' });
      else if (p.text.vietnameseCodePage === 'pc437')
        ctx.addIssue({ code: 'custom', path: ['text', 'vietnameseCodePage'], message: 'pc437 cannot hold Vietnamese' });
    }
    if (p.text.vietnameseCodePage && !p.codePages.some((c) => c.id === p.text.vietnameseCodePage))
      ctx.addIssue({ code: 'custom', path: ['text', 'vietnameseCodePage'], message: `"${p.text.vietnameseCodePage}" is not listed in codePages` });
  });

export type PrinterProfile = z.infer<typeof printerProfileSchema>;

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`invalid printer profile ${source}: ${issues.join('; ')}`);
  }
}

/** Validate parsed JSON; `source` names the file or config key in the error. */
export function parseProfile(json: unknown, source: string): PrinterProfile {
  const r = printerProfileSchema.safeParse(json);
  if (r.success) return r.data;
  throw new ProfileError(
    source,
    r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
  );
}

const profilesDir = new URL('./profiles/', import.meta.url);

export function listProfileIds(): string[] {
  return readdirSync(profilesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Load and validate a shipped profile by id (file name without .json). */
export function loadProfile(id: string): PrinterProfile {
  if (!/^[a-z0-9-]+$/.test(id)) throw new ProfileError(id, [`profile id "${id}" is not a valid id`]);
  const url = new URL(`${id}.json`, profilesDir);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    throw new ProfileError(`${id}.json`, [`no such profile; known: ${listProfileIds().join(', ')}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(`${id}.json`, [`not JSON: ${(e as Error).message}`]);
  }
  const p = parseProfile(json, `${id}.json`);
  if (p.id !== id) throw new ProfileError(`${id}.json`, [`id: "${p.id}" does not match the file name`]);
  return p;
}
