import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../main/contract/events.ts';
import { AppError } from '../../main/contract/result.ts';
import { DevicesConfig, type DevicesConfigValue } from '../../main/core/config/schema.ts';
import { migrations } from '../../main/core/db/migrations/index.ts';
import { migrate } from '../../main/core/db/open.ts';
import { createDeviceManager, type DeviceFactories, type DriverHandle } from '../../main/core/devices/device-manager.ts';
import { readDeviceHistory } from '../../main/core/devices/history.ts';
import { EventHub, type Audience } from '../../main/core/util/events.ts';
import type { DeviceStatusEvent } from '../../drivers/device/state.ts';
import type { ScanEvent } from '../../drivers/scanner/scan-event.ts';
import { manualClock, tempDir } from '../helpers/core.ts';

class FakeDriver extends EventEmitter implements DriverHandle {
  started = 0;
  stopped = 0;
  constructor(readonly id: string, readonly role: DeviceStatusEvent['role']) {
    super();
  }
  start() {
    this.started++;
  }
  async stop() {
    this.stopped++;
  }
  state(kind: 'ready' | 'absent', at = '2026-03-02T01:00:00.000Z') {
    this.emit('state', { deviceId: this.id, role: this.role, state: { kind }, at } satisfies DeviceStatusEvent);
  }
  unplug(at = '2026-03-02T01:01:00.000Z') {
    this.emit('state', { deviceId: this.id, role: this.role, state: { kind: 'error', problems: ['unplugged'], message: 'device path went away (unplugged)' }, at } satisfies DeviceStatusEvent);
  }
  scan(payload: string, identity: ScanEvent['identity'] = null) {
    this.emit('scan', { deviceId: this.id, role: this.role, payload, symbology: null, identity, error: null, at: '2026-03-02T01:02:00.000Z' } satisfies ScanEvent);
  }
}

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function setup(devices: unknown, opts: { configPath?: boolean } = {}) {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const clock = manualClock('2026-03-02T01:00:00.000Z');
  const events = new EventHub((err) => {
    throw err;
  });
  const seen: { e: CoreEvent; audience: Audience }[] = [];
  events.subscribe((e, audience) => seen.push({ e, audience }));
  const drivers: FakeDriver[] = [];
  const factories: DeviceFactories = {
    printer: (c) => {
      const d = new FakeDriver(c.id, 'ticket-printer');
      drivers.push(d);
      return Object.assign(d, { printer: { id: c.id, print: async () => undefined }, profile: { id: c.profile } as never });
    },
    scanner: (c) => {
      const d = new FakeDriver(c.id, c.kind === 'mrz-reader' ? 'mrz-reader' : 'qr-scanner');
      drivers.push(d);
      return d;
    },
    documentScanner: (c) => {
      const d = new FakeDriver(c.id, 'document-scanner');
      drivers.push(d);
      return d;
    },
  };
  let configPath: string | null = null;
  if (opts.configPath !== false) {
    const t = tempDir();
    dirs.push(t);
    configPath = join(t.dir, 'letan.json');
    writeFileSync(configPath, JSON.stringify({ center: { name: 'Trung tâm thử' }, auth: { technicianPin: '4321' }, devices }, null, 2));
  }
  const applied: DevicesConfigValue[] = [];
  const m = createDeviceManager({
    config: DevicesConfig.parse(devices),
    db,
    clock,
    events,
    log: () => undefined,
    configPath,
    factories,
    onApplied: (d) => applied.push(d),
  });
  m.start();
  return { m, db, clock, seen, drivers, configPath, applied, byId: (id: string) => drivers.filter((d) => d.id === id).at(-1)! };
}

const qr = { kind: 'serial-scanner', id: 'qr-1', path: '/dev/ttyACM0' };
const mrz = { kind: 'mrz-reader', id: 'mrz-1', path: '/dev/ttyUSB1' };

describe('device manager', () => {
  it('starts every configured device, pushes status as device events and keeps a history in memory and in the table', () => {
    const s = setup({ printer: { path: '/dev/ttyUSB0', profile: 'generic-80' }, scanners: [qr] });
    expect(s.drivers.map((d) => [d.id, d.started])).toEqual([['printer-1', 1], ['qr-1', 1]]);
    s.byId('qr-1').state('ready');
    s.byId('qr-1').unplug();
    s.byId('qr-1').state('ready', '2026-03-02T01:05:00.000Z');
    const device = s.seen.filter((x) => x.e.type === 'device');
    expect(device.map((x) => [x.audience, (x.e as { state: string }).state])).toEqual([['all', 'ready'], ['all', 'error'], ['all', 'ready']]);
    expect(s.m.history('qr-1').map((h) => h.state)).toEqual(['ready', 'error', 'ready']);
    expect(s.m.history('qr-1')[1]!.problems).toEqual(['unplugged']);
    expect(readDeviceHistory(s.db, { deviceId: 'qr-1', limit: 10 }).map((h) => h.state)).toEqual(['ready', 'error', 'ready']);
    expect(s.m.statuses().find((d) => d.deviceId === 'qr-1')).toMatchObject({ state: 'ready', since: '2026-03-02T01:05:00.000Z', kind: 'serial-scanner', target: '/dev/ttyACM0' });
  });

  it('sends scans to the kiosk audience only and a masked frame to technicians; raw view ends after two minutes', () => {
    const s = setup({ scanners: [qr] });
    const payload = '001093047064|123456789|Nguyễn Văn A|05011993|Nam|Hà Nội|15082021';
    s.byId('qr-1').scan(payload);
    const scan = s.seen.find((x) => x.e.type === 'scan')!;
    expect(scan.audience).toBe('kiosk');
    expect(scan.e).toMatchObject({ deviceId: 'qr-1', role: 'qr-scanner', text: payload });
    const mon = s.seen.filter((x) => x.e.type === 'monitor');
    expect(mon.map((x) => x.audience)).toEqual(['technician']);
    expect(JSON.stringify(mon[0]!.e)).not.toContain('001093047064');
    expect(mon[0]!.e).toMatchObject({ masked: true });

    expect(s.m.monitor.setRaw(true).rawUntil).toBe('2026-03-02T01:02:00.000Z');
    s.byId('qr-1').scan(payload);
    const raw = s.seen.filter((x) => x.e.type === 'monitor').at(-1)!.e as { masked: boolean; text: string };
    expect(raw).toMatchObject({ masked: false, text: payload });
    // what a page opening later gets is masked even while raw view is on
    expect(JSON.stringify(s.m.monitor.recent())).not.toContain('001093047064');
    s.clock.advance(2 * 60_000);
    expect(s.m.monitor.state().rawUntil).toBeNull();
    s.byId('qr-1').scan(payload);
    expect(s.seen.filter((x) => x.e.type === 'monitor').at(-1)!.e).toMatchObject({ masked: true });
  });

  it('hot apply restarts only what changed and writes the devices section back atomically, other keys kept', async () => {
    const s = setup({ printer: { path: '/dev/ttyUSB0', profile: 'generic-80' }, scanners: [qr] });
    const printer = s.byId('printer-1');
    const scanner = s.byId('qr-1');
    const r = await s.m.applyDevices({ printer: { path: '/dev/ttyUSB0', profile: 'generic-80' }, scanners: [{ ...qr, baudRate: 115200 }, mrz] });
    expect(r).toMatchObject({ started: ['qr-1', 'mrz-1'], stopped: ['qr-1'], unchanged: ['printer-1'] });
    expect(printer.stopped).toBe(0);
    expect(scanner.stopped).toBe(1);
    expect(s.byId('qr-1')).not.toBe(scanner);
    expect(s.byId('mrz-1').started).toBe(1);
    const file = JSON.parse(readFileSync(s.configPath!, 'utf8')) as Record<string, unknown> & { devices: DevicesConfigValue };
    expect(file.center).toEqual({ name: 'Trung tâm thử' });
    expect(file.auth).toEqual({ technicianPin: '4321' });
    expect(file.devices.scanners.map((x) => [x.id, 'baudRate' in x ? x.baudRate : null])).toEqual([['qr-1', 115200], ['mrz-1', 9600]]);
    expect(readdirSync(join(s.configPath!, '..'))).toEqual(['letan.json']);
    expect(s.applied).toHaveLength(1);

    // removing a device stops it and says so in its history
    const r2 = await s.m.applyDevices({ printer: null, scanners: [mrz] });
    expect(r2.stopped.sort()).toEqual(['printer-1', 'qr-1']);
    expect(s.m.history('printer-1')[0]).toMatchObject({ state: 'absent', message: 'removed from the configuration' });
    expect(s.m.statuses().map((d) => d.deviceId)).toEqual(['mrz-1']);
  });

  it('refuses invalid settings and a core without a config file, changing nothing', async () => {
    const s = setup({ scanners: [qr] });
    const before = readFileSync(s.configPath!, 'utf8');
    await expect(s.m.applyDevices({ scanners: [qr, { ...mrz, id: 'qr-1' }] })).rejects.toThrow(/devices.scanners.1.id: duplicate device id "qr-1"/);
    await expect(s.m.applyDevices({ scanners: [{ kind: 'serial-scanner', id: 'x' }] })).rejects.toThrow(/devices.scanners.0.path/);
    expect(readFileSync(s.configPath!, 'utf8')).toBe(before);

    const n = setup({ scanners: [qr] }, { configPath: false });
    const err = await n.m.applyDevices({ scanners: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('conflict');
    expect((err as AppError).message).toMatch(/started without a config file .*--config FILE/);
    expect(n.byId('qr-1').stopped).toBe(0);
  });

  it('uses the simulated printer when none is configured, and prints the test page on it', async () => {
    const s = setup({});
    expect(s.m.printerSimulated()).toBe(true);
    expect(s.m.printer()?.id).toBe('simulated-printer');
    expect(await s.m.printTestPage()).toEqual({ deviceId: 'simulated-printer', profile: 'generic-80', simulated: true });
  });
});

describe('migration 005 (device history)', () => {
  it('creates a STRICT table that refuses unknown roles and states', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 5));
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    const ins = db.prepare('INSERT INTO device_history (device_id, role, state, problems, message, at) VALUES (?, ?, ?, ?, NULL, ?)');
    ins.run('qr-1', 'qr-scanner', 'ready', '[]', '2026-01-01T00:00:00Z');
    expect(() => ins.run('qr-1', 'toaster', 'ready', '[]', 'x')).toThrow(/CHECK/);
    expect(() => ins.run('qr-1', 'qr-scanner', 'sleepy', '[]', 'x')).toThrow(/CHECK/);
    expect(() => ins.run('qr-1', 'qr-scanner', 'ready', 'not json', 'x')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO device_history (device_id, role, state, at) VALUES ('qr-1', 'qr-scanner', 'ready', x'00')").run()).toThrow(/cannot store BLOB/);
    expect(() => db.prepare("INSERT INTO device_history (device_id, role, state) VALUES ('qr-1', 'qr-scanner', 'ready')").run()).toThrow(/NOT NULL/);
  });
});
