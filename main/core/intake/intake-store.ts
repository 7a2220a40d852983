import type { Database, Statement } from 'better-sqlite3';

export interface DossierRow {
  id: number;
  code: string;
  access_token: string;
  procedure_id: string;
  procedure_code: string | null;
  procedure_name: string;
  received_at: string;
  appointment_at: string;
  processing_days: number;
  applicant: string;
  documents: string;
  delivery: string;
  ocr_fields: string | null;
  fee_amount: number;
  payment_state: 'unpaid' | 'paid' | 'exempt' | 'at_counter';
  vietqr: string | null;
  ticket_id: number | null;
  central_status: string | null;
  central_checked_at: string | null;
  purged_at: string | null;
}

export function intakeStore(db: Database) {
  const s = <T = unknown>(sql: string) => db.prepare(sql) as Statement<unknown[], T>;
  return {
    nextSeq: s<{ last: number }>(
      `INSERT INTO dossier_sequences (unit_id, day, last) VALUES (?, ?, 1)
       ON CONFLICT (unit_id, day) DO UPDATE SET last = last + 1 RETURNING last`,
    ),
    insert: s(
      `INSERT INTO dossiers (code, access_token, procedure_id, procedure_code, procedure_name, received_at, appointment_at,
         processing_days, applicant, documents, delivery, ocr_fields, fee_amount, payment_state, vietqr)
       VALUES (@code, @access_token, @procedure_id, @procedure_code, @procedure_name, @received_at, @appointment_at,
         @processing_days, @applicant, @documents, @delivery, @ocr_fields, @fee_amount, @payment_state, @vietqr)`,
    ),
    byCode: s<DossierRow>(`SELECT * FROM dossiers WHERE code = ?`),
    byToken: s<DossierRow>(`SELECT * FROM dossiers WHERE access_token = ?`),
    setCentral: s(`UPDATE dossiers SET central_status = ?, central_checked_at = ? WHERE code = ?`),
    setPaid: s(`UPDATE dossiers SET payment_state = 'paid' WHERE code = ? AND payment_state IN ('unpaid', 'at_counter')`),
    outboxState: s<{ state: string }>(`SELECT state FROM outbox WHERE aggregate_code = ? AND kind = 'submit_dossier' ORDER BY id DESC LIMIT 1`),
    purge: s(`UPDATE dossiers SET applicant = '{}', ocr_fields = NULL, vietqr = NULL, purged_at = ? WHERE code = ?`),
    attachmentsOf: s<{ id: number; name: string; path: string; size: number; sha256: string }>(
      `SELECT a.id, a.name, a.path, a.size, a.sha256 FROM dossier_attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ?`,
    ),
    insertAttachment: s(`INSERT INTO dossier_attachments (dossier_id, name, path, size, sha256, text) VALUES (?, ?, ?, ?, ?, ?)`),
    deleteAttachments: s(`DELETE FROM dossier_attachments WHERE dossier_id = (SELECT id FROM dossiers WHERE code = ?)`),
  };
}
