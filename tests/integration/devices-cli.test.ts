// `letan devices` and `letan diagnose` in-process: listing (HID unavailable does not crash), and a support
// bundle that carries device history and outbox numbers but no PIN, secret, account or citizen's ID.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli/letan.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { createCore } from '../../main/core/core.ts';
import { listDevices } from '../../main/core/devices/discovery.ts';
import { tempDir } from '../helpers/core.ts';
import { fixtureDecision, writeDecisionFile } from '../helpers/holiday-fixtures.ts';

function io() {
  let out = '';
  let err = '';
  return { io: { stdin: process.stdin, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err };
}

describe('letan devices', () => {
  it('prints the listing as JSON', async () => {
    const c = io();
    expect(await main(['devices', '--json'], c.io)).toBe(0);
    const listing = JSON.parse(c.out()) as { serial: { ports: unknown[] }; hid: { available: boolean }; profiles: { id: string }[] };
    expect(listing.profiles.map((p) => p.id)).toEqual(expect.arrayContaining(['generic-80', 'generic-58', 'epson-tm-t88']));
    expect(Array.isArray(listing.serial.ports)).toBe(true);
  });

  it('reports each source that cannot be read, and says which driver takes what', async () => {
    const config = parseConfig({ devices: { scanners: [{ kind: 'hid-pos-scanner', id: 'qr-h', vendorId: '0C2E', productId: '0b61' }, { kind: 'mrz-reader', id: 'mrz-1', path: '/dev/ttyUSB9', vendorId: '0403', productId: '6001' }] } }).devices;
    const l = await listDevices(config, {
      listSerial: async () => [
        { path: '/dev/ttyACM0', vendorId: '0c2e', productId: '0b61' },
        { path: '/dev/ttyUSB0', vendorId: '0483', productId: '5743' },
        { path: '/dev/ttyUSB9', vendorId: '0403', productId: '6001' },
      ],
      listHid: async () => {
        throw new Error('node-hid: cannot open hidraw');
      },
      listSane: async () => [{ name: 'test:0', description: 'Noname frontend-tester virtual device' }],
    });
    expect(l.hid).toEqual({ available: false, error: 'node-hid: cannot open hidraw', devices: [] });
    expect(l.serial.ports.map((p) => [p.path, p.supportedBy, p.assignedTo])).toEqual([
      ['/dev/ttyACM0', ['serial-scanner'], null],
      ['/dev/ttyUSB0', ['ticket-printer:generic-80'], null],
      ['/dev/ttyUSB9', ['mrz-reader'], 'mrz-1'],
    ]);
    expect(l.sane.devices).toEqual([{ name: 'test:0', description: 'Noname frontend-tester virtual device', assignedTo: null }]);
    const h = await listDevices(config, { listSerial: async () => [], listSane: async () => [], listHid: async () => [{ vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw0', usagePage: 0x8c }] });
    expect(h.hid.devices[0]).toMatchObject({ vendorId: '0c2e', productId: '0b61', supportedBy: ['hid-pos-scanner'], assignedTo: 'qr-h' });
  });
});

describe('letan diagnose', () => {
  it('writes a bundle with versions, schema, outbox, device history and masked logs; no secrets', async () => {
    const t = tempDir();
    const configPath = join(t.dir, 'letan.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        auth: { counterPin: '918273', supervisorPin: '564738', technicianPin: '102938' },
        payment: { bankBin: '970436', account: '0071000123456' },
        central: { url: 'http://127.0.0.1:9/central', clientId: 'kiosk-7', clientSecret: 's3cr3t-value' },
        devices: { scanners: [{ kind: 'serial-scanner', id: 'qr-1', path: '/dev/ttyACM7' }] },
      }),
    );
    const dataDir = join(t.dir, 'data');
    const core = createCore({ dataDir, config: parseConfig(JSON.parse(readFileSync(configPath, 'utf8'))), central: null });
    await core.close();
    mkdirSync(join(dataDir, 'logs'));
    // A data-folder decision (a TEST FIXTURE, not the real 2027 decision) and a refused one.
    writeDecisionFile(join(dataDir, 'holidays'), 'vn-2027.json', fixtureDecision(2027));
    writeDecisionFile(join(dataDir, 'holidays'), 'vn-2028.json', '{');
    writeFileSync(join(dataDir, 'logs', 'letan.1.log'), JSON.stringify({ level: 30, msg: 'scan from 001093047064 failed', fullName: 'Nguyễn Văn A' }) + '\nplain line 0912345678\n');

    const out = join(t.dir, 'bundle.json');
    const c = io();
    expect(await main(['diagnose', '--out', out, '--config', configPath, '--data-dir', dataDir], c.io)).toBe(0);
    expect(c.out()).toContain(`support bundle written to ${out}`);
    const text = readFileSync(out, 'utf8');
    for (const secret of ['918273', '564738', '102938', 's3cr3t-value', '0071000123456', '001093047064', 'Nguyễn', '0912345678']) expect(text).not.toContain(secret);
    const b = JSON.parse(text);
    expect(b.config.auth).toMatchObject({ counterPin: '[secret]', technicianPin: '[secret]' });
    expect(b.config.payment).toEqual({ bankBin: '970436', account: '•••••••••••56' });
    expect(b.config.central.clientId).toBe('kiosk-7');
    expect(b.versions).toMatchObject({ node: process.versions.node, letan: expect.any(String) });
    expect(b.database).toMatchObject({ present: true, schemaVersion: b.database.supportedSchemaVersion, outbox: { pending: 0, failedPermanent: 0 } });
    // the scanner was configured but never found: its history says so
    expect(b.database.devices.latest).toEqual([expect.objectContaining({ deviceId: 'qr-1', role: 'qr-scanner', state: 'absent' })]);
    expect(b.holidayDecisions.loaded.map((l: { year: number; source: string }) => `${l.year}:${l.source}`)).toEqual(['2024:shipped', '2025:shipped', '2026:shipped', '2027:data']);
    expect(b.holidayDecisions.problems).toEqual([{ file: join(dataDir, 'holidays', 'vn-2028.json'), message: expect.stringContaining('vn-2028.json: không đọc được JSON') }]);
    expect(c.out()).toContain('day-off decisions: 2024 (shipped), 2025 (shipped), 2026 (shipped), 2027 (data)');
    expect(b.logs.lines).toEqual([expect.objectContaining({ msg: 'scan from [id-12] failed', fullName: '[redacted]' }), 'plain line [phone]']);
    t.remove();
  });
});
