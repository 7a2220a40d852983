// Serial port discovery, separate from driving: list what is plugged in, and diff two listings.
// serialport's SerialPort.list() spawns `udevadm` on Linux and, when it is missing, the spawn error is
// unhandled and kills the process; so we only call it when udevadm is on PATH and otherwise read sysfs.
import { accessSync, constants, existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { delimiter, join, resolve, dirname, basename } from 'node:path';

export interface PortDescriptor {
  path: string;
  /** 4 lowercase hex digits when known (USB) */
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  /** stable /dev/serial/by-id link when there is one */
  byId?: string;
}

export interface PortDiff {
  added: PortDescriptor[];
  removed: PortDescriptor[];
}

export interface DiscoveryDeps {
  /** PATH to search for udevadm (default process.env.PATH). */
  pathEnv?: string;
  /** Root for /sys and /dev, for tests. */
  root?: string;
  /** serialport's lister; injected so tests and machines without udevadm never spawn it. */
  listWithUdev?: () => Promise<PortDescriptor[]>;
}

export function hasExecutable(name: string, pathEnv: string | undefined): boolean {
  for (const dir of (pathEnv ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      continue; // not in this PATH entry
    }
  }
  return false;
}

async function listViaSerialport(): Promise<PortDescriptor[]> {
  const { SerialPort } = await import('serialport');
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    ...(p.vendorId ? { vendorId: p.vendorId.toLowerCase() } : {}),
    ...(p.productId ? { productId: p.productId.toLowerCase() } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
  }));
}

function readAttr(dir: string, name: string): string | undefined {
  try {
    const v = readFileSync(join(dir, name), 'utf8').trim();
    return v || undefined;
  } catch {
    return undefined; // attribute absent on this device
  }
}

/** Walk up from a tty's sysfs device to the USB device that carries idVendor/idProduct. */
function usbAttrs(deviceDir: string, sysRoot: string): Omit<PortDescriptor, 'path'> {
  let dir = deviceDir;
  while (dir.startsWith(sysRoot) && dir !== sysRoot) {
    const vendorId = readAttr(dir, 'idVendor');
    if (vendorId) {
      const productId = readAttr(dir, 'idProduct');
      const serialNumber = readAttr(dir, 'serial');
      const manufacturer = readAttr(dir, 'manufacturer');
      return {
        vendorId: vendorId.toLowerCase(),
        ...(productId ? { productId: productId.toLowerCase() } : {}),
        ...(serialNumber ? { serialNumber } : {}),
        ...(manufacturer ? { manufacturer } : {}),
      };
    }
    dir = dirname(dir);
  }
  return {};
}

/** Read /sys/class/tty (ttys with a real device behind them) and /dev/serial/by-id. */
export function listFromSysfs(root = '/'): PortDescriptor[] {
  const sysRoot = join(root, 'sys');
  const classDir = join(sysRoot, 'class', 'tty');
  const byIdDir = join(root, 'dev', 'serial', 'by-id');
  const byId = new Map<string, string>();
  if (existsSync(byIdDir))
    for (const link of readdirSync(byIdDir)) {
      try {
        byId.set(basename(resolve(byIdDir, readlinkSync(join(byIdDir, link)))), join(byIdDir, link));
      } catch {
        continue; // dangling link: the device is going away
      }
    }
  if (!existsSync(classDir)) return [];
  const out: PortDescriptor[] = [];
  for (const name of readdirSync(classDir).sort()) {
    const dev = join(classDir, name, 'device');
    if (!existsSync(dev)) continue; // virtual console / pty: no hardware
    let real: string;
    try {
      real = realpathSync(dev);
    } catch {
      continue;
    }
    // Legacy 8250 ports exist even with nothing attached; keep them only when a driver bound a real UART.
    if (/serial8250/.test(real) && (readAttr(join(classDir, name), 'type') ?? '0') === '0') continue;
    const link = byId.get(name);
    out.push({ path: join(root, 'dev', name), ...usbAttrs(real, sysRoot), ...(link ? { byId: link } : {}) });
  }
  return out;
}

/** List serial ports: serialport's lister when udevadm is on PATH, sysfs otherwise (or if it fails). */
export async function listSerialPorts(deps: DiscoveryDeps = {}): Promise<PortDescriptor[]> {
  const root = deps.root ?? '/';
  if (hasExecutable('udevadm', deps.pathEnv ?? process.env.PATH)) {
    try {
      return await (deps.listWithUdev ?? listViaSerialport)();
    } catch {
      return listFromSysfs(root); // udevadm present but failing (e.g. no udev in a container)
    }
  }
  return listFromSysfs(root);
}

const keyOf = (d: PortDescriptor) => `${d.path}|${d.vendorId ?? ''}|${d.productId ?? ''}|${d.serialNumber ?? ''}`;

/** What appeared and what went away between two listings (same path with a different device counts as both). */
export function diffPorts(before: PortDescriptor[], after: PortDescriptor[]): PortDiff {
  const b = new Set(before.map(keyOf));
  const a = new Set(after.map(keyOf));
  return { added: after.filter((d) => !b.has(keyOf(d))), removed: before.filter((d) => !a.has(keyOf(d))) };
}
