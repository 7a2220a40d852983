import type { DeviceStatusEvent } from '../../../drivers/device/state.ts';
import type { TicketPrinter } from '../../../drivers/printer/document.ts';
import { createSerialPrinterDriver } from '../../../drivers/printer/driver.ts';
import type { PrinterConfigValue } from '../config/schema.ts';
import { createSimulatedPrinter } from '../printing/simulated-printer.ts';

export interface PrinterDevice {
  printer: TicketPrinter;
  simulated: boolean;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The ticket printer the config names, as a running driver whose status changes are reported; the simulated
 * printer when none is configured (development, demos, a kiosk still waiting for its printer).
 */
export function printerFromConfig(config: PrinterConfigValue | null, onStatus: (e: DeviceStatusEvent) => void, onError: (err: unknown) => void): PrinterDevice {
  if (!config) {
    const printer = createSimulatedPrinter();
    return { printer, simulated: true, start: () => undefined, stop: async () => undefined };
  }
  const driver = createSerialPrinterDriver({
    id: config.id,
    profileId: config.profile,
    path: config.path,
    ...(config.baudRate ? { baudRate: config.baudRate } : {}),
    ...(config.textMode !== 'auto' ? { textMode: config.textMode } : {}),
  });
  driver.on('status', onStatus);
  return {
    printer: driver,
    simulated: false,
    start: () => void driver.start().catch(onError),
    stop: () => Promise.resolve(driver.stop()),
  };
}
