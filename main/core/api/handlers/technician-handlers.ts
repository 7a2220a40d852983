import type { technicianOps, AssignDevice } from '../../../contract/ops/technician.ts';
import { AppError } from '../../../contract/result.ts';
import type { DayOffHolder } from '../../calendar/calendar-holder.ts';
import { dayOffListing } from '../../calendar/day-off-listing.ts';
import type { DevicesConfigValue } from '../../config/schema.ts';
import type { DeviceManager } from '../../devices/device-manager.ts';
import { listDevices, type DiscoveryDeps } from '../../devices/discovery.ts';
import type { HandlersFor } from '../dispatch.ts';

export interface TechnicianHandlerDeps {
  devices: DeviceManager;
  discovery?: DiscoveryDeps;
  /** The day-off decisions in force, reloadable. */
  dayOffs: DayOffHolder;
  /** Today in Vietnam (YYYY-MM-DD) and how many calendar days an appointment given today may reach (calendar/coverage.ts). */
  today: () => string;
  reachDays: number;
}

type DevicesInput = Record<string, unknown> & { scanners: Record<string, unknown>[] };

/** The devices section with one device (by id) replaced or added in the role asked for. */
export function withAssignment(current: DevicesConfigValue, a: AssignDevice): DevicesInput {
  const without = (list: { id: string }[]) => list.filter((s) => s.id !== a.id);
  const next: DevicesInput = {
    printer: current.printer?.id === a.id ? null : current.printer,
    scanners: without(current.scanners),
    documentScanner: current.documentScanner?.id === a.id ? null : current.documentScanner,
  };
  // One device per path: the port given a new role stops playing its old one.
  const path = 'path' in a ? a.path : undefined;
  if (path) {
    if ((next.printer as { path?: string } | null)?.path === path) next.printer = null;
    next.scanners = next.scanners.filter((s) => s.path !== path);
  }
  switch (a.role) {
    case 'ticket-printer':
      next.printer = { id: a.id, path: a.path, profile: a.profile, textMode: a.textMode, ...(a.baudRate ? { baudRate: a.baudRate } : {}) };
      break;
    case 'qr-scanner':
      if (a.path) next.scanners.push({ kind: 'serial-scanner', id: a.id, path: a.path, ...(a.baudRate ? { baudRate: a.baudRate } : {}), ...(a.vendorId ? { vendorId: a.vendorId } : {}), ...(a.productId ? { productId: a.productId } : {}) });
      else if (a.vendorId && a.productId)
        next.scanners.push({ kind: 'hid-pos-scanner', id: a.id, vendorId: a.vendorId, productId: a.productId, ...(a.serialNumber ? { serialNumber: a.serialNumber } : {}) });
      else throw new AppError('bad_request', 'a QR scanner needs a serial path (USB COM) or vendorId and productId (HID POS)', 'Cần chọn cổng COM hoặc mã USB của máy quét.');
      break;
    case 'mrz-reader':
      next.scanners.push({ kind: 'mrz-reader', id: a.id, path: a.path, ...(a.baudRate ? { baudRate: a.baudRate } : {}), ...(a.vendorId ? { vendorId: a.vendorId } : {}), ...(a.productId ? { productId: a.productId } : {}) });
      break;
    case 'document-scanner':
      next.documentScanner = { id: a.id, device: a.device };
      break;
  }
  return next;
}

export function createTechnicianHandlers(d: TechnicianHandlerDeps): HandlersFor<typeof technicianOps> {
  const m = d.devices;
  const listing = (state = d.dayOffs.current()) => dayOffListing({ state, folder: d.dayOffs.dataDecisionsDir, today: d.today(), reachDays: d.reachDays });
  return {
    listDevices: () => listDevices(m.config(), d.discovery),
    deviceStatuses: () => ({ devices: m.statuses(), printerSimulated: m.printerSimulated(), configPath: m.configPath() }),
    deviceHistory: ({ deviceId, limit }) => m.history(deviceId, limit),
    devicesConfig: () => ({ ...m.config() }),
    applyDevices: ({ devices }) => m.applyDevices(devices),
    assignDevice: (a) => m.applyDevices(withAssignment(m.config(), a)),
    unassignDevice: ({ deviceId }) => {
      const c = m.config();
      const known = c.printer?.id === deviceId || c.documentScanner?.id === deviceId || c.scanners.some((s) => s.id === deviceId);
      if (!known) throw new AppError('not_found', `no device "${deviceId}" in the settings`, 'Không có thiết bị này trong cấu hình.');
      return m.applyDevices({
        printer: c.printer?.id === deviceId ? null : c.printer,
        scanners: c.scanners.filter((s) => s.id !== deviceId),
        documentScanner: c.documentScanner?.id === deviceId ? null : c.documentScanner,
      });
    },
    printTestPage: () => m.printTestPage(),
    monitorState: () => ({ ...m.monitor.state(), recent: m.monitor.recent() }),
    setMonitorRaw: ({ enabled }) => m.monitor.setRaw(enabled),
    dayOffDecisions: () => listing(),
    reloadDayOffDecisions: () => {
      const r = d.dayOffs.reload();
      return { ...listing(r.state), changedYears: r.changedYears };
    },
  };
}
