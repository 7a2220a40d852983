import { describe, expect, it } from 'vitest';
import { scannerConfigSchema, serialScannerConfigSchema, wedgeConfigSchema } from '../../drivers/scanner/config.ts';
import { MrzReaderDriver, SerialScannerDriver } from '../../drivers/scanner/serial-scanner.ts';

describe('scanner configs', () => {
  it('fills defaults for a serial scanner', () => {
    expect(serialScannerConfigSchema.parse({ kind: 'serial-scanner', id: 'qr-1', path: '/dev/ttyACM0' })).toEqual({
      kind: 'serial-scanner', id: 'qr-1', path: '/dev/ttyACM0', baudRate: 9600, suffixes: [[13], [10]],
      maxFrameBytes: 4096, reopenIntervalMs: 1000,
    });
  });
  it('picks the schema by kind and normalises USB ids', () => {
    const c = scannerConfigSchema.parse({ kind: 'hid-pos-scanner', id: 'h', vendorId: '0C2E', productId: '0B87' });
    expect(c).toMatchObject({ vendorId: '0c2e', productId: '0b87' });
  });
  it.each([
    [{ kind: 'serial-scanner', id: 'x', path: '' }],
    [{ kind: 'serial-scanner', id: 'x', path: '/dev/x', suffixes: [[256]] }],
    [{ kind: 'mrz-reader', id: 'x', path: '/dev/x', endBytes: [] }],
    [{ kind: 'hid-pos-scanner', id: 'x', vendorId: 'zz', productId: '0001' }],
    [{ kind: 'printer', id: 'x' }],
  ])('rejects %j', (c) => {
    expect(scannerConfigSchema.safeParse(c).success).toBe(false);
  });
  it('wedge defaults', () => {
    expect(wedgeConfigSchema.parse({})).toEqual({ minChars: 8, maxGapMs: 30, terminator: 'Enter' });
  });
  it('drivers validate their config on construction', () => {
    expect(() => new SerialScannerDriver({ kind: 'serial-scanner', id: 'x' })).toThrow();
  });
  it('supported(): known scanner vendors or configured ids; MRZ readers only by configured ids', () => {
    expect(SerialScannerDriver.supported({ path: '/dev/ttyACM0', vendorId: '0C2E', productId: '0901' })).toBe(true);
    expect(SerialScannerDriver.supported({ path: '/dev/ttyUSB0', vendorId: '067b', productId: '2303' })).toBe(false);
    expect(SerialScannerDriver.supported({ path: '/dev/ttyUSB0', vendorId: '067b', productId: '2303' }, { vendorId: '067b', productId: '2303' })).toBe(true);
    expect(MrzReaderDriver.supported({ path: '/dev/ttyACM1', vendorId: '0c2e' })).toBe(false);
    expect(MrzReaderDriver.supported({ path: '/dev/ttyACM1', vendorId: '0DB5' }, { vendorId: '0db5', productId: undefined })).toBe(true);
  });
});
