import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DeviceStatusEvent } from '../../drivers/device/state.ts';
import { hidrawDescriptorPath } from '../../drivers/discovery/hid.ts';
import { DEFAULT_HID_POS_LAYOUT } from '../../drivers/scanner/hid-pos.ts';
import { describeHidPosLayout, type ResolvedHidLayout } from '../../drivers/scanner/hid-layout.ts';
import { HidScannerDriver, type HidDeviceInfo, type HidDeviceLike } from '../../drivers/scanner/hid-scanner.ts';
import type { ScanEvent } from '../../drivers/scanner/scan-event.ts';
import { hidPosReports, nextEvent } from '../helpers/virtual-scanner.ts';
import { BOOT_KEYBOARD, POS_37, POS_37_LAYOUT, POS_64, pos37Reports } from './hid-descriptor-fixtures.ts';
import { QR_2021, QR_2024 } from './identity-fixtures.ts';

class FakeHid extends EventEmitter implements HidDeviceLike {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

const POS: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', usagePage: 0x8c, usage: 0x02 };
const SYSFS = '/sys/class/hidraw/hidraw3/device/report_descriptor';

/** A scanner world whose sysfs holds `files`; every read is recorded. */
function world(files: Record<string, Uint8Array>, opts: { layout?: unknown; platform?: string } = {}) {
  const reads: string[] = [];
  const opened: FakeHid[] = [];
  const driver = new HidScannerDriver(
    { kind: 'hid-pos-scanner', id: 'qr-hid', vendorId: '0c2e', productId: '0b87', ...(opts.layout ? { layout: opts.layout } : {}) },
    {
      listDevices: async () => [POS],
      openDevice: async () => {
        const dev = new FakeHid();
        opened.push(dev);
        return dev;
      },
      readFile: async (path) => {
        reads.push(path);
        const f = files[path];
        if (!f) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
        return f;
      },
      platform: opts.platform ?? 'linux',
      setTimer: () => undefined,
      clearTimer: () => undefined,
      clock: () => new Date('2026-03-01T08:00:00Z'),
    },
  );
  return { driver, reads, opened };
}

async function openScanner(w: ReturnType<typeof world>): Promise<{ dev: FakeHid; layout: ResolvedHidLayout }> {
  const layout = nextEvent<ResolvedHidLayout>(w.driver, 'layout');
  const ready = nextEvent<DeviceStatusEvent>(w.driver, 'state', (e) => e.state.kind === 'ready');
  w.driver.start();
  const [l] = await Promise.all([layout, ready]);
  return { dev: w.opened[0]!, layout: l };
}

/** Reports are handled synchronously: exactly one scan must come out of them, with no report refused. */
function scanOf(w: ReturnType<typeof world>, dev: FakeHid, reports: Buffer[]): ScanEvent {
  const scans: ScanEvent[] = [];
  const errors: string[] = [];
  const onScan = (e: ScanEvent) => scans.push(e);
  const onError = (m: string) => errors.push(m);
  w.driver.on('scan', onScan).on('reportError', onError);
  for (const r of reports) dev.emit('data', r);
  w.driver.off('scan', onScan).off('reportError', onError);
  expect(errors).toEqual([]);
  expect(scans).toHaveLength(1);
  return scans[0]!;
}

describe('HID POS scanner reads with the layout its report descriptor gives (injected sysfs reader)', () => {
  it('a scanner with its own layout: multi-report CCCD QR read right, layout from the descriptor', async () => {
    const w = world({ [SYSFS]: POS_37 });
    const { dev, layout } = await openScanner(w);
    expect(w.reads).toEqual([SYSFS]);
    expect(layout).toEqual({ layout: POS_37_LAYOUT, source: 'descriptor', note: null });
    expect(w.driver.layout).toEqual(layout);
    const reports = pos37Reports(Buffer.from(QR_2021, 'utf8'));
    expect(reports.length).toBeGreaterThan(3);
    const ev = scanOf(w, dev, reports);
    expect(ev).toMatchObject({ deviceId: 'qr-hid', symbology: ']Q1', error: null });
    expect(ev.payload).toBe(QR_2021);
    expect(ev.identity?.fullName).toBe('Nguyễn Văn Ánh');
    await w.driver.stop();
  });

  it('the common descriptor gives the default layout, now from the descriptor', async () => {
    const w = world({ [SYSFS]: POS_64 });
    const { dev, layout } = await openScanner(w);
    expect(layout).toEqual({ layout: DEFAULT_HID_POS_LAYOUT, source: 'descriptor', note: null });
    expect(scanOf(w, dev, hidPosReports(Buffer.from(QR_2024, 'utf8'))).payload).toBe(QR_2024);
    await w.driver.stop();
  });

  it('no descriptor readable: the default layout as before, and the reason', async () => {
    const w = world({});
    const { dev, layout } = await openScanner(w);
    expect(w.reads).toEqual([SYSFS]);
    expect(layout.source).toBe('default');
    expect(layout.layout).toEqual(DEFAULT_HID_POS_LAYOUT);
    expect(layout.note).toMatch(/^report descriptor unreadable: ENOENT/);
    expect(scanOf(w, dev, hidPosReports(Buffer.from(QR_2021, 'utf8'))).identity?.idNumber).toBe('001093047064');
    await w.driver.stop();
  });

  it('a descriptor without a scanned-data report (keyboard mode) or a malformed one: default, with why', async () => {
    const kbd = world({ [SYSFS]: BOOT_KEYBOARD });
    expect((await openScanner(kbd)).layout).toMatchObject({ source: 'default', note: expect.stringMatching(/no HID POS scanned-data report/) });
    await kbd.driver.stop();
    const cut = world({ [SYSFS]: POS_37.subarray(0, 13) });
    const { dev, layout } = await openScanner(cut);
    expect(layout).toMatchObject({ source: 'default', note: 'report descriptor not usable: report descriptor byte 12: item 0x26 needs 2 data bytes, 0 left' });
    expect(scanOf(cut, dev, hidPosReports(Buffer.from('OK'))).payload).toBe('OK');
    await cut.driver.stop();
  });

  it('a layout set in the config wins over the descriptor (which is then not read)', async () => {
    const w = world({ [SYSFS]: POS_64 }, { layout: { ...POS_37_LAYOUT, aimLength: undefined } });
    const { dev, layout } = await openScanner(w);
    expect(w.reads).toEqual([]);
    expect(layout).toEqual({ layout: POS_37_LAYOUT, source: 'config', note: null });
    expect(scanOf(w, dev, pos37Reports(Buffer.from(QR_2021, 'utf8'))).payload).toBe(QR_2021);
    await w.driver.stop();
  });

  it('off Linux nothing is read and the default layout is used', async () => {
    const w = world({ [SYSFS]: POS_37 }, { platform: 'darwin' });
    const { layout } = await openScanner(w);
    expect(w.reads).toEqual([]);
    expect(layout).toMatchObject({ source: 'default', layout: DEFAULT_HID_POS_LAYOUT, note: 'this platform does not publish report descriptors' });
    await w.driver.stop();
  });

  it('sysfs path for a hidraw node; none for other paths or platforms; the technician line', () => {
    expect(hidrawDescriptorPath('/dev/hidraw12', 'linux')).toBe('/sys/class/hidraw/hidraw12/device/report_descriptor');
    expect(hidrawDescriptorPath('/dev/hidraw1/../sda', 'linux')).toBeNull();
    expect(hidrawDescriptorPath('IOService:/AppleACPIPlatformExpert/XHC1', 'darwin')).toBeNull();
    expect(hidrawDescriptorPath('/dev/hidraw0', 'win32')).toBeNull();
    expect(describeHidPosLayout(DEFAULT_HID_POS_LAYOUT)).toBe('report 2, length @1, AIM @2+3, data @5 ×56, continued @63&0x01');
    expect(describeHidPosLayout({ ...POS_37_LAYOUT, lengthOffset: null, aimOffset: null, continuationOffset: null })).toBe(
      'unnumbered reports, no length byte, no AIM id, data @5 ×32, no continuation flag',
    );
  });
});
