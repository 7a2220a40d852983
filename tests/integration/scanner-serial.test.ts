import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatusEvent } from '../../drivers/device/state.ts';
import type { ScanEvent } from '../../drivers/scanner/scan-event.ts';
import { SerialScannerDriver } from '../../drivers/scanner/serial-scanner.ts';
import { createPluggableScanner, nextEvent, type PluggableScanner } from '../helpers/virtual-scanner.ts';
import { QR_2021, QR_2024 } from '../unit/identity-fixtures.ts';

let port: PluggableScanner | null = null;
let driver: SerialScannerDriver | null = null;

afterEach(async () => {
  await driver?.stop();
  await port?.dispose();
  driver = null;
  port = null;
});

function collect(d: SerialScannerDriver) {
  const scans: ScanEvent[] = [];
  const states: DeviceStatusEvent[] = [];
  d.on('scan', (e: ScanEvent) => scans.push(e));
  d.on('state', (e: DeviceStatusEvent) => states.push(e));
  return { scans, states };
}

async function setup(config: Record<string, unknown> = {}) {
  port = createPluggableScanner();
  const scanner = await port.plug();
  driver = new SerialScannerDriver({ kind: 'serial-scanner', id: 'qr-1', path: port.devicePath, reopenIntervalMs: 30, ...config });
  const log = collect(driver);
  const ready = nextEvent<DeviceStatusEvent>(driver, 'state', (e) => e.state.kind === 'ready');
  driver.start();
  await ready;
  return { scanner, log, driver };
}

describe('serial (USB-COM) scanner on a real pty', () => {
  it('reads a CCCD QR whose UTF-8 characters are split across chunks', async () => {
    const { scanner, driver: d } = await setup();
    const got = nextEvent<ScanEvent>(d, 'scan');
    // "Nguyễn": ễ is 3 bytes (e1 bb 85); split inside it, and inside "Ánh" and the CRLF.
    const bytes = Buffer.from(`${QR_2021}\r\n`, 'utf8');
    const inE = bytes.indexOf(Buffer.from('ễ', 'utf8')) + 1;
    await scanner.writeSplit(bytes, [5, inE - 5, 1, 40, bytes.length - inE - 42]);
    const ev = await got;
    expect(ev.error).toBeNull();
    expect(ev.identity?.fullName).toBe('Nguyễn Văn Ánh');
    expect(ev.payload).toBe(QR_2021);
    expect(ev.role).toBe('qr-scanner');
  });

  it('garbage never crashes the driver and later good scans still work', async () => {
    const { scanner, log, driver: d } = await setup({ maxFrameBytes: 512 });
    await scanner.write(Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0d, 0x0a, 0xe1, 0xbb]));
    await scanner.write(Buffer.alloc(5000, 0x41)); // longer than a frame may be, no terminator
    await scanner.write('\n|||||||\r\nIDVNM<<<\r\n');
    await scanner.write(Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131) % 256)));
    await scanner.write('\r\n');
    const good = nextEvent<ScanEvent>(d, 'scan', (e) => e.identity !== null);
    await scanner.scan(QR_2024, { split: [3, 7, 11] });
    const ev = await good;
    expect(ev.identity?.fullName).toBe('Trần Thị Ngọc Hương');
    const errors = log.scans.filter((s) => s.error !== null);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((s) => s.identity === null && s.error!.messageVi.length > 0)).toBe(true);
    expect(d.state.kind).toBe('ready');
  });

  it('honours a configured prefix/suffix (STX … ETX)', async () => {
    const { scanner, driver: d } = await setup({ prefix: [0x02], suffixes: [[0x03]] });
    const got = nextEvent<ScanEvent>(d, 'scan');
    await scanner.write(Buffer.concat([Buffer.from('noise'), Buffer.from([0x02]), Buffer.from(QR_2021), Buffer.from([0x03])]));
    expect((await got).identity?.idNumber).toBe('001093047064');
  });

  it('recovers from unplug and replug without a restart', async () => {
    const { log, driver: d } = await setup();
    const lost = nextEvent<DeviceStatusEvent>(d, 'state', (e) => e.state.kind === 'error');
    await port!.unplug();
    const lostEv = await lost;
    expect(lostEv.state).toMatchObject({ kind: 'error', problems: ['unplugged'] });
    const back = nextEvent<DeviceStatusEvent>(d, 'state', (e) => e.state.kind === 'ready');
    const scanner = await port!.plug();
    await back;
    const got = nextEvent<ScanEvent>(d, 'scan');
    await scanner.scan(QR_2021);
    expect((await got).identity?.fullName).toBe('Nguyễn Văn Ánh');
    expect(log.states.map((s) => s.state.kind)).toEqual(['connecting', 'ready', 'error', 'connecting', 'ready']);
  });

  it('starts absent when nothing is plugged in, then becomes ready when it appears', async () => {
    port = createPluggableScanner();
    driver = new SerialScannerDriver({ kind: 'serial-scanner', id: 'qr-1', path: port.devicePath, reopenIntervalMs: 30 });
    const absent = nextEvent<DeviceStatusEvent>(driver, 'state', (e) => e.state.kind === 'absent');
    driver.start();
    await absent;
    const ready = nextEvent<DeviceStatusEvent>(driver, 'state', (e) => e.state.kind === 'ready');
    await port.plug();
    await ready;
  });
});
