import { z } from 'zod';

// The config file (JSON), documented in README.md. Every field has a default so a fresh install runs as-is.

const Localized = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const Pin = z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits');

export const ServiceConfig = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and dashes'),
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters, e.g. "A"'),
  name: Localized,
  /** Catalog fields (lĩnh vực) whose procedures this service receives. */
  fields: z.array(z.string().min(1)).min(1),
  targetWaitMinutes: z.number().int().positive().default(20),
  /** Used for wait estimates until the day has real service times. */
  defaultServiceMinutes: z.number().positive().default(6),
  dailyQuota: z.number().int().positive().nullable().default(null),
});

export const CounterConfig = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{1,16}$/),
  name: z.string().min(1),
  serviceIds: z.array(z.string()).min(1),
});

export const PrinterConfig = z.strictObject({
  id: z.string().default('printer-1'),
  /** Serial device path, e.g. /dev/ttyUSB0, /dev/serial/by-id/…, COM3. */
  path: z.string().min(1),
  profile: z.string().min(1).default('generic-80'),
  baudRate: z.number().int().positive().optional(),
  textMode: z.enum(['auto', 'codepage', 'raster']).default('auto'),
});

export const ConfigSchema = z.strictObject({
  center: z
    .strictObject({
      name: z.string().min(1).default('Trung tâm Phục vụ hành chính công'),
      /** Unit identifier (mã định danh đơn vị) that prefixes dossier codes. */
      unitId: z.string().min(1).default('H00.00'),
      place: z.string().min(1).default('Huế'),
    })
    .prefault({}),
  server: z
    .strictObject({
      /** Loopback by default; set "0.0.0.0" to serve counters and hall displays on the LAN. */
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      publicUrl: z.string().url().optional(),
    })
    .prefault({}),
  kiosk: z
    .strictObject({
      homeTimeoutSeconds: z.number().int().min(5).max(600).default(20),
      inactivitySeconds: z.number().int().min(15).max(600).default(60),
      onePerPersonPerServicePerDay: z.boolean().default(true),
    })
    .prefault({}),
  services: z.array(ServiceConfig).min(1).optional(),
  counters: z.array(CounterConfig).min(1).optional(),
  priorities: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,32}$/), label: Localized }))
    .optional(),
  auth: z
    .strictObject({
      counterPin: Pin.default('1111'),
      supervisorPin: Pin.default('2222'),
      technicianPin: Pin.default('3333'),
      tokenTtlMinutes: z.number().int().min(5).max(24 * 60).default(12 * 60),
    })
    .prefault({}),
  devices: z
    .strictObject({
      printer: PrinterConfig.nullable().default(null),
    })
    .prefault({}),
});
export type ConfigInput = z.input<typeof ConfigSchema>;
export type ParsedConfig = z.output<typeof ConfigSchema>;
export type ServiceConfig = z.output<typeof ServiceConfig>;
export type CounterConfig = z.output<typeof CounterConfig>;
