import { useContext, useEffect, useState } from 'react';
import type { DossierReceipt } from '../../../../main/contract/ops/intake.ts';
import { useClient } from '../../api/context.ts';
import { QrCode } from '../../components/QrCode.tsx';
import { LangContext, useT } from '../../i18n.ts';
import { formatDong, vietnameseDate, vnClock } from './format.ts';
import { useKT } from './strings.ts';

/** The dossier is in: its code, the appointment, the fee with its VietQR, and whether the receipt printed. */
export function ReceiptScreen({ receipt, originals, busy, onTakeNumber, onHome }: { receipt: DossierReceipt; originals: boolean; busy: boolean; onTakeNumber: () => void; onHome: () => void }) {
  const kt = useKT();
  const t = useT();
  const { lang } = useContext(LangContext);
  const client = useClient();
  const [printed, setPrinted] = useState(receipt.printed);
  useEffect(
    () =>
      client.onEvent((e) => {
        if (e.type === 'print' && e.kind === 'receipt' && e.ref === receipt.dossierCode) setPrinted(e.state);
      }),
    [client, receipt.dossierCode],
  );
  const fee = receipt.fee;
  return (
    <div className="screen receipt-screen" data-testid="receipt-screen">
      <h1>{kt('receiptTitle')}</h1>
      <p className="receipt-label">{kt('dossierCode')}</p>
      <p className="dossier-code" data-testid="dossier-code">
        {receipt.dossierCode}
      </p>
      <p className="muted">{receipt.procedureName}</p>
      <div className="receipt-facts">
        <div>
          <span>{kt('appointment')}</span>
          <strong data-testid="appointment" data-date={receipt.appointmentDate}>
            {vietnameseDate(receipt.appointmentDate, lang)}
          </strong>
          <span>
            {kt('at')} {vnClock(receipt.appointmentAt)}
          </span>
        </div>
        <div data-testid="fee" data-state={fee.state}>
          <span>{kt('fee')}</span>
          <strong>{fee.state === 'at_counter' ? kt('feeAtCounter') : fee.state === 'exempt' || fee.amount === 0 ? kt('noFee') : formatDong(fee.amount, lang)}</strong>
          {fee.state === 'paid' && <span>{kt('paid')}</span>}
        </div>
      </div>
      {fee.state === 'unpaid' && fee.vietQr && (
        <div className="qr-block" data-testid="vietqr">
          <QrCode data={fee.vietQr} label={kt('payByQr')} />
          <p>{kt('payByQr')}</p>
        </div>
      )}
      <p className={printed === 'failed' ? 'print-status print-failed' : 'print-status'} data-testid="receipt-print-status" data-state={printed} role={printed === 'failed' ? 'alert' : undefined}>
        {printed === 'failed' ? kt('receiptPrintFailed') : printed === 'done' ? kt('receiptPrinted') : kt('receiptPrinting')}
      </p>
      {printed === 'failed' && (
        <div className="qr-block" data-testid="receipt-link">
          <QrCode data={receipt.receiptUrl} label={kt('keepReceipt')} />
          <p>{kt('keepReceipt')}</p>
        </div>
      )}
      {originals && (
        <div className="note">
          <p>{kt('originalsNote')}</p>
          <button type="button" className="tile tile-primary" disabled={busy} onClick={onTakeNumber} data-testid="receipt-take-number">
            {kt('takeNumberOriginals')}
          </button>
        </div>
      )}
      <button type="button" className="tile" onClick={onHome} data-testid="receipt-home">
        {t('home')}
      </button>
    </div>
  );
}
