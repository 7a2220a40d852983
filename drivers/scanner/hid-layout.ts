// Which HID POS layout a scanner is read with, and why: a layout set in the config wins; otherwise the one
// the scanner's own report descriptor gives (where the platform publishes it); otherwise the common default.
import { HidDescriptorError, hidPosLayoutFromDescriptor } from './hid-descriptor.ts';
import { DEFAULT_HID_POS_LAYOUT, type HidPosLayout } from './hid-pos.ts';

export type HidLayoutSource = 'config' | 'descriptor' | 'default';

export interface ResolvedHidLayout {
  layout: HidPosLayout;
  source: HidLayoutSource;
  /** Why the descriptor was not used (unreadable, no scanned-data report, malformed); null otherwise. */
  note: string | null;
}

export async function resolveHidPosLayout(
  configured: HidPosLayout | undefined,
  devicePath: string | undefined,
  readDescriptor: (devicePath: string) => Promise<Uint8Array | null>,
): Promise<ResolvedHidLayout> {
  if (configured) return { layout: configured, source: 'config', note: null };
  const fallback = (note: string): ResolvedHidLayout => ({ layout: DEFAULT_HID_POS_LAYOUT, source: 'default', note });
  if (!devicePath) return fallback('no device path to read a report descriptor for');
  let bytes: Uint8Array | null;
  try {
    bytes = await readDescriptor(devicePath);
  } catch (e) {
    return fallback(`report descriptor unreadable: ${(e as Error).message}`);
  }
  if (bytes === null) return fallback('this platform does not publish report descriptors');
  let layout: HidPosLayout | null;
  try {
    layout = hidPosLayoutFromDescriptor(bytes);
  } catch (e) {
    if (!(e instanceof HidDescriptorError)) throw e;
    return fallback(`report descriptor not usable: ${e.message}`);
  }
  if (!layout) return fallback('report descriptor has no HID POS scanned-data report (keyboard or vendor mode?)');
  return { layout, source: 'descriptor', note: null };
}

/** One line for the technician: "report 2, length @1, AIM @2+3, data @5 ×56, continued @63&0x01". */
export function describeHidPosLayout(l: HidPosLayout): string {
  return [
    l.reportId === null ? 'unnumbered reports' : `report ${l.reportId}`,
    l.lengthOffset === null ? 'no length byte' : `length @${l.lengthOffset}`,
    l.aimOffset === null ? 'no AIM id' : `AIM @${l.aimOffset}+${l.aimLength}`,
    `data @${l.dataOffset} ×${l.dataCapacity}`,
    l.continuationOffset === null ? 'no continuation flag' : `continued @${l.continuationOffset}&0x${l.continuationMask.toString(16).padStart(2, '0')}`,
  ].join(', ');
}
