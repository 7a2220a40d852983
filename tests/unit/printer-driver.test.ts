// The driver over the in-memory transport, with the virtual printer's interpreter answering status.
import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../drivers/device/state.ts';
import type { PrintDocument } from '../../drivers/printer/document.ts';
import { SerialPrinterDriver } from '../../drivers/printer/driver.ts';
import { PrinterError } from '../../drivers/printer/errors.ts';
import { loadProfile } from '../../drivers/printer/profile.ts';
import { loadFontSet } from '../../drivers/printer/raster.ts';
import { MemoryTransport } from '../../drivers/transport/memory.ts';
import { EscPosInterpreter } from '../helpers/virtual-printer.ts';

const profile = loadProfile('epson-tm-t88');
const fonts = loadFontSet();
const ticket: PrintDocument = {
  blocks: [{ kind: 'text', text: 'Số thứ tự', align: 'center' }, { kind: 'big', text: 'B007' }, { kind: 'cut' }],
};

function rig() {
  const transport = new MemoryTransport();
  const printer = new EscPosInterpreter(profile, (bytes) => queueMicrotask(() => transport.device.send(Uint8Array.from(bytes))));
  transport.device.onWrite((b) => printer.push(b));
  const states: DeviceState[] = [];
  const driver = new SerialPrinterDriver({ id: 'p1', profile, transport, fonts, pollIntervalMs: 60_000, reconnectIntervalMs: 10 });
  driver.on('status', (e) => states.push(e.state));
  return { transport, printer, driver, states };
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

describe('SerialPrinterDriver (memory transport)', () => {
  it('connects, reports ready, prints one ticket exactly once', async () => {
    const { driver, printer, states } = rig();
    await driver.start();
    expect(states.map((s) => s.kind)).toEqual(['connecting', 'ready']);
    await driver.print(ticket);
    expect(printer.tickets).toHaveLength(1);
    expect(EscPosInterpreter.textOf(printer.tickets[0]!)).toEqual(['Số thứ tự', 'B007']);
    expect(printer.asbEnabled).toBe(true);
    await driver.stop();
  });

  it('paper out: rejects with a PrinterError and writes nothing of the ticket', async () => {
    const { driver, printer, states } = rig();
    await driver.start();
    printer.setStatus({ paperOut: true });
    const before = printer.printBytes;
    const err = await driver.print(ticket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).code).toBe('paper-out');
    expect((err as PrinterError).message).toMatch(/paper roll empty/);
    expect(printer.printBytes).toBe(before);
    expect(states.at(-1)).toMatchObject({ kind: 'error', problems: ['paper-out', 'offline', 'paper-near-end'] });
    printer.setStatus({ paperOut: false, coverOpen: true });
    await expect(driver.print(ticket)).rejects.toMatchObject({ code: 'cover-open' });
    printer.setStatus({ coverOpen: false, paperNearEnd: true });
    await driver.print(ticket);
    expect(states.at(-1)).toEqual({ kind: 'warning', problems: ['paper-near-end'] });
    expect(printer.tickets).toHaveLength(1);
    await driver.stop();
  });

  it('a printer that does not answer status: status-timeout, state error offline', async () => {
    const transport = new MemoryTransport();
    const driver = new SerialPrinterDriver({ id: 'mute', profile, transport, fonts, statusTimeoutMs: 30, pollIntervalMs: 60_000 });
    await driver.start();
    expect(driver.state).toMatchObject({ kind: 'error', problems: ['offline'] });
    await expect(driver.print(ticket)).rejects.toMatchObject({ code: 'status-timeout' });
    await driver.stop();
  });

  it('unplugged mid-job: one rejection, state error, reconnects when present again; jobs never replayed', async () => {
    const { driver, printer, transport, states } = rig();
    await driver.start();
    let unplugged = false;
    const base = printer.printBytes;
    transport.device.onWrite(() => {
      if (!unplugged && printer.printBytes > base + 20) {
        unplugged = true;
        transport.device.unplug();
      }
    });
    const outcomes: string[] = [];
    await driver.print(ticket).then(
      () => outcomes.push('ok'),
      (e: PrinterError) => outcomes.push(e.code),
    );
    expect(outcomes).toEqual(['disconnected']);
    expect(states).toContainEqual(expect.objectContaining({ kind: 'error', problems: ['unplugged'] }));
    await until(() => driver.state.kind === 'absent');
    await expect(driver.print(ticket)).rejects.toMatchObject({ code: 'not-connected' });
    transport.device.setPresent(true);
    await until(() => driver.state.kind === 'ready');
    const ticketsBefore = printer.tickets.length;
    await driver.print(ticket);
    expect(printer.tickets.length).toBe(ticketsBefore + 1);
    await driver.stop();
  });

  it('ASB pushes state changes without polling', async () => {
    const { driver, printer, states } = rig();
    await driver.start();
    printer.setStatus({ coverOpen: true });
    await until(() => driver.state.kind === 'error');
    expect(states.at(-1)).toMatchObject({ kind: 'error', problems: ['cover-open', 'offline'] });
    printer.setStatus({ coverOpen: false });
    await until(() => driver.state.kind === 'ready');
    await driver.stop();
  });

  it('supported(): the configured path or a profile USB id', () => {
    const d = new SerialPrinterDriver({ id: 'x', profile, transport: new MemoryTransport(), path: '/dev/ttyS4' });
    expect(d.supported({ path: '/dev/ttyS4' })).toBe(true);
    expect(d.supported({ path: '/dev/ttyUSB0', vendorId: '04b8', productId: '0e28' })).toBe(true);
    expect(d.supported({ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' })).toBe(false);
  });
});
