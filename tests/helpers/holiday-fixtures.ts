// Day-off decision files for tests. They are TEST FIXTURES, not official decisions: each says so in its
// sources and notes, and is written into a temporary data folder only, never into assets/holidays.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE_SOURCE = {
  ref: null,
  issued: null,
  summary: 'TEST FIXTURE — không phải quyết định thật (chỉ dùng trong kiểm thử) / not a real decision (tests only)',
  urls: ['https://example.invalid/letan-test-fixture'],
};

/** A decision for `year` with the given breaks and make-up days, clearly marked as a test fixture. */
export function fixtureDecision(year: number, parts: { breaks?: unknown[]; makeUpWorkingDays?: unknown[] } = {}) {
  return {
    year,
    sources: [FIXTURE_SOURCE],
    breaks: parts.breaks ?? [],
    makeUpWorkingDays: parts.makeUpWorkingDays ?? [],
    notes: ['TEST FIXTURE written by a test into a temporary data folder; NOT the official decision for this year.'],
  };
}

/** Writes `content` (an object, or raw text for broken files) as <dir>/<name>, creating the folder. */
export function writeDecisionFile(dir: string, name: string, content: unknown): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
