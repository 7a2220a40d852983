import type { Migration } from '../migration.ts';
import { migration001 } from './001-queue.ts';
import { migration002 } from './002-dossiers.ts';
import { migration003 } from './003-outbox.ts';
import { migration004 } from './004-supervision.ts';
import { migration005 } from './005-device-history.ts';
import { migration006 } from './006-priority-check.ts';

/** Every schema step, in order. Append only; never edit a released migration. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
