import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, release, type } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { decisionCoverage, longestProcessingDays, reachableCalendarDays } from '../core/calendar/coverage.ts';
import { vnDateOf } from '../core/calendar/civil-date.ts';
import { decisionsDirOf, loadHolidayDecisions } from '../core/calendar/holiday-files.ts';
import { buildCatalog } from '../core/catalog/catalog.ts';
import { defaultCatalogPath, loadCatalogFile } from '../core/catalog/catalog-file.ts';
import type { Config } from '../core/config/load.ts';
import { migrations } from '../core/db/migrations/index.ts';
import { listDevices } from '../core/devices/discovery.ts';
import { latestPerDevice, readDeviceHistory } from '../core/devices/history.ts';
import { maskDeep, maskPersonalText } from '../core/log/index.ts';
import { readBacklog } from '../core/sync/outbox.ts';
import { assetsDir, defaultDataDir, projectRoot } from '../core/util/paths.ts';
import { type CliIo, loadCliConfig, parseFlags } from './io.ts';

export const DIAGNOSE_USAGE = 'usage: letan diagnose [--out FILE] [--config FILE] [--data-dir DIR]';

const SECRET_KEY = /(pin|pinhash|secret|password|token|account|apikey|api_key)$/i;

/** A copy of the config with every secret replaced: PINs, client secrets, the bank account (last 2 digits kept). */
export function configWithoutSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => configWithoutSecrets(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, configWithoutSecrets(v, k)]));
  }
  if (SECRET_KEY.test(key) && value !== null && value !== undefined) {
    if (/account/i.test(key) && typeof value === 'string' && value.length > 4) return `${'•'.repeat(value.length - 2)}${value.slice(-2)}`;
    return '[secret]';
  }
  return value;
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null; // absent or unreadable: that version is simply not reported
  }
}

function versions(): Record<string, string | null> {
  const root = projectRoot();
  const electron = process.versions.electron ?? (readJson(join(root, 'node_modules', 'electron', 'package.json'))?.version as string | undefined) ?? null;
  return {
    letan: (readJson(join(root, 'package.json'))?.version as string | undefined) ?? null,
    node: process.versions.node,
    electron,
    os: `${type()} ${release()} (${platform()} ${arch()})`,
  };
}

/** The newest log lines (the logger's files `<dir>/letan.N.log`), masked again in case a line slipped through. */
function recentLogs(dataDir: string, maxLines: number): { files: string[]; lines: unknown[] } {
  const dirs = [join(dataDir, 'logs'), dataDir].filter((d) => existsSync(d) && statSync(d).isDirectory());
  const files = dirs.flatMap((d) => readdirSync(d).filter((n) => /\.log$/.test(n)).map((n) => join(d, n)));
  files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const lines: unknown[] = [];
  for (const f of files.slice(-3)) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        lines.push(maskDeep(JSON.parse(line)));
      } catch {
        lines.push(maskPersonalText(line));
      }
    }
  }
  return { files, lines: lines.slice(-maxLines) };
}

function database(dataDir: string) {
  const file = join(dataDir, 'letan.db');
  if (!existsSync(file)) return { present: false as const, file };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const has = (t: string) => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t) !== undefined;
    return {
      present: true as const,
      file,
      schemaVersion,
      supportedSchemaVersion: migrations.length,
      outbox: has('outbox') ? readBacklog(db) : null,
      devices: has('device_history') ? { latest: latestPerDevice(db), history: readDeviceHistory(db, { limit: 200 }) } : null,
    };
  } finally {
    db.close();
  }
}

/** The day-off decisions the core would load (years, shipped or data folder, refused files) and the years missing. */
export function holidayDecisions(config: Config, dataDir: string, now: Date) {
  const shippedDir = join(assetsDir(), 'holidays');
  const dataDecisionsDir = decisionsDirOf(dataDir, config.calendar.decisionsDir);
  const d = loadHolidayDecisions({ shippedDir, dataDecisionsDir });
  const reachDays = reachableCalendarDays(longestProcessingDays(buildCatalog(loadCatalogFile(defaultCatalogPath()), config.services).procedures));
  const coverage = decisionCoverage({ today: vnDateOf(now), reachDays, decisions: d });
  return { shippedDir, dataDecisionsDir, loaded: d.loaded, problems: d.problems, reachesUntil: coverage.reachesUntil, missing: coverage.missing };
}

export async function buildBundle(opts: { config: Config; configPath: string | null; dataDir: string; now: Date }) {
  return {
    kind: 'letan-support-bundle',
    createdAt: opts.now.toISOString(),
    versions: versions(),
    configPath: opts.configPath,
    config: configWithoutSecrets(opts.config),
    dataDir: opts.dataDir,
    database: database(opts.dataDir),
    holidayDecisions: holidayDecisions(opts.config, opts.dataDir, opts.now),
    devicesAttached: await listDevices(opts.config.devices),
    logs: recentLogs(opts.dataDir, 500),
  };
}

/** `letan diagnose`: a support bundle (JSON) a technician can send without leaking PINs or citizens' data. */
export async function runDiagnose(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(args, { out: { type: 'string' }, config: { type: 'string' }, 'data-dir': { type: 'string' } }, DIAGNOSE_USAGE, io);
  if (!values) return 2;
  const config = loadCliConfig(values.config, io);
  if (!config) return 2;
  const now = new Date();
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const bundle = await buildBundle({ config, configPath: values.config ? resolve(values.config) : null, dataDir, now });
  const out = values.out ?? `letan-diagnose-${now.toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(out, JSON.stringify(bundle, null, 2) + '\n', { mode: 0o600 });
  const db = bundle.database;
  io.stdout.write(
    `support bundle written to ${out}\n` +
      `  day-off decisions: ${bundle.holidayDecisions.loaded.map((l) => `${l.year} (${l.source})`).join(', ') || 'none'}` +
      (bundle.holidayDecisions.missing.length ? `; missing ${bundle.holidayDecisions.missing.join(', ')}` : '') +
      (bundle.holidayDecisions.problems.length ? `; ${bundle.holidayDecisions.problems.length} file(s) refused` : '') +
      '\n' +
      (db.present ? `  schema ${db.schemaVersion}/${db.supportedSchemaVersion}, outbox pending ${db.outbox?.pending ?? 0}, failed ${db.outbox?.failedPermanent ?? 0}\n` : `  no database in ${dataDir}\n`),
  );
  return 0;
}
