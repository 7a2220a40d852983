import type { CatalogData } from '../catalog/catalog.ts';
import type { FormTemplate } from '../ocr/template.ts';

/**
 * The form template for a procedure: the config's choice (scan.templates, by procedure id) first, else the
 * template whose `procedure` is the catalog procedure's name. Null: the papers are read as plain text.
 */
export function templateForProcedure(
  procedureId: string | undefined,
  deps: { catalog: CatalogData; templates: Map<string, FormTemplate>; configured: Record<string, string> },
): FormTemplate | null {
  if (!procedureId) return null;
  const chosen = deps.configured[procedureId];
  if (chosen !== undefined) return deps.templates.get(chosen) ?? null;
  const procedure = deps.catalog.byId.get(procedureId);
  if (!procedure) return null;
  const name = procedure.name.normalize('NFC').trim();
  for (const t of deps.templates.values()) if (t.procedure.normalize('NFC').trim() === name) return t;
  return null;
}
