import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The shape of assets/catalog/procedures-catalog.json (copied from the published-facts file, sources kept). */
export const CatalogFile = z.object({
  source_notes: z.array(z.string()),
  procedures: z.array(
    z.object({
      code: z.string().nullable(),
      name: z.string(),
      field: z.string(),
      agency: z.string().nullable(),
      processing_days: z.number().int().nullable(),
      processing_text: z.string().nullable(),
      fee_text: z.string().nullable(),
      documents: z.array(z.object({ name: z.string(), copies: z.string().nullable().optional() })).nullable(),
      online_level: z.string().nullable().optional(),
      result: z.string().nullable(),
      source: z.string().nullable(),
      notes: z.string().nullable().optional(),
    }),
  ),
  receipt_form_fields: z.array(z.string()),
  dossier_code_rule: z.string(),
  public_holidays_rule: z.string(),
});
export type CatalogFile = z.infer<typeof CatalogFile>;

export function loadCatalogFile(path: string): CatalogFile {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = CatalogFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`catalog file ${path} is invalid at ${first?.path.join('.')}: ${first?.message}`);
  }
  return parsed.data;
}

export function defaultCatalogPath(): string {
  return new URL('../../../assets/catalog/procedures-catalog.json', import.meta.url).pathname;
}
