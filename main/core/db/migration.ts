import type { Database } from 'better-sqlite3';

/** One numbered schema step. Each runs in its own transaction and has its own test. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
