import { createHash } from 'node:crypto';
import type { Procedure } from '../../contract/schemas.ts';
import type { ServiceConfig } from '../config/schema.ts';
import type { CatalogFile } from './catalog-file.ts';

export interface CatalogData {
  procedures: Procedure[];
  byId: Map<string, Procedure>;
  sources: string[];
  receiptFormFields: string[];
}

/** Procedures without a published code get a stable id from their name, so links and dossiers keep working. */
function procedureId(code: string | null, name: string): string {
  if (code) return code;
  return 'x-' + createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 10);
}

/** Maps every catalog procedure to the queue service that receives its field; unmapped fields are reported. */
export function buildCatalog(file: CatalogFile, services: readonly ServiceConfig[]): CatalogData {
  const serviceByField = new Map<string, string>();
  for (const s of services) for (const f of s.fields) serviceByField.set(f, s.id);
  const procedures: Procedure[] = [];
  for (const p of file.procedures) {
    const serviceId = serviceByField.get(p.field);
    if (!serviceId) continue; // this center does not receive that field
    procedures.push({
      id: procedureId(p.code, p.name),
      code: p.code,
      name: p.name,
      field: p.field,
      agency: p.agency,
      processingDays: p.processing_days,
      processingText: p.processing_text,
      feeText: p.fee_text,
      documents: (p.documents ?? []).map((d) => ({ name: d.name, copies: d.copies ?? null })),
      result: p.result,
      source: p.source,
      serviceId,
    });
  }
  return {
    procedures,
    byId: new Map(procedures.map((p) => [p.id, p])),
    sources: file.source_notes,
    receiptFormFields: file.receipt_form_fields,
  };
}
