import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { PrintDocument } from '../../../drivers/printer/document.ts';
import type { DossierSubmissionInput } from '../../central/contract.ts';
import type { DossierReceipt, DossierStatusView } from '../../contract/ops/intake.ts';
import type { DossierInput } from '../../contract/ops/intake.ts';
import { AppError } from '../../contract/result.ts';
import { appointmentFor, DEFAULT_WORK_HOURS } from '../calendar/appointment.ts';
import { vnDateOf } from '../calendar/civil-date.ts';
import type { Current } from '../calendar/calendar-holder.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { CatalogData } from '../catalog/catalog.ts';
import type { Config } from '../config/load.ts';
import { formatDossierCode } from '../dossier/code.ts';
import { buildVietQr } from '../payment/vietqr.ts';
import type { ReceiptData } from '../receipt/data.ts';
import type { ScanIntake, TakenScan } from '../scan/attachments.ts';
import { buildReceiptPrintDocument } from '../receipt/print.ts';
import type { CentralSystem } from '../sync/adapter.ts';
import { enqueue, OutboxError } from '../sync/outbox.ts';
import type { Clock } from '../util/clock.ts';
import { feeFromText } from './fee.ts';
import { type DossierRow, intakeStore } from './intake-store.ts';
import { STATUS_VI } from './status-names.ts';

export interface IntakeDeps {
  db: Database;
  clock: Clock;
  config: Config;
  catalog: CatalogData;
  /** The working-day calendar in force, read once per dossier (a technician may reload the decisions). */
  calendar: Current<WorkCalendar>;
  publicUrl: () => string;
  /** Prints on the ticket printer and resolves with the outcome (never rejects). */
  print: (ref: string, doc: PrintDocument) => Promise<'done' | 'failed' | 'printing'>;
  /** The central system when configured; status look-ups fall back to the local copy without it. */
  central: CentralSystem | null;
  /** New outbox work: the sender should look now. */
  wakeSender: () => void;
  statusTimeoutMs?: number;
  /** Pages scanned at the kiosk (DossierInput.scanSessionId); without it such dossiers are refused. */
  scans?: ScanIntake;
}

type ParsedInput = Exclude<DossierInput, never> & { documents: { name: string; status: 'scanned' | 'original_at_counter' | 'missing'; quantity: number }[] };

const RECEIPT_FEE_STATE = { exempt: 'khong-thu', paid: 'da-thanh-toan', unpaid: 'chua-thanh-toan', at_counter: 'tai-quay' } as const;

/** Receives dossiers: code, appointment, fee, receipt, and the outbox entry — all in one transaction. */
export function createIntakeService(deps: IntakeDeps) {
  const { db, clock, config } = deps;
  const st = intakeStore(db);

  function receiptData(row: DossierRow): ReceiptData {
    const applicant = JSON.parse(row.applicant) as { fullName: string; address: string; phone: string; email?: string };
    const docs = JSON.parse(row.documents) as { name: string; status: string; quantity: number }[];
    const delivery = JSON.parse(row.delivery) as { method: 'counter' } | { method: 'post'; address: string };
    const seq = row.code.slice(row.code.lastIndexOf('-') + 1);
    return {
      parentAgency: config.center.parentAgency,
      centerName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
      receiptNumber: `${seq}/TTPVHCC`,
      place: config.center.place,
      issuedOn: vnDateOf(new Date(row.received_at)),
      dossierCode: row.code,
      copy: 2,
      receivingUnit: config.center.name,
      applicant: { name: applicant.fullName, address: applicant.address, phone: applicant.phone, email: applicant.email ?? null },
      procedureName: row.procedure_name,
      documents: docs.filter((d) => d.status !== 'missing').map((d) => ({ name: d.name, quantity: d.quantity, form: d.status === 'scanned' ? 'bản quét tại ki-ốt' : 'bản chính xuất trình tại quầy' })),
      sets: 1,
      processingDays: row.processing_days,
      processingUnit: 'ngày làm việc',
      receivedAt: new Date(row.received_at),
      appointmentAt: new Date(row.appointment_at),
      resultDelivery: delivery.method === 'post' ? { method: 'buu-chinh', address: delivery.address } : { method: 'tai-bo-phan' },
      register: { book: vnDateOf(new Date(row.received_at)).slice(0, 4), number: seq },
      fee: {
        amount: row.fee_amount,
        state: RECEIPT_FEE_STATE[row.payment_state],
        vietQr: row.payment_state === 'unpaid' ? row.vietqr : null,
      },
      receiverName: config.intake.receiverName,
      digitalSignature: null,
    };
  }

  function submission(row: DossierRow, input: ParsedInput, scan: TakenScan | null): DossierSubmissionInput {
    return {
      code: row.code,
      procedureCode: row.procedure_code ?? row.procedure_id,
      applicant: {
        fullName: input.applicant.fullName,
        idType: 'cccd',
        idNumber: input.applicant.idNumber,
        ...(input.applicant.dateOfBirth ? { dateOfBirth: input.applicant.dateOfBirth } : {}),
        phone: input.applicant.phone.replace(/^0/, '+84'),
        ...(input.applicant.email ? { email: input.applicant.email } : {}),
        address: input.applicant.address,
      },
      documents: input.documents.map((d, i) => ({
        code: `doc-${i + 1}`,
        name: d.name,
        required: true,
        provided: d.status !== 'missing',
        originals: d.status === 'original_at_counter' ? d.quantity : 0,
        copies: d.status === 'scanned' ? d.quantity : 0,
      })),
      // A fee assessed at the counter is still to be paid as far as the central system knows.
      fee: { amount: row.fee_amount, currency: 'VND', paymentState: row.payment_state === 'exempt' ? 'waived' : row.payment_state === 'at_counter' ? 'unpaid' : row.payment_state },
      receivedAt: row.received_at,
      appointmentAt: row.appointment_at,
      delivery: input.delivery.method === 'post' ? { method: 'post', address: input.delivery.address } : { method: 'counter' },
      ocrFields: { ...input.ocrFields, ...scan?.ocrFields },
      ...(scan ? { attachments: scan.attachments.map((a) => ({ name: a.name, size: a.size, sha256: a.sha256, mediaType: a.mediaType })) } : {}),
      kioskId: config.center.unitId,
    };
  }

  const insert = db.transaction((input: ParsedInput, procedure: NonNullable<ReturnType<CatalogData['byId']['get']>>, fee: number | null, scan: TakenScan | null): DossierRow => {
    const now = clock.now();
    const day = vnDateOf(now);
    const seq = st.nextSeq.get(config.center.unitId, day)!.last;
    const code = formatDossierCode(config.center.unitId, now, seq, { permissive: true });
    const appointment = appointmentFor(now, procedure.processingDays ?? 0, {
      cutoffHour: config.intake.cutoffHour,
      saturdayMorning: config.intake.saturdayMorning,
      calendar: deps.calendar.current(),
      workHours: DEFAULT_WORK_HOURS,
    });
    const vietqr =
      fee !== null && fee > 0 && config.payment ? buildVietQr({ bankBin: config.payment.bankBin, account: config.payment.account, amount: fee, purpose: `Nop phi ho so ${code}`.slice(0, 25), billNumber: code.slice(-25) }) : null;
    const row = {
      code,
      access_token: randomBytes(16).toString('base64url'),
      procedure_id: procedure.id,
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      received_at: now.toISOString(),
      appointment_at: appointment.at.toISOString(),
      processing_days: procedure.processingDays ?? 0,
      applicant: JSON.stringify(input.applicant),
      documents: JSON.stringify(input.documents),
      delivery: JSON.stringify(input.delivery),
      ocr_fields: input.ocrFields || scan ? JSON.stringify({ ...input.ocrFields, ...scan?.ocrFields }) : null,
      fee_amount: fee ?? 0,
      payment_state: fee === null ? 'at_counter' : fee === 0 ? 'exempt' : 'unpaid',
      vietqr,
    };
    st.insert.run(row);
    const stored = st.byCode.get(code)!;
    for (const a of scan?.attachments ?? []) st.insertAttachment.run(stored.id, a.name, a.path, a.size, a.sha256, a.text);
    enqueue(db, { kind: 'submit_dossier', aggregateCode: code, payload: submission(stored, input, scan) }, { now: now.getTime() });
    // After the dossier: the central system takes attachments only of a dossier it already has.
    for (const a of scan?.attachments ?? []) {
      enqueue(db, { kind: 'upload_attachment', aggregateCode: code, payload: { name: a.name, size: a.size, sha256: a.sha256 } }, { now: now.getTime() });
    }
    return stored;
  });

  function view(row: DossierRow, printed: DossierReceipt['printed']): DossierReceipt {
    return {
      dossierCode: row.code,
      procedureName: row.procedure_name,
      receivedAt: row.received_at,
      appointmentAt: row.appointment_at,
      appointmentDate: vnDateOf(new Date(row.appointment_at)),
      fee: { amount: row.fee_amount, state: row.payment_state, vietQr: row.payment_state === 'unpaid' ? row.vietqr : null },
      receiptUrl: `${deps.publicUrl()}/files/receipts/${row.access_token}.pdf`,
      printed,
    };
  }

  function localStatus(row: DossierRow): DossierStatusView {
    const outbox = st.outboxState.get(row.code)?.state;
    const status = row.central_status ?? (outbox === 'failed_permanent' ? 'failed' : 'queued');
    return {
      dossierCode: row.code,
      procedureName: row.procedure_name,
      appointmentAt: row.appointment_at,
      status,
      statusVi: STATUS_VI[status] ?? status,
      paymentState: row.payment_state,
      source: 'local',
      asOf: row.central_checked_at ?? row.received_at,
    };
  }

  return {
    async submit(raw: DossierInput): Promise<DossierReceipt> {
      const input = raw as ParsedInput;
      const procedure = deps.catalog.byId.get(input.procedureId);
      if (!procedure) throw new AppError('not_found', `no procedure "${input.procedureId}"`, 'Không tìm thấy thủ tục này.');
      const missing = input.documents.filter((d) => d.status === 'missing').map((d) => d.name);
      if (missing.length > 0) {
        throw new AppError('conflict', `dossier is missing: ${missing.join('; ')}`, `Hồ sơ còn thiếu: ${missing.join('; ')}. Mời quý vị bổ sung trước khi nộp, hoặc lấy số để được nhân viên hướng dẫn.`);
      }
      if (input.documents.length === 0) throw new AppError('bad_request', 'documents: at least one document is required', 'Hồ sơ phải có ít nhất một giấy tờ.');
      // null: the published fee is not one amount; staff assess it (configure intake.fees to print it here).
      const fee = config.intake.fees[procedure.id] ?? feeFromText(procedure.feeText);
      let scan: TakenScan | null = null;
      if (input.scanSessionId !== undefined) {
        if (!deps.scans) throw new AppError('unavailable', 'this core takes no scanned pages', 'Ki-ốt này chưa nhận giấy tờ quét.');
        scan = await deps.scans.take(input.scanSessionId, procedure);
      }
      let row: DossierRow;
      try {
        row = insert(input, procedure, fee, scan);
      } catch (err) {
        scan?.rollback();
        if (err instanceof OutboxError && err.code === 'disk_full') {
          throw new AppError('unavailable', err.message, 'Ki-ốt tạm thời không lưu được hồ sơ. Mời quý vị đến quầy để được tiếp nhận trực tiếp.');
        }
        if ((err as { code?: string }).code === 'SQLITE_FULL') {
          throw new AppError('unavailable', 'the kiosk storage is full: the dossier was not saved', 'Ki-ốt tạm thời không lưu được hồ sơ. Mời quý vị đến quầy để được tiếp nhận trực tiếp.');
        }
        throw err;
      }
      scan?.commit();
      deps.wakeSender();
      const printed = await deps.print(row.code, buildReceiptPrintDocument(receiptData(row)));
      return view(row, printed);
    },

    receiptData(accessToken: string): ReceiptData {
      const row = st.byToken.get(accessToken);
      if (!row) throw new AppError('not_found', 'no such receipt');
      if (row.purged_at) throw new AppError('not_found', 'this receipt’s personal data was removed under the retention policy', 'Dữ liệu giấy tiếp nhận đã được xoá theo quy định lưu trữ.');
      return receiptData(row);
    },

    async status(code: string): Promise<DossierStatusView> {
      const row = st.byCode.get(code);
      if (deps.central) {
        try {
          const s = await Promise.race([
            deps.central.getStatus(code),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('central status timed out')), deps.statusTimeoutMs ?? 3000).unref()),
          ]);
          const at = clock.now().toISOString();
          if (row) st.setCentral.run(s.status, at, code);
          return {
            dossierCode: code,
            procedureName: row?.procedure_name ?? null,
            appointmentAt: row?.appointment_at ?? null,
            status: s.status,
            statusVi: STATUS_VI[s.status] ?? s.status,
            paymentState: s.paymentState,
            source: 'central',
            asOf: at,
          };
        } catch (err) {
          // Offline or unknown there: answer from the kiosk's copy, with its age, when there is one.
          if (!row) throw new AppError('not_found', `dossier ${code} not found (${(err as Error).message})`, 'Không tìm thấy hồ sơ với mã này.');
        }
      }
      if (!row) throw new AppError('not_found', `dossier ${code} not found`, 'Không tìm thấy hồ sơ với mã này.');
      return localStatus(row);
    },

    markPaid(code: string): DossierStatusView {
      const row = st.byCode.get(code);
      if (!row) throw new AppError('not_found', `dossier ${code} not found`, 'Không tìm thấy hồ sơ với mã này.');
      if (row.payment_state !== 'unpaid' && row.payment_state !== 'at_counter') throw new AppError('conflict', `dossier ${code} payment is ${row.payment_state}`, 'Hồ sơ này không còn phí phải thu.');
      st.setPaid.run(code);
      return localStatus(st.byCode.get(code)!);
    },

    /** Retention: blanks the personal data of a dossier the central system has confirmed. */
    purgePersonalData(code: string): void {
      const files = st.attachmentsOf.all(code).map((a) => a.path);
      st.purge.run(clock.now().toISOString(), code);
      st.deleteAttachments.run(code);
      // The scanned pages are personal data too. Deleted here, inside the purge's transaction: should the
      // transaction still fail, the rows come back pointing at nothing, which is the safe way round.
      deps.scans?.removeFiles(files);
    },

  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
