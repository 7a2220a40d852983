// What is plugged into the kiosk and which of our drivers could drive it: serial ports, HID interfaces and
// SANE document scanners. Listing never opens a device and never fails as a whole: a source that cannot
// be read (no udev, no hidraw access, no scanimage) says why and the others are still listed.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { listSerialPorts, type PortDescriptor } from '../../../drivers/discovery/serial.ts';
import { supportedByProfile } from '../../../drivers/printer/driver.ts';
import { listProfileIds, loadProfile, type PrinterProfile } from '../../../drivers/printer/profile.ts';
import { HidScannerDriver, type HidDeviceInfo } from '../../../drivers/scanner/hid-scanner.ts';
import { MrzReaderDriver, SerialScannerDriver } from '../../../drivers/scanner/serial-scanner.ts';
import type { DevicesConfigValue } from '../config/schema.ts';

export interface HidListing extends HidDeviceInfo {
  manufacturer?: string | undefined;
  product?: string | undefined;
}

export interface DiscoveryDeps {
  listSerial?: () => Promise<PortDescriptor[]>;
  /** node-hid's devices(); may throw when the native addon or hidraw is unavailable. */
  listHid?: () => Promise<HidListing[]>;
  /** SANE device names and descriptions (scanimage -L). */
  listSane?: () => Promise<{ name: string; description: string }[]>;
}

export interface SerialEntry extends PortDescriptor {
  /** Drivers that would claim this port: "ticket-printer:<profile>", "serial-scanner", "mrz-reader". */
  supportedBy: string[];
  /** Id of the configured device using this port, if any. */
  assignedTo: string | null;
  /** 'system': found by discovery; 'config': only named in the settings (a pty, a by-path link, or unplugged). */
  source: 'system' | 'config';
  present: boolean;
}

export interface HidEntry {
  vendorId: string;
  productId: string;
  path: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  product: string | null;
  usagePage: number | null;
  supportedBy: string[];
  assignedTo: string | null;
}

export interface DeviceListing {
  serial: { available: boolean; error: string | null; ports: SerialEntry[] };
  hid: { available: boolean; error: string | null; devices: HidEntry[] };
  sane: { available: boolean; error: string | null; devices: { name: string; description: string; assignedTo: string | null }[] };
  profiles: { id: string; name: string; widthMm: number }[];
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

async function nodeHidDevices(): Promise<HidListing[]> {
  const hid = await import('node-hid');
  return hid.devicesAsync();
}

/** `scanimage -L` lines: device `test:0' is a Noname frontend-tester virtual device */
export function parseScanimageList(out: string): { name: string; description: string }[] {
  const found: { name: string; description: string }[] = [];
  for (const line of out.split('\n')) {
    const m = /^device [`'‘](.+?)['’] is an? (.+)$/.exec(line.trim());
    if (m) found.push({ name: m[1]!, description: m[2]! });
  }
  return found;
}

export function scanimageList(timeoutMs = 8000): Promise<{ name: string; description: string }[]> {
  return new Promise((resolve, reject) => {
    execFile('scanimage', ['-L'], { timeout: timeoutMs }, (err, stdout) => {
      if (err) reject(new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'scanimage (sane-utils) is not installed' : `scanimage -L failed: ${err.message}`));
      else resolve(parseScanimageList(stdout));
    });
  });
}

function profiles(): PrinterProfile[] {
  return listProfileIds().map((id) => loadProfile(id));
}

export async function listDevices(current: DevicesConfigValue, deps: DiscoveryDeps = {}): Promise<DeviceListing> {
  const known = profiles();
  const [serial, hid, sane] = await Promise.allSettled([
    (deps.listSerial ?? (() => listSerialPorts()))(),
    (deps.listHid ?? nodeHidDevices)(),
    (deps.listSane ?? (() => scanimageList()))(),
  ]);
  const why = (r: PromiseRejectedResult) => (r.reason instanceof Error ? r.reason.message : String(r.reason));

  const serialAssigned = (d: PortDescriptor): string | null => {
    const paths = [d.path, d.byId].filter(Boolean);
    if (current.printer && paths.includes(current.printer.path)) return current.printer.id;
    for (const s of current.scanners) if ('path' in s && paths.includes(s.path)) return s.id;
    return null;
  };
  const ports: SerialEntry[] =
    serial.status === 'fulfilled'
      ? serial.value.map((d) => {
          const supportedBy = known.filter((p) => supportedByProfile(p, d)).map((p) => `ticket-printer:${p.id}`);
          if (SerialScannerDriver.supported(d)) supportedBy.push('serial-scanner');
          const mrz = current.scanners.filter((s) => s.kind === 'mrz-reader');
          if (mrz.some((m) => MrzReaderDriver.supported(d, m))) supportedBy.push('mrz-reader');
          return { ...d, supportedBy, assignedTo: serialAssigned(d), source: 'system' as const, present: true };
        })
      : [];
  // Paths the settings name that discovery did not list (unplugged, or not a USB/sysfs tty): shown so the
  // technician sees every port in use and whether it is there.
  const listed = new Set(ports.flatMap((p) => [p.path, p.byId].filter((x): x is string => !!x)));
  const configured = [
    ...(current.printer ? [{ path: current.printer.path, id: current.printer.id, kind: `ticket-printer:${current.printer.profile}` }] : []),
    ...current.scanners.flatMap((s) => ('path' in s ? [{ path: s.path, id: s.id, kind: s.kind }] : [])),
  ];
  for (const c of configured) {
    if (listed.has(c.path)) continue;
    listed.add(c.path);
    ports.push({ path: c.path, supportedBy: [c.kind], assignedTo: c.id, source: 'config', present: existsSync(c.path) });
  }

  const hidDevices: HidEntry[] =
    hid.status === 'fulfilled'
      ? hid.value.map((h) => {
          const vendorId = hex(h.vendorId);
          const productId = hex(h.productId);
          const assigned = current.scanners.find(
            (s) => s.kind === 'hid-pos-scanner' && s.vendorId === vendorId && s.productId === productId && (s.serialNumber === undefined || s.serialNumber === h.serialNumber),
          );
          return {
            vendorId,
            productId,
            path: h.path ?? null,
            serialNumber: h.serialNumber ?? null,
            manufacturer: h.manufacturer ?? null,
            product: h.product ?? null,
            usagePage: h.usagePage ?? null,
            supportedBy: HidScannerDriver.supported(h) ? ['hid-pos-scanner'] : [],
            assignedTo: assigned?.id ?? null,
          };
        })
      : [];

  return {
    serial: { available: serial.status === 'fulfilled', error: serial.status === 'rejected' ? why(serial) : null, ports },
    hid: { available: hid.status === 'fulfilled', error: hid.status === 'rejected' ? why(hid) : null, devices: hidDevices },
    sane: {
      available: sane.status === 'fulfilled',
      error: sane.status === 'rejected' ? why(sane) : null,
      devices:
        sane.status === 'fulfilled'
          ? sane.value.map((d) => ({ ...d, assignedTo: current.documentScanner?.device === d.name ? current.documentScanner.id : null }))
          : [],
    },
    profiles: known.map((p) => ({ id: p.id, name: p.name, widthMm: p.paper.widthMm })),
  };
}
