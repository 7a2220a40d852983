import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../main/core/db/migrations/index.ts';
import { DatabaseTooNewError, migrate, openDatabase } from '../../main/core/db/open.ts';
import { tempDir } from '../helpers/core.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('database opening and migrations', () => {
  it('opens in WAL mode with STRICT tables and sets user_version to the latest migration', () => {
    const t = tempDir();
    dirs.push(t);
    const db = openDatabase(`${t.dir}/a.db`, migrations);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const strict = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE '%STRICT%' AND name NOT LIKE 'sqlite_%'").all();
    expect(strict).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer letan and leaves it untouched', () => {
    const t = tempDir();
    dirs.push(t);
    const raw = new Database(`${t.dir}/b.db`);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    expect(() => openDatabase(`${t.dir}/b.db`, migrations)).toThrow(DatabaseTooNewError);
    const again = new Database(`${t.dir}/b.db`);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
    again.close();
  });

  it('rolls a failing migration back completely, user_version included', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: 'ok', up: (d: Database.Database) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'fails', up: (d: Database.Database) => { d.exec('CREATE TABLE b (x INTEGER) STRICT'); throw new Error('boom'); } },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'b'").get()).toBeUndefined();
  });

  it('rejects gaps in migration numbering', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => undefined }])).toThrow(/without gaps/);
  });
});

describe('migration 001 (queue)', () => {
  it('creates the queue tables, keeps (day, prefix, seq) unique and the audit log append-only', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    const ins = db.prepare(
      "INSERT INTO tickets (public_id, day, service_id, prefix, seq, number, state, issued_at) VALUES (?, '2026-01-02', 's', 'A', 1, 'A001', 'waiting', 'x')",
    );
    ins.run('p1');
    expect(() => ins.run('p2')).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO tickets (public_id, day, service_id, prefix, seq, number, state, issued_at) VALUES ('p3', 'd', 's', 'A', 2, 'A002', 'lost', 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO audit_log (at, actor, role, action) VALUES ('t', 'a', 'counter', 'callNext')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('migration 006 (priority check)', () => {
  it('keeps the claim of tickets issued before it as unchecked, and refuses unknown bases and decisions', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 5));
    const ins = db.prepare(
      "INSERT INTO tickets (public_id, day, service_id, prefix, seq, number, priority, state, issued_at) VALUES (?, '2026-11-27', 's', 'A', ?, ?, ?, 'waiting', 'x')",
    );
    ins.run('p1', 1, 'A001', 'elderly');
    ins.run('p2', 2, 'A002', null);
    migrate(db, migrations.slice(0, 6));
    const rows = db.prepare('SELECT number, priority, priority_claim, priority_basis, priority_status FROM tickets ORDER BY id').all();
    expect(rows).toEqual([
      { number: 'A001', priority: 'elderly', priority_claim: 'elderly', priority_basis: 'declared', priority_status: 'unchecked' },
      { number: 'A002', priority: null, priority_claim: null, priority_basis: null, priority_status: null },
    ]);
    expect(() => db.prepare("UPDATE tickets SET priority_basis = 'hearsay' WHERE public_id = 'p1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE tickets SET priority_status = 'maybe' WHERE public_id = 'p1'").run()).toThrow(/CHECK/);
  });
});
