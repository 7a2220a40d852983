// HID interfaces, separate from driving: where the platform publishes an interface's report descriptor.
// node-hid 3.4 does not expose descriptors; on Linux the kernel puts each hidraw node's descriptor in sysfs,
// and node-hid's device path there is the /dev/hidrawN node. Other platforms: none (null).
import { readFile as fsReadFile } from 'node:fs/promises';

export type ReadFile = (path: string) => Promise<Uint8Array>;

/** /dev/hidrawN → /sys/class/hidraw/hidrawN/device/report_descriptor on Linux; null anywhere else. */
export function hidrawDescriptorPath(devicePath: string, platform: string): string | null {
  if (platform !== 'linux') return null;
  const m = /^\/dev\/(hidraw\d+)$/.exec(devicePath);
  return m ? `/sys/class/hidraw/${m[1]}/device/report_descriptor` : null;
}

export interface HidDescriptorReaderDeps {
  readFile?: ReadFile;
  platform?: string;
}

/**
 * Reads a HID interface's report descriptor by its node-hid path: null where the platform does not publish
 * one; rejects (ENOENT, EACCES…) when the file is there in principle but cannot be read.
 */
export function createHidDescriptorReader(deps: HidDescriptorReaderDeps = {}): (devicePath: string) => Promise<Uint8Array | null> {
  const read = deps.readFile ?? fsReadFile;
  return async (devicePath) => {
    const file = hidrawDescriptorPath(devicePath, deps.platform ?? process.platform);
    return file === null ? null : read(file);
  };
}
