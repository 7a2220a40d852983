import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// All positions are page-relative: x as a fraction of the page width, y as a fraction of the page height,
// so one template serves 150 and 300 dpi scans alike. Text y is the baseline.

export const FIELD_TYPES = ['text', 'name', 'date', 'id12', 'phone', 'email', 'checkbox', 'amount'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const unit = z.number().min(0).max(1);

export const RegionSchema = z.object({ x: unit, y: unit, w: unit, h: unit }).strict();

export const PrintedTextSchema = z
  .object({
    text: z.string().min(1),
    x: unit,
    y: unit,
    /** Font size as a fraction of the page height. */
    size: z.number().positive().max(0.05),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    align: z.enum(['left', 'center', 'right']).default('left'),
    /** Used to register the page: must be left-aligned and unique on the page. */
    anchor: z.boolean().optional(),
  })
  .strict();

export const FieldSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** The label as printed on the form (Vietnamese, full diacritics). */
    label: z.string().min(1),
    /** Where the label is printed (left end, baseline); checkboxes print it left of the box. */
    labelAt: z.object({ x: unit, y: unit }).strict(),
    type: z.enum(FIELD_TYPES),
    /** Where the citizen's answer is (for a checkbox: the box). */
    region: RegionSchema,
    required: z.boolean().default(false),
    /** Allowed values (compared without case or diacritic differences). */
    oneOf: z.array(z.string()).optional(),
    anchor: z.boolean().optional(),
  })
  .strict();

export const LineSchema = z.object({ x1: unit, y1: unit, x2: unit, y2: unit }).strict();

export const FormTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    /** The procedure's name as in the catalog. */
    procedure: z.string().min(1),
    /** Legal source of the form. */
    basis: z.string().min(1),
    notes: z.string().optional(),
    fontSize: z.number().positive().max(0.05),
    printed: z.array(PrintedTextSchema),
    lines: z.array(LineSchema).default([]),
    fields: z.array(FieldSchema).min(1),
  })
  .strict()
  .superRefine((t, ctx) => {
    const names = new Set<string>();
    for (const f of t.fields) {
      if (names.has(f.name)) ctx.addIssue({ code: 'custom', message: `duplicate field ${f.name}` });
      names.add(f.name);
      if (f.region.x + f.region.w > 1 || f.region.y + f.region.h > 1) {
        ctx.addIssue({ code: 'custom', message: `field ${f.name} region leaves the page` });
      }
    }
    const anchors = anchorsOf(t);
    if (anchors.length < 3) ctx.addIssue({ code: 'custom', message: 'a template needs at least 3 anchors' });
    const keys = new Set<string>();
    for (const a of anchors) {
      const k = anchorKey(a.text);
      if (keys.has(k)) ctx.addIssue({ code: 'custom', message: `anchor "${a.text}" is not unique` });
      keys.add(k);
    }
  });

export type FormTemplate = z.infer<typeof FormTemplateSchema>;
export type FormField = z.infer<typeof FieldSchema>;
export type Region = z.infer<typeof RegionSchema>;

export interface Anchor {
  text: string;
  x: number;
  y: number;
}

/** Left-aligned printed lines and field labels marked as anchors. */
export function anchorsOf(t: Pick<FormTemplate, 'printed' | 'fields'>): Anchor[] {
  const out: Anchor[] = [];
  for (const p of t.printed) if (p.anchor && (p.align ?? 'left') === 'left') out.push({ text: p.text, x: p.x, y: p.y });
  for (const f of t.fields) if (f.anchor) out.push({ text: f.label, x: f.labelAt.x, y: f.labelAt.y });
  return out;
}

/** Words compared for anchors: NFC, lower case, no diacritics, no punctuation. */
export function normWord(w: string): string {
  return w
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Words of an anchor compared on the page (enough to tell "Họ, chữ đệm, tên người mẹ" from "… người cha"). */
export const ANCHOR_WORDS = 7;

export function anchorWords(text: string): string[] {
  return text.split(/\s+/).map(normWord).filter((w) => w.length > 0);
}

function anchorKey(text: string): string {
  return anchorWords(text).slice(0, ANCHOR_WORDS).join(' ');
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

export function parseTemplate(json: unknown, source = 'template'): FormTemplate {
  const r = FormTemplateSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new TemplateError(`${source}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return r.data;
}

/** The shipped forms folder (assets/forms), found from this file so it works from any working directory. */
export function defaultFormsDir(): string {
  return fileURLToPath(new URL('../../../assets/forms/', import.meta.url));
}

/** Loads every `*.json` template in `dir` into a map by id. */
export function loadTemplates(dir: string = defaultFormsDir()): Map<string, FormTemplate> {
  const out = new Map<string, FormTemplate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new TemplateError(`${file}: not JSON (${(e as Error).message})`);
    }
    const t = parseTemplate(json, file);
    if (out.has(t.id)) throw new TemplateError(`${file}: duplicate template id ${t.id}`);
    out.set(t.id, t);
  }
  return out;
}
