import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatusEvent } from '../../drivers/device/state.ts';
import type { ScanEvent } from '../../drivers/scanner/scan-event.ts';
import { MrzReaderDriver } from '../../drivers/scanner/serial-scanner.ts';
import { createPluggableScanner, nextEvent, type PluggableScanner } from '../helpers/virtual-scanner.ts';
import { CCCD_SAMPLE, ICAO_TD1, ICAO_TD3 } from '../unit/identity-fixtures.ts';

let port: PluggableScanner | null = null;
let driver: MrzReaderDriver | null = null;

afterEach(async () => {
  await driver?.stop();
  await port?.dispose();
  driver = null;
  port = null;
});

async function setup(config: Record<string, unknown> = {}) {
  port = createPluggableScanner();
  const reader = await port.plug();
  driver = new MrzReaderDriver({ kind: 'mrz-reader', id: 'mrz-1', path: port.devicePath, reopenIntervalMs: 30, ...config });
  const ready = nextEvent<DeviceStatusEvent>(driver, 'state', (e) => e.state.kind === 'ready');
  driver.start();
  await ready;
  return { reader, driver };
}

/** Collect the next n scan events. */
function scans(d: MrzReaderDriver, n: number): Promise<ScanEvent[]> {
  return new Promise((resolve) => {
    const got: ScanEvent[] = [];
    const on = (e: ScanEvent) => {
      got.push(e);
      if (got.length === n) {
        d.off('scan', on);
        resolve(got);
      }
    };
    d.on('scan', on);
  });
}

describe('MRZ reader on a real pty', () => {
  it('groups lines into documents, split mid-line, CRLF', async () => {
    const { reader, driver: d } = await setup();
    const got = scans(d, 2);
    await reader.writeSplit(`${CCCD_SAMPLE.join('\r\n')}\r\n${ICAO_TD3.join('\r\n')}\r\n`, [12, 30, 3, 40]);
    const [a, b] = await got;
    expect(a!.identity).toMatchObject({ source: 'mrz-td1', idNumber: '001093047064', fullName: 'UNG HOANG HIEP' });
    expect(b!.identity).toMatchObject({ source: 'mrz-td3', documentNumber: 'L898902C3' });
    expect(a!.role).toBe('mrz-reader');
  });

  it('with STX/ETX framing; a garbled read reports the failing check digit and the next read works', async () => {
    const { reader, driver: d } = await setup({ startBytes: [0x02], endBytes: [0x03] });
    const got = scans(d, 3);
    const garbled = [ICAO_TD1[0], ICAO_TD1[1].replace('7408122', '7408132'), ICAO_TD1[2]];
    await reader.write(Buffer.from([0xde, 0xad, 0x03]));
    await reader.write(Buffer.concat([Buffer.from([0x02]), Buffer.from(garbled.join('\r')), Buffer.from([0x03])]));
    await reader.writeSplit(Buffer.concat([Buffer.from([0x02]), Buffer.from(`${ICAO_TD1.join('\r\n')}\r\n`), Buffer.from([0x03])]), [1, 20, 20]);
    const [junk, bad, good] = await got;
    expect(junk!.error).not.toBeNull();
    expect(bad!.error?.field).toBe('dateOfBirthCheckDigit');
    expect(good!.identity?.fullName).toBe('ERIKSSON ANNA MARIA');
  });

  it('a document cut off half-way is reported once the reader goes quiet', async () => {
    const { reader, driver: d } = await setup({ groupIdleMs: 100 });
    const got = scans(d, 1);
    await reader.write(`${ICAO_TD1[0]}\r\n${ICAO_TD1[1]}\r\n`);
    const [ev] = await got;
    expect(ev!.error?.field).toBe('format');
    const next = scans(d, 1);
    await reader.write(`${CCCD_SAMPLE.join('\r\n')}\r\n`);
    expect((await next)[0]!.identity?.idNumber).toBe('001093047064');
  });

  it('unplug and replug mid-session', async () => {
    const { driver: d } = await setup();
    const lost = nextEvent<DeviceStatusEvent>(d, 'state', (e) => e.state.kind === 'error');
    await port!.unplug();
    await lost;
    const back = nextEvent<DeviceStatusEvent>(d, 'state', (e) => e.state.kind === 'ready');
    const reader = await port!.plug();
    await back;
    const got = scans(d, 1);
    await reader.write(`${ICAO_TD1.join('\n')}\n`);
    expect((await got)[0]!.identity?.documentNumber).toBe('D23145890');
  });
});
