import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../main/core/config/load.ts';
import { tempDir } from '../helpers/core.ts';

describe('config', () => {
  it('runs a fresh install on defaults: loopback, five services, four counters', () => {
    const c = parseConfig({});
    expect(c.server.host).toBe('127.0.0.1');
    expect(c.services.map((s) => s.prefix)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(c.counters).toHaveLength(4);
  });

  it('names the bad field', () => {
    expect(() => parseConfig({ server: { port: 70000 } })).toThrow(/server\.port/);
    expect(() => parseConfig({ services: [{ id: 'x', prefix: 'a1', name: { vi: 'X', en: 'X' }, fields: ['Hộ tịch'] }] })).toThrow(/services\.0\.prefix/);
    expect(() => parseConfig({ kiosk: { homeTimeoutSeconds: 1 } })).toThrow(/kiosk\.homeTimeoutSeconds/);
    expect(() => parseConfig({ unknownThing: 1 })).toThrow(/unknownThing/);
    expect(() => parseConfig({ center: { unitId: 'H00' } })).toThrow(/center\.unitId: mã định danh đơn vị "H00"/);
  });

  it('checks references between counters and services', () => {
    const services = [{ id: 'a', prefix: 'A', name: { vi: 'A', en: 'A' }, fields: ['Hộ tịch'] }];
    expect(() => parseConfig({ services, counters: [{ id: '1', name: '1', serviceIds: ['b'] }] })).toThrow(/counters\.0\.serviceIds\.0: no service "b"/);
    expect(() => parseConfig({ services: [...services, { ...services[0] }] })).toThrow(/duplicate "a"/);
  });

  it('reports a file that is missing or not JSON', () => {
    const t = tempDir();
    writeFileSync(`${t.dir}/bad.json`, '{ "server": ');
    expect(() => loadConfigFile(`${t.dir}/bad.json`)).toThrow(ConfigError);
    expect(() => loadConfigFile(`${t.dir}/bad.json`)).toThrow(/not valid JSON/);
    expect(() => loadConfigFile(`${t.dir}/none.json`)).toThrow(/does not exist/);
    t.remove();
  });
});
