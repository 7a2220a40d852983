import type { Migration } from '../migration.ts';
import { migration001 } from './001-queue.ts';

/** Every schema step, in order. Append only; never edit a released migration. */
export const migrations: readonly Migration[] = [migration001];
