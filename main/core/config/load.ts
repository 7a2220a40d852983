import { existsSync, readFileSync } from 'node:fs';
import { defaultCounters, defaultPriorities, defaultServices } from './defaults.ts';
import { ConfigSchema, type ConfigInput, type CounterConfig, type ParsedConfig, type ServiceConfig } from './schema.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface Config extends Omit<ParsedConfig, 'services' | 'counters' | 'priorities'> {
  services: ServiceConfig[];
  counters: CounterConfig[];
  priorities: { id: string; label: { vi: string; en: string } }[];
}

/** Validates a config object; the error names the first bad field, e.g. `server.port: Too big`. */
export function parseConfig(input: unknown, source = 'config'): Config {
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source} is invalid — ${lines.join('; ')}`);
  }
  const c = parsed.data;
  const config: Config = {
    ...c,
    services: c.services ?? defaultServices,
    counters: c.counters ?? defaultCounters,
    priorities: c.priorities ?? defaultPriorities,
  };
  checkReferences(config, source);
  return config;
}

function checkReferences(config: Config, source: string): void {
  const ids = new Set<string>();
  const prefixes = new Set<string>();
  config.services.forEach((s, i) => {
    if (ids.has(s.id)) throw new ConfigError(`${source} is invalid — services.${i}.id: duplicate "${s.id}"`);
    if (prefixes.has(s.prefix)) throw new ConfigError(`${source} is invalid — services.${i}.prefix: duplicate "${s.prefix}"`);
    ids.add(s.id);
    prefixes.add(s.prefix);
  });
  const counterIds = new Set<string>();
  config.counters.forEach((c, i) => {
    if (counterIds.has(c.id)) throw new ConfigError(`${source} is invalid — counters.${i}.id: duplicate "${c.id}"`);
    counterIds.add(c.id);
    c.serviceIds.forEach((sid, j) => {
      if (!ids.has(sid)) throw new ConfigError(`${source} is invalid — counters.${i}.serviceIds.${j}: no service "${sid}"`);
    });
  });
}

export function loadConfigFile(path: string | undefined): Config {
  if (!path) return parseConfig({});
  if (!existsSync(path)) throw new ConfigError(`config file ${path} does not exist`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(raw, `config file ${path}`);
}

export type { ConfigInput };
