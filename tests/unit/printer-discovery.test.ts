import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffPorts, hasExecutable, listFromSysfs, listSerialPorts } from '../../drivers/discovery/serial.ts';
import { supportedByProfile } from '../../drivers/printer/driver.ts';
import { loadProfile } from '../../drivers/printer/profile.ts';

// A fake /sys + /dev tree: one USB-serial printer (CH340), one pty-like tty without device, one legacy 8250 port.
const root = mkdtempSync(join(tmpdir(), 'letan-sysfs-'));
const usb = join(root, 'sys/devices/pci0000:00/usb1/1-1');
mkdirSync(join(usb, '1-1:1.0/ttyUSB0/tty/ttyUSB0'), { recursive: true });
writeFileSync(join(usb, 'idVendor'), '1a86\n');
writeFileSync(join(usb, 'idProduct'), '7523\n');
writeFileSync(join(usb, 'serial'), 'PRN0001\n');
mkdirSync(join(root, 'sys/class/tty/ttyUSB0'), { recursive: true });
symlinkSync(join(usb, '1-1:1.0/ttyUSB0'), join(root, 'sys/class/tty/ttyUSB0/device'));
mkdirSync(join(root, 'sys/class/tty/tty1'), { recursive: true });
mkdirSync(join(root, 'sys/devices/platform/serial8250/tty/ttyS0'), { recursive: true });
mkdirSync(join(root, 'sys/class/tty/ttyS0'), { recursive: true });
symlinkSync(join(root, 'sys/devices/platform/serial8250'), join(root, 'sys/class/tty/ttyS0/device'));
writeFileSync(join(root, 'sys/class/tty/ttyS0/type'), '0\n');
mkdirSync(join(root, 'dev/serial/by-id'), { recursive: true });
symlinkSync('../../ttyUSB0', join(root, 'dev/serial/by-id/usb-1a86_USB_Serial-if00-port0'));
const emptyBin = join(root, 'bin');
mkdirSync(emptyBin);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('serial discovery', () => {
  it('sysfs fallback: path, USB ids, serial number and by-id link; no virtual or empty legacy ports', () => {
    expect(listFromSysfs(root)).toEqual([
      {
        path: join(root, 'dev/ttyUSB0'),
        vendorId: '1a86',
        productId: '7523',
        serialNumber: 'PRN0001',
        byId: join(root, 'dev/serial/by-id/usb-1a86_USB_Serial-if00-port0'),
      },
    ]);
  });

  it('without udevadm on PATH it never calls serialport’s lister (which would crash spawning it)', async () => {
    let called = false;
    const ports = await listSerialPorts({
      pathEnv: emptyBin,
      root,
      listWithUdev: async () => {
        called = true;
        return [];
      },
    });
    expect(called).toBe(false);
    expect(ports.map((p) => p.vendorId)).toEqual(['1a86']);
  });

  it('with udevadm on PATH it uses the lister, and falls back to sysfs if that fails', async () => {
    const bin = join(root, 'bin-udev');
    mkdirSync(bin);
    writeFileSync(join(bin, 'udevadm'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(bin, 'udevadm'), 0o755);
    expect(hasExecutable('udevadm', bin)).toBe(true);
    expect(await listSerialPorts({ pathEnv: bin, root, listWithUdev: async () => [{ path: '/dev/ttyACM0' }] })).toEqual([{ path: '/dev/ttyACM0' }]);
    const fallback = await listSerialPorts({ pathEnv: bin, root, listWithUdev: async () => Promise.reject(new Error('udevadm failed')) });
    expect(fallback.map((p) => p.productId)).toEqual(['7523']);
  });

  it('diff: added and removed, same path with another device counts as both', () => {
    const a = { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' };
    const b = { path: '/dev/ttyUSB1', vendorId: '04b8', productId: '0202' };
    const a2 = { ...a, productId: '5523' };
    expect(diffPorts([a], [a, b])).toEqual({ added: [b], removed: [] });
    expect(diffPorts([a, b], [b])).toEqual({ added: [], removed: [a] });
    expect(diffPorts([a], [a2])).toEqual({ added: [a2], removed: [a] });
  });

  it('a profile declares which USB devices it drives', () => {
    expect(supportedByProfile(loadProfile('generic-58'), { path: '/dev/ttyUSB0', vendorId: '1A86', productId: '7523' })).toBe(true);
    expect(supportedByProfile(loadProfile('epson-tm-t88'), { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' })).toBe(false);
  });
});
