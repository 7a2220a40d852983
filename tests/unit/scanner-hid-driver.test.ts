import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DeviceStatusEvent } from '../../drivers/device/state.ts';
import { HidScannerDriver, type HidDeviceInfo, type HidDeviceLike } from '../../drivers/scanner/hid-scanner.ts';
import type { ScanEvent } from '../../drivers/scanner/scan-event.ts';
import { hidPosReports, nextEvent } from '../helpers/virtual-scanner.ts';
import { QR_2021 } from './identity-fixtures.ts';

/** Stands in for node-hid's HID object: an EventEmitter with 'data'/'error' and close(). */
class FakeHid extends EventEmitter implements HidDeviceLike {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

const POS: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', usagePage: 0x8c, usage: 0x02 };
const KBD: HidDeviceInfo = { ...POS, path: '/dev/hidraw2', usagePage: 0x01, usage: 0x06 };

function world() {
  let plugged: HidDeviceInfo[] = [];
  const opened: Array<{ path: string; dev: FakeHid }> = [];
  const timers: Array<() => void> = [];
  const driver = new HidScannerDriver(
    { kind: 'hid-pos-scanner', id: 'qr-hid', vendorId: '0C2E', productId: '0b87' },
    {
      listDevices: async () => plugged,
      openDevice: async (path) => {
        const dev = new FakeHid();
        opened.push({ path, dev });
        return dev;
      },
      // Timers run when the test says so: no waiting on the clock.
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => undefined,
      clock: () => new Date('2026-03-01T08:00:00Z'),
    },
  );
  return {
    driver,
    opened,
    plug: (...d: HidDeviceInfo[]) => (plugged = d),
    tick: () => timers.splice(0).forEach((f) => f()),
  };
}

describe('HID POS scanner driver (injected node-hid device)', () => {
  it('opens the POS interface, not the keyboard one, and emits a parsed scan with its symbology', async () => {
    const w = world();
    w.plug(KBD, POS);
    const ready = nextEvent<DeviceStatusEvent>(w.driver, 'state', (e) => e.state.kind === 'ready');
    w.driver.start();
    await ready;
    expect(w.opened.map((o) => o.path)).toEqual(['/dev/hidraw3']);
    const got = nextEvent<ScanEvent>(w.driver, 'scan');
    for (const r of hidPosReports(Buffer.from(QR_2021, 'utf8'))) w.opened[0]!.dev.emit('data', r);
    const ev = await got;
    expect(ev).toMatchObject({ deviceId: 'qr-hid', symbology: ']Q1', error: null, at: '2026-03-01T08:00:00.000Z' });
    expect(ev.identity?.fullName).toBe('Nguyễn Văn Ánh');
  });

  it('a bad report is reported, and the next scan works', async () => {
    const w = world();
    w.plug(POS);
    const ready = nextEvent(w.driver, 'state', (e: DeviceStatusEvent) => e.state.kind === 'ready');
    w.driver.start();
    await ready;
    const errors: string[] = [];
    w.driver.on('reportError', (m: string) => errors.push(m));
    const dev = w.opened[0]!.dev;
    dev.emit('data', Buffer.from([0x07, 0xff, 0xff]));
    dev.emit('data', hidPosReports(Buffer.alloc(100, 0x41))[0]!); // first half of a two-report payload…
    const got = nextEvent<ScanEvent>(w.driver, 'scan');
    dev.emit('data', hidPosReports(Buffer.from('not an id'))[0]!);
    const ev = await got;
    expect(errors).toHaveLength(1);
    expect(ev.identity).toBeNull();
    expect(ev.error?.field).toBe('format');
    // …so the stray first half became the start of this payload: that is HID POS semantics, and the parser
    // rejects the result instead of returning a wrong identity.
    expect(ev.payload.startsWith('AAAA')).toBe(true);
  });

  it('absent until plugged; unplug (read error) then replug at a new path recovers', async () => {
    const w = world();
    const states: string[] = [];
    w.driver.on('state', (e: DeviceStatusEvent) => states.push(e.state.kind));
    const absent = nextEvent(w.driver, 'state', (e: DeviceStatusEvent) => e.state.kind === 'absent');
    w.driver.start();
    await absent;
    w.plug(POS);
    let ready = nextEvent(w.driver, 'state', (e: DeviceStatusEvent) => e.state.kind === 'ready');
    w.tick();
    await ready;
    const lost = nextEvent<DeviceStatusEvent>(w.driver, 'state', (e) => e.state.kind === 'error');
    w.plug();
    w.opened[0]!.dev.emit('error', new Error('could not read from HID device'));
    expect((await lost).state).toMatchObject({ problems: ['unplugged'] });
    expect(w.opened[0]!.dev.closed).toBe(true);
    w.tick(); // still gone: stays in error
    await Promise.resolve();
    w.plug({ ...POS, path: '/dev/hidraw5' });
    ready = nextEvent(w.driver, 'state', (e: DeviceStatusEvent) => e.state.kind === 'ready');
    w.tick();
    await ready;
    expect(w.opened.map((o) => o.path)).toEqual(['/dev/hidraw3', '/dev/hidraw5']);
    expect(states).toEqual(['absent', 'connecting', 'ready', 'error', 'connecting', 'ready']);
    const got = nextEvent<ScanEvent>(w.driver, 'scan');
    for (const r of hidPosReports(Buffer.from(QR_2021, 'utf8'))) w.opened[1]!.dev.emit('data', r);
    expect((await got).identity?.idNumber).toBe('001093047064');
    await w.driver.stop();
    expect(w.opened[1]!.dev.closed).toBe(true);
  });

  it('supported() is by HID POS usage page (and ids when configured)', () => {
    expect(HidScannerDriver.supported(POS)).toBe(true);
    expect(HidScannerDriver.supported(KBD)).toBe(false);
    expect(HidScannerDriver.supported(POS, { vendorId: '0c2e', productId: '0b87' })).toBe(true);
    expect(HidScannerDriver.supported(POS, { vendorId: '05e0', productId: '0b87' })).toBe(false);
  });
});
