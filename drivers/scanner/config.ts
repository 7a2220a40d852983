import { z } from 'zod';

const byte = z.number().int().min(0).max(255);
const byteSeq = z.array(byte).min(1).max(8);
const usbId = z
  .string()
  .regex(/^[0-9a-fA-F]{4}$/, '4 hex digits, e.g. 0c2e')
  .transform((s) => s.toLowerCase());

const common = {
  /** Stable id used in DeviceStatusEvent (e.g. "qr-1"). */
  id: z.string().min(1),
  /** How often to look for the device again after it was unplugged or not found. */
  reopenIntervalMs: z.number().int().min(10).max(60_000).default(1000),
};

/** USB-COM (CDC-ACM) barcode/QR scanner, one scan per frame. */
export const serialScannerConfigSchema = z.object({
  ...common,
  kind: z.literal('serial-scanner'),
  /** Prefer a stable path such as /dev/serial/by-id/usb-Honeywell…-if00. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  /** Byte sequences that end a scan; CR and LF each, so CR, LF and CRLF all work. */
  suffixes: z.array(byteSeq).min(1).default([[0x0d], [0x0a]]),
  /** Optional start byte(s) the scanner sends before each scan (e.g. STX [2]). */
  prefix: byteSeq.optional(),
  maxFrameBytes: z.number().int().min(64).max(65_536).default(4096),
  vendorId: usbId.optional(),
  productId: usbId.optional(),
});

/** Passport/ID MRZ reader sending 2 or 3 text lines over a serial line. */
export const mrzReaderConfigSchema = z.object({
  ...common,
  kind: z.literal('mrz-reader'),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  startBytes: byteSeq.optional(),
  /** If set, one block per end byte; otherwise lines are grouped into TD1/TD3 by shape. */
  endBytes: byteSeq.optional(),
  maxFrameBytes: z.number().int().min(64).max(65_536).default(1024),
  /** Without endBytes: report a half-read document after this much silence. */
  groupIdleMs: z.number().int().min(50).max(10_000).default(800),
  vendorId: usbId.optional(),
  productId: usbId.optional(),
});

const offset = z.number().int().min(0).max(1023);
/** A hand-set layout (see HidPosLayout); null offsets mean the report has no such field. */
const hidLayoutSchema = z.object({
  reportId: byte.nullable(),
  lengthOffset: offset.nullable(),
  aimOffset: offset.nullable(),
  aimLength: z.number().int().min(1).max(3).default(3),
  dataOffset: offset,
  dataCapacity: z.number().int().min(1).max(1024),
  continuationOffset: offset.nullable(),
  continuationMask: byte,
});

/** HID POS (usage page 0x8C) scanner through node-hid. */
export const hidScannerConfigSchema = z.object({
  ...common,
  kind: z.literal('hid-pos-scanner'),
  vendorId: usbId,
  productId: usbId,
  /** To tell two identical scanners apart. */
  serialNumber: z.string().optional(),
  /** Wins over the layout read from the scanner's report descriptor (Linux) and over the default. */
  layout: hidLayoutSchema.optional(),
  maxPayloadBytes: z.number().int().min(64).max(65_536).default(8192),
});

export const wedgeConfigSchema = z.object({
  minChars: z.number().int().min(2).max(1000).default(8),
  maxGapMs: z.number().int().min(5).max(200).default(30),
  terminator: z.enum(['Enter', 'Tab']).default('Enter'),
});

export const scannerConfigSchema = z.discriminatedUnion('kind', [serialScannerConfigSchema, mrzReaderConfigSchema, hidScannerConfigSchema]);

export type SerialScannerConfig = z.output<typeof serialScannerConfigSchema>;
export type MrzReaderConfig = z.output<typeof mrzReaderConfigSchema>;
export type HidScannerConfig = z.output<typeof hidScannerConfigSchema>;
export type WedgeConfig = z.output<typeof wedgeConfigSchema>;
export type ScannerConfig = z.output<typeof scannerConfigSchema>;
