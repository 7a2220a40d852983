import { z } from 'zod';
import { checkUnitId } from '../dossier/code.ts';
import { scannerConfigSchema } from '../../../drivers/scanner/config.ts';

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

/** A flatbed/sheet-fed document scanner reached through SANE (`scanimage -L` lists the device names). */
export const DocumentScannerConfig = z.strictObject({
  id: z.string().min(1).default('docscan-1'),
  /** SANE device name, e.g. "epjitsu:libusb:001:004" or "test:0". */
  device: z.string().min(1),
  /** How often to look whether the device is still listed. */
  pollMs: z.number().int().min(1000).max(600_000).default(15_000),
});

/** Every device the kiosk drives; ids are unique across all of them (they name the status history). */
export const DevicesConfig = z
  .strictObject({
    printer: PrinterConfig.nullable().default(null),
    /** QR scanners (USB COM or HID POS) and MRZ readers, as in docs/technician-scanners.md. */
    scanners: z.array(scannerConfigSchema).max(8).default([]),
    documentScanner: DocumentScannerConfig.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    const ids = [d.printer?.id, ...d.scanners.map((s) => s.id), d.documentScanner?.id];
    ids.forEach((id, i) => {
      if (id === undefined) return;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: i === 0 ? ['printer', 'id'] : i <= d.scanners.length ? ['scanners', i - 1, 'id'] : ['documentScanner', 'id'], message: `duplicate device id "${id}"` });
      seen.add(id);
    });
  });

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const OpeningHoursConfig = z.strictObject({
  enforced: z.boolean(),
  /** Closed on statutory holidays and decided days off. */
  holidays: z.boolean().default(true),
  /** 0 = Sunday … 6 = Saturday; each day a list of {start, end} ranges, empty when closed. */
  week: z.array(z.array(z.strictObject({ start: ClockTime, end: ClockTime })).max(4)).length(7),
});

export const ConfigSchema = z.strictObject({
  center: z
    .strictObject({
      name: z.string().min(1).default('Trung tâm Phục vụ hành chính công'),
      /** Unit identifier (mã định danh đơn vị) that prefixes dossier codes. */
      unitId: z
        .string()
        .default('000.00.00.H57')
        .superRefine((id, ctx) => {
          const check = checkUnitId(id, { permissive: true });
          if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
        }),
      place: z.string().min(1).default('Huế'),
      /** Upper line of the receipt's heading (TÊN CẤP TỈNH…). */
      parentAgency: z.string().min(1).default('UBND TỈNH THỪA THIÊN HUẾ'),
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
      /** Named staff accounts; `pinHash` from `letan hash-pin` (the PIN itself is never stored). */
      users: z
        .array(
          z.strictObject({
            id: z.string().regex(/^[a-z0-9._-]{2,32}$/, 'id: 2-32 of a-z 0-9 . _ -'),
            name: z.string().min(1).max(100),
            role: z.enum(['counter', 'supervisor', 'technician']),
            pinHash: z.string().regex(/^scrypt:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/, 'pinHash: the output of `letan hash-pin`'),
          }),
        )
        .default([])
        .refine((us) => new Set(us.map((u) => u.id)).size === us.length, 'user ids must be unique'),
    })
    .prefault({}),
  intake: z
    .strictObject({
      /** Dossiers received after this hour count from the next working day. */
      cutoffHour: z.number().int().min(0).max(23).default(15),
      /** The center receives dossiers on Saturday mornings. */
      saturdayMorning: z.boolean().default(true),
      /** Fee in đồng per procedure id, where the published fee text is not a single amount. */
      fees: z.record(z.string(), z.number().int().min(0)).default({}),
      /** Days the kiosk keeps a dossier's personal data after the central system confirmed it. */
      retentionDays: z.number().int().min(0).max(3650).default(30),
      /** Officer name printed as NGƯỜI TIẾP NHẬN HỒ SƠ on kiosk receipts. */
      receiverName: z.string().min(1).default('Ki-ốt tiếp nhận tự động'),
    })
    .prefault({}),
  payment: z
    .strictObject({
      /** NAPAS BIN of the center's bank and its account, for VietQR fee payment. */
      bankBin: z.string().regex(/^\d{6}$/, 'bankBin is the 6-digit NAPAS BIN'),
      account: z.string().regex(/^[0-9A-Za-z]{1,19}$/),
    })
    .nullable()
    .default(null),
  central: z
    .strictObject({
      url: z.string().url(),
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
    })
    .nullable()
    .default(null),
  devices: DevicesConfig.prefault({}),
  /** Staff oversight (dashboard, hall display). */
  supervision: z
    .strictObject({
      /** An open counter with no ticket for this long shows as idle on the supervisor's dashboard. */
      idleAfterMinutes: z.number().int().min(1).max(240).default(10),
      /**
       * Reception hours; a supervisor's change (stored in the database) wins over this. Omitted: Mon–Fri
       * 7:30–11:30 and 13:00–17:00, Saturday 7:30–11:30, not enforced until a supervisor turns it on.
       */
      openingHours: OpeningHoursConfig.optional(),
    })
    .prefault({}),
  /**
   * Scanning the citizen's papers in the dossier flow: the SANE document scanner named in devices.documentScanner
   * (with this profile) and/or a scan-to-folder hot folder; OCR with form templates from assets/forms.
   */
  scan: z
    .strictObject({
      profile: z
        .strictObject({
          source: z.enum(['flatbed', 'adf']).default('adf'),
          resolution: z.number().int().min(75).max(600).default(200),
          mode: z.enum(['Gray', 'Color', 'Lineart']).default('Gray'),
          /** The backend's own name for the source when it differs ("ADF Front", "ADF Duplex"…). */
          sourceName: z.string().min(1).optional(),
          maxPages: z.number().int().min(1).max(50).default(20),
        })
        .prefault({}),
      /** Path of scanimage (a technician's wrapper script, if any). */
      scanimage: z.string().min(1).default('scanimage'),
      /** A folder the scanner writes files into (scan-to-folder); null: none. */
      hotFolder: z
        .strictObject({
          dir: z.string().min(1),
          /** A file must stay unchanged this long before it is read. */
          stableMs: z.number().int().min(50).max(30_000).default(1500),
          pollMs: z.number().int().min(50).max(10_000).default(500),
          /** How long a batch waits for the scanner's file before telling the citizen. */
          waitSeconds: z.number().int().min(5).max(600).default(90),
        })
        .nullable()
        .default(null),
      /**
       * The kiosk has a document camera (photos of the papers, page outline found and perspective corrected).
       * The core cannot see the camera: the kiosk screen hides it when the machine has no video input.
       */
      camera: z.boolean().default(true),
      /** Form template per procedure id (otherwise the template whose `procedure` is the procedure's name). */
      templates: z.record(z.string(), z.string().regex(/^[a-z0-9-]+$/)).default({}),
      /** A session not touched for this long is deleted with its pages. */
      sessionMinutes: z.number().int().min(1).max(120).default(15),
      /** OCR workers (tesseract.js threads), started at the first scan; 0 = one per core, at most 2. */
      ocrWorkers: z.number().int().min(0).max(8).default(0),
      /** Fields read with less confidence are flagged for the citizen. */
      confidenceThreshold: z.number().int().min(0).max(100).default(70),
    })
    .prefault({}),
  /** Working-day calendar: each year's official day-off decisions (vn-YYYY.json), see docs/technician.md. */
  calendar: z
    .strictObject({
      /**
       * Folder of decision files loaded at start in addition to the shipped ones (a year found here replaces the
       * shipped decision of that year); relative paths are inside the data folder. null: <data folder>/holidays.
       */
      decisionsDir: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  /** The hall's voice call-out (espeak-ng + sox); a supervisor's change is stored in the database and wins. */
  voice: z
    .strictObject({
      enabled: z.boolean().default(true),
      volume: z.number().min(0.05).max(2).default(1),
      repeat: z.number().int().min(1).max(5).default(2),
    })
    .prefault({}),
});
export type ConfigInput = z.input<typeof ConfigSchema>;
export type ParsedConfig = z.output<typeof ConfigSchema>;
export type ServiceConfig = z.output<typeof ServiceConfig>;
export type CounterConfig = z.output<typeof CounterConfig>;
export type PrinterConfigValue = z.output<typeof PrinterConfig>;
export type DevicesConfigValue = z.output<typeof DevicesConfig>;
export type DocumentScannerConfigValue = z.output<typeof DocumentScannerConfig>;
export type ScanConfigValue = z.output<typeof ConfigSchema>['scan'];
