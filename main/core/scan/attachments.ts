import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../contract/result.ts';
import { buildDossierPdf, dossierText } from '../ocr/dossier.ts';
import { PermanentCentralError } from '../sync/adapter.ts';
import type { AttachmentSource } from '../sync/sender.ts';
import type { ScanService } from './scan-service.ts';

// A dossier's scanned pages on disk: <dataDir>/attachments/<random>/ho-so-quet.pdf with the recognised text
// beside it (ho-so-quet.json). The folder name is random rather than the dossier code so the files exist,
// complete, before the dossier's transaction runs; the database stores the path relative to the data dir.

export const SCANNED_PDF = 'ho-so-quet.pdf';
const ATTACHMENTS = 'attachments';

export interface StoredAttachment {
  name: string;
  /** Relative to the data dir. */
  path: string;
  size: number;
  sha256: string;
  /** The pages' recognised text (form feed between pages), searchable by staff. */
  text: string;
  mediaType: string;
}

export interface TakenScan {
  attachments: StoredAttachment[];
  /** The fields the citizen confirmed, as strings. */
  ocrFields: Record<string, string>;
  /** The dossier is stored: forget the session and its pages. */
  commit(): void;
  /** The dossier was not stored: delete the files made for it; the session can be submitted again. */
  rollback(): void;
}

/** What the intake needs from scanning: the session's pages as stored files, and deleting them at retention. */
export interface ScanIntake {
  take(sessionId: string, procedure: { id: string; name: string }): Promise<TakenScan>;
  removeFiles(relativePaths: string[]): void;
}

function inside(dataDir: string, rel: string): string {
  const base = resolve(dataDir, ATTACHMENTS);
  const abs = resolve(dataDir, rel);
  if (!abs.startsWith(base + sep)) throw new Error('attachment path outside the attachments folder');
  return abs;
}

export function createScanIntake(deps: { scans: ScanService; dataDir: string }): ScanIntake {
  return {
    async take(sessionId, procedure) {
      const taken = await deps.scans.take(sessionId, procedure.id);
      const title = procedure.name;
      const dir = join(deps.dataDir, ATTACHMENTS, randomBytes(12).toString('base64url'));
      try {
        const pdf = Buffer.from(await buildDossierPdf(taken.pages, { readings: taken.readings, title }));
        const text = dossierText(taken.readings);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, SCANNED_PDF), pdf);
        writeFileSync(join(dir, 'ho-so-quet.json'), JSON.stringify(text, null, 1));
        const attachment: StoredAttachment = {
          name: SCANNED_PDF,
          path: relative(deps.dataDir, join(dir, SCANNED_PDF)),
          size: pdf.length,
          sha256: createHash('sha256').update(pdf).digest('hex'),
          text: text.pages.map((p) => p.text).join('\n\f\n'),
          mediaType: 'application/pdf',
        };
        return {
          attachments: [attachment],
          ocrFields: taken.fields,
          commit: () => taken.release(),
          rollback: () => {
            rmSync(dir, { recursive: true, force: true });
            taken.restore();
          },
        };
      } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        taken.restore();
        if (err instanceof AppError) throw err;
        throw new AppError('internal', `scanned pages could not be made into a PDF: ${(err as Error).message}`, 'Không lưu được các trang đã quét. Vui lòng thử lại hoặc đến quầy.');
      }
    },

    removeFiles(paths) {
      for (const p of paths) rmSync(dirname(inside(deps.dataDir, p)), { recursive: true, force: true });
    },
  };
}

/** The outbox sender's source of attachment bytes: the stored file of the dossier's attachment. */
export function createAttachmentReader(db: Database, dataDir: string): AttachmentSource {
  const find = db.prepare<[string, string], { path: string }>(
    `SELECT a.path FROM dossier_attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ? AND a.name = ?`,
  );
  return {
    async read(code, name) {
      const row = find.get(code, name);
      if (!row) throw new PermanentCentralError('rejected', `attachment "${name}" of ${code} is not recorded at the kiosk (purged?)`);
      try {
        return await readFile(inside(dataDir, row.path));
      } catch (err) {
        throw new PermanentCentralError('rejected', `attachment "${name}" of ${code} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    },
  };
}
