import type { Migration } from '../migration.ts';

/**
 * Priority is claimed at the kiosk and checked by staff at the counter (the card's date of birth only
 * suggests the elderly priority); a supervisor may also grant it ('staff'). `priority` stays the priority the queue orders by; the claim, what it
 * rests on and the staff's decision are kept beside it, so a rejected claim is still on the record.
 */
export const migration006: Migration = {
  version: 6,
  name: 'priority-check',
  up(db) {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN priority_claim TEXT;
      ALTER TABLE tickets ADD COLUMN priority_basis TEXT CHECK (priority_basis IN ('declared', 'card-birth-date', 'staff'));
      ALTER TABLE tickets ADD COLUMN priority_status TEXT CHECK (priority_status IN ('unchecked', 'confirmed', 'rejected'));
      -- Tickets issued before this version: the citizen's word, not yet checked.
      UPDATE tickets SET priority_claim = priority, priority_basis = 'declared', priority_status = 'unchecked'
        WHERE priority IS NOT NULL;
    `);
  },
};
