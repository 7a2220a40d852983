import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { Migration } from './migration.ts';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `Database schema version ${found} is newer than this letan supports (${supported}); ` +
        'refusing to open it so that nothing is lost. Install the newer letan or restore a backup.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Opens (creating if needed) a SQLite database as the single writer: WAL so readers never block the writer,
 * synchronous=FULL because a ticket number or dossier that was answered must survive a power cut.
 */
export function openDatabase(file: string, migrations: readonly Migration[]): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Applies each pending migration in its own transaction, bumping user_version with it. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const latest = sorted.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
