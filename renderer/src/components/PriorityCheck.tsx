import type { PriorityCheck as Check, Ticket } from '../../../main/contract/schemas.ts';

const BASIS: Record<Check['basis'], string> = {
  declared: 'công dân tự khai / self-declared',
  'card-birth-date': 'theo ngày sinh trên CCCD / from the card’s date of birth',
  staff: 'do giám sát cấp / granted by a supervisor',
};

const STATUS: Record<Check['status'], string> = {
  unchecked: 'chưa xác nhận',
  confirmed: 'đã xác nhận',
  rejected: 'không đủ điều kiện',
};

/**
 * The priority a citizen claimed at the kiosk, for the counter to check face to face: the kiosk only suggests
 * (e.g. 60+ from the card), staff decide. Rejecting sends the ticket back to wait in ordinary order.
 */
export function PriorityCheck(props: {
  ticket: Ticket;
  label: (id: string) => string;
  onDecide: (decision: 'confirm' | 'reject') => void;
}) {
  const check = props.ticket.priorityCheck;
  if (!check) return null;
  return (
    <div className={`priority-check priority-${check.status}`} data-testid="priority-check" data-status={check.status}>
      <p className="badge badge-priority">
        Ưu tiên: {props.label(check.claim)} · {STATUS[check.status]}
      </p>
      <p className="muted">{BASIS[check.basis]}</p>
      {check.status === 'unchecked' && (
        <div className="actions">
          <button className="primary" onClick={() => props.onDecide('confirm')} data-testid="priority-confirm">
            Xác nhận ưu tiên
          </button>
          <button onClick={() => props.onDecide('reject')} data-testid="priority-reject">
            Không đủ điều kiện — xếp lại hàng thường
          </button>
        </div>
      )}
    </div>
  );
}
