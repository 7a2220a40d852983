// HID report descriptors built byte by byte (USB HID 1.11 §6.2.2 item encoding; usage ids from the HID
// Usage Tables' Bar Code Scanner page 0x8C and Generic Desktop page 0x01), and reports in their layouts.

/**
 * Honeywell/Zebra-style HID POS interface: report 2, 64 bytes on the wire. Its layout must be exactly
 * DEFAULT_HID_POS_LAYOUT. A trigger Output report (id 4) follows, as real scanners have one.
 */
export const POS_64 = Uint8Array.from([
  0x05, 0x8c, //             0 Usage Page (Bar Code Scanner)
  0x09, 0x02, //             2 Usage (Bar Code Scanner)
  0xa1, 0x01, //             4 Collection (Application)
  0x85, 0x02, //             6   Report ID (2)                       → report byte 0
  0x09, 0x12, //             8   Usage (Scanned Data Report)
  0xa1, 0x02, //            10   Collection (Logical)
  0x15, 0x00, //            12     Logical Minimum (0)
  0x26, 0xff, 0x00, //      14     Logical Maximum (255), 2-byte item
  0x75, 0x08, //            17     Report Size (8)
  0x95, 0x01, //            19     Report Count (1)
  0x05, 0x01, //            21     Usage Page (Generic Desktop)
  0x09, 0x3b, //            23     Usage (Byte Count)
  0x81, 0x02, //            25     Input (Data, Var, Abs)              → byte 1
  0x95, 0x03, //            27     Report Count (3)
  0x05, 0x8c, //            29     Usage Page (Bar Code Scanner)
  0x09, 0xfb, //            31     Usage (Symbology Identifier 1)
  0x09, 0xfc, //            33     Usage (Symbology Identifier 2)
  0x09, 0xfd, //            35     Usage (Symbology Identifier 3)
  0x81, 0x02, //            37     Input (Data, Var, Abs)              → bytes 2–4
  0x95, 0x38, //            39     Report Count (56)
  0x09, 0xfe, //            41     Usage (Decoded Data)
  0x82, 0x02, 0x01, //      43     Input (Data, Var, Abs, Buffered Bytes) → bytes 5–60
  0x95, 0x02, //            46     Report Count (2)
  0x81, 0x03, //            48     Input (Const, Var, Abs): padding    → bytes 61–62
  0x75, 0x01, //            50     Report Size (1)
  0x95, 0x01, //            52     Report Count (1)
  0x25, 0x01, //            54     Logical Maximum (1)
  0x09, 0xff, //            56     Usage (Decoded Data Continued)
  0x81, 0x02, //            58     Input (Data, Var, Abs)              → byte 63 bit 0
  0x95, 0x07, //            60     Report Count (7)
  0x81, 0x03, //            62     Input (Const): padding              → byte 63 bits 1–7
  0xc0, //                  64   End Collection
  0x85, 0x04, //            65   Report ID (4)
  0x09, 0x14, //            67   Usage (Trigger Report)
  0xa1, 0x02, //            69   Collection (Logical)
  0x09, 0x60, //            71     Usage (Initiate Barcode Read)
  0x95, 0x01, //            73     Report Count (1)
  0x91, 0x02, //            75     Output (Data, Var, Abs)
  0x95, 0x07, //            77     Report Count (7)
  0x91, 0x03, //            79     Output (Const): padding
  0xc0, //                  81   End Collection
  0xc0, //                  82 End Collection
]);

/**
 * Another make: unnumbered reports of 37 bytes — Byte Count at 0, three symbology bytes at 1–3, a flags
 * byte at 4 whose bit 2 is Decoded Data Continued (bits 0–1 and 3–7 padding), then 32 data bytes from 5.
 * Exercises a 4-byte extended usage, Usage Minimum/Maximum, Push/Pop, a long item and a repeated usage.
 */
export const POS_37 = Uint8Array.from([
  0x05, 0x8c, //                  0 Usage Page (Bar Code Scanner)
  0x09, 0x02, //                  2 Usage (Bar Code Scanner)
  0xa1, 0x01, //                  4 Collection (Application)
  0x09, 0x12, //                  6   Usage (Scanned Data Report)
  0xa1, 0x02, //                  8   Collection (Logical)
  0x15, 0x00, //                 10     Logical Minimum (0)
  0x26, 0xff, 0x00, //           12     Logical Maximum (255)
  0x75, 0x08, //                 15     Report Size (8)
  0x95, 0x01, //                 17     Report Count (1)
  0xa4, //                       19     Push (size 8, count 1, 0–255)
  0x0b, 0x3b, 0x00, 0x01, 0x00, // 20     Usage (0x0001003B: Generic Desktop Byte Count), 4-byte item
  0x81, 0x02, //                 25     Input (Data, Var, Abs)              → byte 0
  0x95, 0x03, //                 27     Report Count (3)
  0x19, 0xfb, //                 29     Usage Minimum (Symbology Identifier 1)
  0x29, 0xfd, //                 31     Usage Maximum (Symbology Identifier 3)
  0x81, 0x02, //                 33     Input (Data, Var, Abs)              → bytes 1–3
  0xfe, 0x02, 0x10, 0xaa, 0xbb, // 35     Long item (2 data bytes, tag 0x10): skipped
  0x95, 0x01, //                 40     Report Count (1)
  0x75, 0x02, //                 42     Report Size (2)
  0x81, 0x03, //                 44     Input (Const): padding              → byte 4 bits 0–1
  0x75, 0x01, //                 46     Report Size (1)
  0x25, 0x01, //                 48     Logical Maximum (1)
  0x09, 0xff, //                 50     Usage (Decoded Data Continued)
  0x81, 0x02, //                 52     Input (Data, Var, Abs)              → byte 4 bit 2
  0x75, 0x05, //                 54     Report Size (5)
  0x81, 0x03, //                 56     Input (Const): padding              → byte 4 bits 3–7
  0xb4, //                       58     Pop (back to size 8, count 1, 0–255)
  0x95, 0x20, //                 59     Report Count (32)
  0x09, 0xfe, //                 61     Usage (Decoded Data): the one usage repeats over all 32
  0x81, 0x02, //                 63     Input (Data, Var, Abs)              → bytes 5–36
  0xc0, //                       65   End Collection
  0x09, 0x60, //                 66   Usage (Initiate Barcode Read)
  0x91, 0x02, //                 68   Output (Data, Var, Abs): an 8-bit output report
  0xc0, //                       70 End Collection
]);

export const POS_37_LAYOUT = {
  reportId: null, lengthOffset: 0, aimOffset: 1, aimLength: 3, dataOffset: 5, dataCapacity: 32, continuationOffset: 4, continuationMask: 0x04,
};

/** The boot keyboard of HID 1.11 Appendix B.1: what a scanner in keyboard-wedge mode presents. */
export const BOOT_KEYBOARD = Uint8Array.from([
  0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, // Usage Page (Generic Desktop), Usage (Keyboard), Collection (Application)
  0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, // Usage Page (Keyboard), Usage Minimum (224), Usage Maximum (231)
  0x15, 0x00, 0x25, 0x01, //             Logical Minimum (0), Logical Maximum (1)
  0x75, 0x01, 0x95, 0x08, 0x81, 0x02, // Report Size (1), Report Count (8), Input (Data, Var, Abs): modifiers
  0x95, 0x01, 0x75, 0x08, 0x81, 0x01, // Report Count (1), Report Size (8), Input (Const): reserved byte
  0x95, 0x05, 0x75, 0x01, //             Report Count (5), Report Size (1)
  0x05, 0x08, 0x19, 0x01, 0x29, 0x05, // Usage Page (LEDs), Usage Minimum (1), Usage Maximum (5)
  0x91, 0x02, //                         Output (Data, Var, Abs): LEDs
  0x95, 0x01, 0x75, 0x03, 0x91, 0x01, // Report Count (1), Report Size (3), Output (Const): padding
  0x95, 0x06, 0x75, 0x08, //             Report Count (6), Report Size (8)
  0x15, 0x00, 0x25, 0x65, //             Logical Minimum (0), Logical Maximum (101)
  0x05, 0x07, 0x19, 0x00, 0x29, 0x65, // Usage Page (Keyboard), Usage Minimum (0), Usage Maximum (101)
  0x81, 0x00, //                         Input (Data, Array): key codes
  0xc0, //                               End Collection
]);

/** A scan as POS_37 reports: 32 bytes each, bit 2 of byte 4 set on all but the last; padding bits set to 1. */
export function pos37Reports(payload: Uint8Array, aim = ']Q1'): Buffer[] {
  const reports: Buffer[] = [];
  for (let at = 0; at < payload.length || reports.length === 0; at += 32) {
    const part = payload.subarray(at, at + 32);
    const r = Buffer.alloc(37);
    r[0] = part.length;
    r.write(aim, 1, 'latin1');
    // Padding bits set: a reader that took bit 0 (the default layout's mask) for "continued" would go wrong.
    r[4] = 0xfb | (at + 32 < payload.length ? 0x04 : 0x00);
    Buffer.from(part).copy(r, 5);
    reports.push(r);
  }
  return reports;
}
