// `letan devices`: each HID POS interface says which layout its reports are read with and where it came from.
import { describe, expect, it } from 'vitest';
import { createHidDescriptorReader } from '../../drivers/discovery/hid.ts';
import { DEFAULT_HID_POS_LAYOUT } from '../../drivers/scanner/hid-pos.ts';
import { listingText, withHidLayouts } from '../../main/cli/devices.ts';
import { parseConfig } from '../../main/core/config/load.ts';
import { listDevices } from '../../main/core/devices/discovery.ts';
import { POS_37, POS_37_LAYOUT } from './hid-descriptor-fixtures.ts';

describe('letan devices: HID POS layout and its source', () => {
  it('descriptor, config and default, each with its line; a keyboard interface gets none', async () => {
    const config = parseConfig({
      devices: { scanners: [{ kind: 'hid-pos-scanner', id: 'qr-2', vendorId: '05e0', productId: '1200', layout: { ...POS_37_LAYOUT } }] },
    }).devices;
    const hid = [
      { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', usagePage: 0x8c, usage: 0x02 }, // descriptor in sysfs
      { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw2', usagePage: 0x01, usage: 0x06 }, // its keyboard interface
      { vendorId: 0x05e0, productId: 0x1200, path: '/dev/hidraw5', usagePage: 0x8c, usage: 0x02 }, // layout in the config
      { vendorId: 0x1eab, productId: 0x1d06, path: '/dev/hidraw7', usagePage: 0x8c, usage: 0x02 }, // descriptor unreadable
    ];
    const files: Record<string, Uint8Array> = { '/sys/class/hidraw/hidraw3/device/report_descriptor': POS_37 };
    const reader = createHidDescriptorReader({
      platform: 'linux',
      readFile: async (p) => {
        const f = files[p];
        if (!f) throw new Error(`EACCES: permission denied, open '${p}'`);
        return f;
      },
    });
    const base = await listDevices(config, { listSerial: async () => [], listSane: async () => [], listHid: async () => hid });
    const l = await withHidLayouts(base, config.scanners, reader);
    expect(l.hid.devices.map((d) => d.layout && [d.layout.source, d.layout.note])).toEqual([
      ['descriptor', null],
      undefined,
      ['config', null],
      ['default', "report descriptor unreadable: EACCES: permission denied, open '/sys/class/hidraw/hidraw7/device/report_descriptor'"],
    ]);
    expect(l.hid.devices[0]!.layout!.layout).toEqual(POS_37_LAYOUT);
    expect(l.hid.devices[3]!.layout!.layout).toEqual(DEFAULT_HID_POS_LAYOUT);
    const lines = listingText(l).split('\n').filter((s) => s.includes('layout ('));
    expect(lines).toEqual([
      '      layout (descriptor): unnumbered reports, length @0, AIM @1+3, data @5 ×32, continued @4&0x04',
      '      layout (config): unnumbered reports, length @0, AIM @1+3, data @5 ×32, continued @4&0x04',
      "      layout (default: report descriptor unreadable: EACCES: permission denied, open '/sys/class/hidraw/hidraw7/device/report_descriptor'): report 2, length @1, AIM @2+3, data @5 ×56, continued @63&0x01",
    ]);
  });
});
