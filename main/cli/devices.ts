import { listDevices, type DeviceListing } from '../core/devices/discovery.ts';
import { type CliIo, loadCliConfig, parseFlags } from './io.ts';

export const DEVICES_USAGE = 'usage: letan devices [--json] [--config FILE]';

function text(l: DeviceListing): string {
  const lines: string[] = [];
  const ids = (v?: string, p?: string) => (v ? `${v}:${p ?? '????'}` : '-');
  lines.push(`Cổng COM / Serial ports${l.serial.available ? '' : ` (unavailable: ${l.serial.error})`}:`);
  if (l.serial.ports.length === 0) lines.push('  (none)');
  for (const p of l.serial.ports)
    lines.push(`  ${p.path}  usb ${ids(p.vendorId, p.productId)}  ${p.manufacturer ?? ''}  drivers: ${p.supportedBy.join(', ') || '-'}${p.assignedTo ? `  in use as ${p.assignedTo}` : ''}${p.byId ? `\n      ${p.byId}` : ''}`);
  lines.push(`Thiết bị HID / HID devices${l.hid.available ? '' : ` (unavailable: ${l.hid.error})`}:`);
  if (l.hid.devices.length === 0) lines.push('  (none)');
  for (const h of l.hid.devices)
    lines.push(`  usb ${h.vendorId}:${h.productId}  ${[h.manufacturer, h.product].filter(Boolean).join(' ')}  usagePage ${h.usagePage === null ? '-' : '0x' + h.usagePage.toString(16)}  drivers: ${h.supportedBy.join(', ') || '-'}${h.assignedTo ? `  in use as ${h.assignedTo}` : ''}`);
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
  const listing = await listDevices(config.devices);
  io.stdout.write(values.json ? JSON.stringify(listing, null, 2) + '\n' : text(listing));
  return 0;
}
