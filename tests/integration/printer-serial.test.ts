// The driver over real ptys (socat) and the real serialport binding, a virtual ESC/POS printer on the peer.
import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../drivers/device/state.ts';
import type { PrintDocument } from '../../drivers/printer/document.ts';
import { createSerialPrinterDriver, type SerialPrinterDriver } from '../../drivers/printer/driver.ts';
import { PrinterError } from '../../drivers/printer/errors.ts';
import { loadProfile, type TextMode } from '../../drivers/printer/profile.ts';
import { loadFontSet } from '../../drivers/printer/raster.ts';
import { openPtyPair, type PtyPair } from '../helpers/pty.ts';
import { EscPosInterpreter, startVirtualPrinter, type VirtualPrinter } from '../helpers/virtual-printer.ts';
import { waitUntil } from '../helpers/wait.ts';

const fonts = loadFontSet();
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const ticket = (n: string): PrintDocument => ({
  blocks: [
    { kind: 'text', text: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', align: 'center', bold: true },
    { kind: 'text', text: 'số thứ tự của bạn', align: 'center' },
    { kind: 'big', text: n },
    { kind: 'text', text: 'quầy số 3: đăng ký hộ tịch, chứng thực' },
    { kind: 'qr', data: `https://letan.local/t/${n}` },
    { kind: 'barcode', data: n },
    { kind: 'cut' },
  ],
});

const until = (what: string, cond: () => boolean, ms = 10_000) => waitUntil(cond, what, ms);

/** A stable device path (like /dev/serial/by-id/…) that we can point at a new pty when the "printer" returns. */
function stableLink(target: string): { path: string; repoint(t: string): void } {
  const dir = mkdtempSync(join(tmpdir(), 'letan-byid-'));
  const path = join(dir, 'usb-printer');
  symlinkSync(target, path);
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return {
    path,
    repoint(t) {
      unlinkSync(path);
      symlinkSync(t, path);
    },
  };
}

async function rig(profileId: string, textMode?: TextMode, statusTimeoutMs = 1000) {
  const profile = loadProfile(profileId);
  const pair = await openPtyPair();
  const link = stableLink(pair.devicePath);
  const vp = await startVirtualPrinter(pair.peerPath, profile);
  const driver = createSerialPrinterDriver({
    id: 'printer-1',
    profileId,
    path: link.path,
    fonts,
    pollIntervalMs: 150,
    reconnectIntervalMs: 100,
    statusTimeoutMs,
    writeChunkBytes: 256,
    ...(textMode ? { textMode } : {}),
  });
  const states: DeviceState[] = [];
  driver.on('status', (e) => states.push(e.state));
  cleanup.push(
    () => pair.close(),
    () => vp.close(),
    () => driver.stop(),
  );
  return { profile, pair, link, vp, driver, states };
}

describe('ticket printer over a real pty', () => {
  it.each([
    ['epson-tm-t88', undefined],
    ['generic-80', 'codepage'],
    ['generic-58', 'raster'],
  ] as const)('%s (%s): prints the Vietnamese ticket once, decoded by the virtual printer', async (id, mode) => {
    const { driver, vp, profile } = await rig(id, mode);
    await driver.start();
    await until('ready', () => driver.state.kind === 'ready');
    await driver.print(ticket('A012'));
    if (profile.cutter === 'none') await until('bytes', () => vp.interpreter.items.length > 0 || vp.tickets.length > 0);
    else await until('ticket', () => vp.tickets.length === 1);
    if (profile.cutter === 'none') vp.interpreter.tear();
    expect(vp.tickets).toHaveLength(1);
    const t = vp.tickets[0]!;
    const lines = EscPosInterpreter.textOf(t);
    expect(vp.interpreter.unknown).toEqual([]);
    expect(t.items).toContainEqual(expect.objectContaining({ kind: 'text', text: 'A012', width: 4, height: 4 }));
    expect(t.items).toContainEqual({ kind: 'barcode', system: 73, data: 'A012' });
    if (profile.qr.native) expect(t.items).toContainEqual({ kind: 'qr', data: 'https://letan.local/t/A012', moduleSize: 6 });
    if (id === 'epson-tm-t88') {
      // TCVN-3: lowercase lines as text; the capitals line went raster rather than print '?'
      expect(lines[0]).toMatch(/^\[raster \d+x35\]$/);
      expect(lines).toContain('số thứ tự của bạn');
      expect(lines.join(' ')).toContain('quầy số 3: đăng ký hộ tịch, chứng thực');
    }
    if (id === 'generic-80') expect(lines).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    if (id === 'generic-58') expect(t.items.filter((i) => i.kind === 'text').map((i) => (i as { text: string }).text)).toEqual(['A012']);
    expect(lines.join('')).not.toContain('?');
  });

  it('status: paper near end is a warning; paper out and cover open refuse the job before any byte', async () => {
    const { driver, vp, states } = await rig('epson-tm-t88');
    await driver.start();
    await until('ready', () => driver.state.kind === 'ready');
    vp.setStatus({ paperNearEnd: true });
    await until('warning', () => driver.state.kind === 'warning');
    expect(driver.state).toEqual({ kind: 'warning', problems: ['paper-near-end'] });
    await driver.print(ticket('A013'));
    await until('ticket', () => vp.tickets.length === 1);

    vp.setStatus({ paperOut: true });
    await until('error', () => driver.state.kind === 'error');
    const bytesBefore = vp.interpreter.printBytes;
    const err = await driver.print(ticket('A014')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect(err).toMatchObject({ code: 'paper-out' });
    vp.setStatus({ paperOut: false, paperNearEnd: false, coverOpen: true });
    await expect(driver.print(ticket('A015'))).rejects.toMatchObject({ code: 'cover-open', message: expect.stringContaining('cover open') });
    expect(vp.interpreter.printBytes).toBe(bytesBefore);
    expect(vp.tickets).toHaveLength(1);
    expect(states.some((s) => s.kind === 'error' && s.problems.includes('cover-open'))).toBe(true);
  });

  it('printer pulled away mid-ticket: the job fails once, the driver reconnects to the new pty and the next job prints once', async () => {
    // The whole ticket may already sit in the ptys' buffers when the line goes: the driver then learns of the
    // pull during its status check after the job, which must not time out before a loaded machine reports the close.
    const { driver, vp, pair, link, states, profile } = await rig('generic-80', 'raster', 5000);
    await driver.start();
    await until('ready', () => driver.state.kind === 'ready');
    const base = vp.interpreter.printBytes;
    let pulled: Promise<void> | undefined;
    vp.onReceived(() => {
      if (!pulled && vp.interpreter.printBytes > base + 600) pulled = pair.close();
    });

    const outcomes: Array<string> = [];
    await driver.print(ticket('B001')).then(
      () => outcomes.push('printed'),
      (e: unknown) => outcomes.push(e instanceof PrinterError ? `PrinterError:${e.code}` : `other:${String(e)}`),
    );
    expect(outcomes).toEqual(['PrinterError:disconnected']);
    await pulled;
    expect(vp.tickets).toHaveLength(0); // the cut never arrived
    await until('error or absent', () => driver.state.kind === 'error' || driver.state.kind === 'absent');
    expect(states).toContainEqual(expect.objectContaining({ kind: 'error', problems: ['unplugged'] }));
    await until('absent', () => driver.state.kind === 'absent');
    await expect(driver.print(ticket('B002'))).rejects.toMatchObject({ code: 'not-connected' });

    // The printer comes back: a new pty at the same (stable) path.
    const pair2: PtyPair = await openPtyPair();
    cleanup.push(() => pair2.close());
    const vp2: VirtualPrinter = await startVirtualPrinter(pair2.peerPath, profile);
    cleanup.push(() => vp2.close());
    link.repoint(pair2.devicePath);
    await until('ready again', () => driver.state.kind === 'ready');
    await driver.print(ticket('B003'));
    await until('ticket', () => vp2.tickets.length === 1);
    // Jobs run one at a time, so a replayed B001 would have come out before B003.
    expect(vp2.tickets).toHaveLength(1);
    expect(vp2.tickets[0]!.items).toContainEqual(expect.objectContaining({ kind: 'text', text: 'B003' }));
    expect(vp.tickets).toHaveLength(0);

    // Pulled while idle: noticed through the line closing or the next status poll.
    await pair2.close();
    await until('absent after idle pull', () => driver.state.kind === 'absent');
  });
});
