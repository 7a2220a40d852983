import { z } from 'zod';
import { op, technicians } from './define.ts';

// The technician's tools: what is plugged in, which role each device plays, test print, health, the
// live monitor and the day-off decisions. Technician PIN only; never exposed to the kiosk window (see
// main/shell/ipc-ops.ts).

const deviceId = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, ".", "_" and "-"');
const usbId = z.string().regex(/^[0-9a-fA-F]{4}$/, '4 hex digits, e.g. 0c2e');
const DeviceRole = z.enum(['ticket-printer', 'qr-scanner', 'mrz-reader', 'document-scanner']);

const SerialPort = z.object({
  path: z.string(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  serialNumber: z.string().optional(),
  manufacturer: z.string().optional(),
  byId: z.string().optional(),
  supportedBy: z.array(z.string()),
  assignedTo: z.string().nullable(),
  source: z.enum(['system', 'config']),
  present: z.boolean(),
});

const HidDevice = z.object({
  vendorId: z.string(),
  productId: z.string(),
  path: z.string().nullable(),
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  usagePage: z.number().nullable(),
  supportedBy: z.array(z.string()),
  assignedTo: z.string().nullable(),
});

export const DeviceListing = z.object({
  serial: z.object({ available: z.boolean(), error: z.string().nullable(), ports: z.array(SerialPort) }),
  hid: z.object({ available: z.boolean(), error: z.string().nullable(), devices: z.array(HidDevice) }),
  sane: z.object({
    available: z.boolean(),
    error: z.string().nullable(),
    devices: z.array(z.object({ name: z.string(), description: z.string(), assignedTo: z.string().nullable() })),
  }),
  profiles: z.array(z.object({ id: z.string(), name: z.string(), widthMm: z.number() })),
});
export type DeviceListing = z.infer<typeof DeviceListing>;

export const DeviceStatus = z.object({
  deviceId: z.string(),
  role: DeviceRole,
  kind: z.string(),
  target: z.string(),
  state: z.string(),
  problems: z.array(z.string()),
  message: z.string().nullable(),
  since: z.string(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DeviceHistoryEntry = z.object({
  deviceId: z.string(),
  role: z.string(),
  state: z.string(),
  problems: z.array(z.string()),
  message: z.string().nullable(),
  at: z.string(),
});

const ApplyResult = z.object({ started: z.array(z.string()), stopped: z.array(z.string()), unchanged: z.array(z.string()), configPath: z.string() });

/** One device and its role, as the assignment form sends it; the core turns it into the devices section. */
export const AssignDevice = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal('ticket-printer'),
    id: deviceId.default('printer-1'),
    path: z.string().min(1),
    profile: z.string().regex(/^[a-z0-9-]+$/),
    baudRate: z.number().int().positive().optional(),
    textMode: z.enum(['auto', 'codepage', 'raster']).default('auto'),
  }),
  z.strictObject({
    role: z.literal('qr-scanner'),
    id: deviceId.default('qr-1'),
    /** USB COM scanner: its serial path. */
    path: z.string().min(1).optional(),
    /** HID POS scanner: its USB ids (then no path). */
    vendorId: usbId.optional(),
    productId: usbId.optional(),
    serialNumber: z.string().optional(),
    baudRate: z.number().int().positive().optional(),
  }),
  z.strictObject({
    role: z.literal('mrz-reader'),
    id: deviceId.default('mrz-1'),
    path: z.string().min(1),
    baudRate: z.number().int().positive().optional(),
    vendorId: usbId.optional(),
    productId: usbId.optional(),
  }),
  z.strictObject({ role: z.literal('document-scanner'), id: deviceId.default('docscan-1'), device: z.string().min(1) }),
]);
export type AssignDevice = z.infer<typeof AssignDevice>;

const year = z.number().int();

/** The day-off decisions in force (main/core/calendar/holiday-files.ts) and what a technician must do about them. */
export const DayOffDecisions = z.object({
  /** Each year with a decision in force, sorted: shipped with the app or from the data folder, and its file. */
  loaded: z.array(z.object({ year, source: z.enum(['shipped', 'data']), file: z.string() })),
  /** Files refused, each with the reason naming the file and the field; their year keeps the shipped decision or the default rule. */
  refused: z.array(z.object({ file: z.string(), message: z.string() })),
  /** Today (Vietnam) and the last day a dossier received today could be due, generously. */
  today: z.string(),
  reachesUntil: z.string(),
  /** Years from today to reachesUntil with no decision: appointments there follow the default rule. */
  missing: z.array(year),
  /** Where the technician puts vn-YYYY.json files (calendar.decisionsDir, default <data>/holidays); it may not exist yet. */
  folder: z.string(),
  folderExists: z.boolean(),
  /** When these files were read (start or the last reload). */
  loadedAt: z.string(),
});
export type DayOffDecisions = z.infer<typeof DayOffDecisions>;

export const DayOffReload = DayOffDecisions.extend({
  /** Years whose decision in force is not the one before the reload (added, replaced, edited or gone). */
  changedYears: z.array(year),
});
export type DayOffReload = z.infer<typeof DayOffReload>;

export const technicianOps = {
  listDevices: op({
    input: z.object({}),
    output: DeviceListing,
    roles: technicians,
    http: { method: 'GET', path: '/api/tech/devices' },
    mutates: false,
  }),
  deviceStatuses: op({
    input: z.object({}),
    output: z.object({
      devices: z.array(DeviceStatus),
      printerSimulated: z.boolean(),
      /** The config file changes are written to, or null when the core has none (changes are refused). */
      configPath: z.string().nullable(),
    }),
    roles: technicians,
    http: { method: 'GET', path: '/api/tech/status' },
    mutates: false,
  }),
  deviceHistory: op({
    input: z.object({ deviceId, limit: z.coerce.number().int().min(1).max(200).default(50) }),
    output: z.array(DeviceHistoryEntry),
    roles: technicians,
    http: { method: 'GET', path: '/api/tech/devices/:deviceId/history' },
    mutates: false,
  }),
  devicesConfig: op({
    input: z.object({}),
    output: z.record(z.string(), z.unknown()),
    roles: technicians,
    http: { method: 'GET', path: '/api/tech/config/devices' },
    mutates: false,
  }),
  /** Replace the whole devices section (validated against the config schema), hot. */
  applyDevices: op({
    input: z.strictObject({ devices: z.record(z.string(), z.unknown()) }),
    output: ApplyResult,
    roles: technicians,
    http: { method: 'POST', path: '/api/tech/config/devices' },
    mutates: true,
  }),
  /** Give a device a role (replacing whatever had that id), hot. */
  assignDevice: op({
    input: AssignDevice,
    output: ApplyResult,
    roles: technicians,
    http: { method: 'POST', path: '/api/tech/assign' },
    mutates: true,
  }),
  unassignDevice: op({
    input: z.strictObject({ deviceId }),
    output: ApplyResult,
    roles: technicians,
    http: { method: 'POST', path: '/api/tech/unassign' },
    mutates: true,
  }),
  printTestPage: op({
    input: z.object({}),
    output: z.object({ deviceId: z.string(), profile: z.string(), simulated: z.boolean() }),
    roles: technicians,
    http: { method: 'POST', path: '/api/tech/test-page' },
    mutates: true,
  }),
  monitorState: op({
    input: z.object({}),
    output: z.object({ rawUntil: z.string().nullable(), recent: z.array(z.record(z.string(), z.unknown())) }),
    roles: technicians,
    http: { method: 'GET', path: '/api/tech/monitor' },
    mutates: false,
  }),
  /** Show scanned content unmasked for two minutes (audited), or end it now. */
  setMonitorRaw: op({
    input: z.strictObject({ enabled: z.boolean() }),
    output: z.object({ rawUntil: z.string().nullable() }),
    roles: technicians,
    http: { method: 'POST', path: '/api/tech/monitor/raw' },
    mutates: true,
  }),
  dayOffDecisions: op({
    input: z.object({}),
    output: DayOffDecisions,
    roles: technicians,
    http: { method: 'GET', path: '/api/tech/day-offs' },
    mutates: false,
  }),
  /**
   * Re-read the day-off decision files and put them in force at once (appointments, reception hours, the
   * dashboard's notices) without a restart; a bad file is refused as at start and reported. Audited.
   */
  reloadDayOffDecisions: op({
    input: z.object({}),
    output: DayOffReload,
    roles: technicians,
    http: { method: 'POST', path: '/api/tech/day-offs/reload' },
    mutates: true,
  }),
};
