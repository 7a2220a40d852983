import { createHidDescriptorReader } from '../../drivers/discovery/hid.ts';
import type { ScannerConfig } from '../../drivers/scanner/config.ts';
import { describeHidPosLayout, resolveHidPosLayout, type ResolvedHidLayout } from '../../drivers/scanner/hid-layout.ts';
import { listDevices, type DeviceListing, type HidEntry } from '../core/devices/discovery.ts';
import { type CliIo, loadCliConfig, parseFlags } from './io.ts';

export const DEVICES_USAGE = 'usage: letan devices [--json] [--config FILE]';

type Listing = Omit<DeviceListing, 'hid'> & { hid: Omit<DeviceListing['hid'], 'devices'> & { devices: (HidEntry & { layout?: ResolvedHidLayout })[] } };

/**
 * For each HID POS interface (or one a HID scanner is configured on): the layout its reports would be read
 * with and where it comes from — the config, its report descriptor, or the default — as the driver decides.
 */
export async function withHidLayouts(
  l: DeviceListing,
  scanners: readonly ScannerConfig[],
  readDescriptor: (devicePath: string) => Promise<Uint8Array | null>,
): Promise<Listing> {
  const devices = await Promise.all(
    l.hid.devices.map(async (h) => {
      const config = scanners.find((s) => s.kind === 'hid-pos-scanner' && s.id === h.assignedTo);
      // As the driver chooses: the POS interface, or one that does not say its usage page.
      if (!h.supportedBy.includes('hid-pos-scanner') && !(config && h.usagePage === null)) return h;
      const configured = config?.kind === 'hid-pos-scanner' ? config.layout : undefined;
      return { ...h, layout: await resolveHidPosLayout(configured, h.path ?? undefined, readDescriptor) };
    }),
  );
  return { ...l, hid: { ...l.hid, devices } };
}

export function listingText(l: Listing): string {
  const lines: string[] = [];
  const ids = (v?: string, p?: string) => (v ? `${v}:${p ?? '????'}` : '-');
  lines.push(`Cổng COM / Serial ports${l.serial.available ? '' : ` (unavailable: ${l.serial.error})`}:`);
  if (l.serial.ports.length === 0) lines.push('  (none)');
  for (const p of l.serial.ports)
    lines.push(`  ${p.path}  usb ${ids(p.vendorId, p.productId)}  ${p.manufacturer ?? ''}  drivers: ${p.supportedBy.join(', ') || '-'}${p.assignedTo ? `  in use as ${p.assignedTo}` : ''}${p.byId ? `\n      ${p.byId}` : ''}`);
  lines.push(`Thiết bị HID / HID devices${l.hid.available ? '' : ` (unavailable: ${l.hid.error})`}:`);
  if (l.hid.devices.length === 0) lines.push('  (none)');
  for (const h of l.hid.devices) {
    lines.push(`  usb ${h.vendorId}:${h.productId}  ${[h.manufacturer, h.product].filter(Boolean).join(' ')}  usagePage ${h.usagePage === null ? '-' : '0x' + h.usagePage.toString(16)}  drivers: ${h.supportedBy.join(', ') || '-'}${h.assignedTo ? `  in use as ${h.assignedTo}` : ''}`);
    if (h.layout) lines.push(`      layout (${h.layout.source}${h.layout.note ? `: ${h.layout.note}` : ''}): ${describeHidPosLayout(h.layout.layout)}`);
  }
  lines.push(`Máy quét tài liệu (SANE) / Document scanners${l.sane.available ? '' : ` (unavailable: ${l.sane.error})`}:`);
  if (l.sane.devices.length === 0) lines.push('  (none)');
  for (const d of l.sane.devices) lines.push(`  ${d.name}  ${d.description}${d.assignedTo ? `  in use as ${d.assignedTo}` : ''}`);
  lines.push(`Printer profiles: ${l.profiles.map((p) => p.id).join(', ')}`);
  return lines.join('\n') + '\n';
}

/** `letan devices`: serial ports, HID interfaces and SANE scanners, and which driver would take each. */
export async function runDevices(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(args, { json: { type: 'boolean', default: false }, config: { type: 'string' } }, DEVICES_USAGE, io);
  if (!values) return 2;
  const config = loadCliConfig(values.config, io);
  if (!config) return 2;
  const listing = await withHidLayouts(await listDevices(config.devices), config.devices.scanners, createHidDescriptorReader());
  io.stdout.write(values.json ? JSON.stringify(listing, null, 2) + '\n' : listingText(listing));
  return 0;
}
