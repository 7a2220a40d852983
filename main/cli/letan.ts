import type { CliIo } from './io.ts';
import { runStart } from './start.ts';

const USAGE = `letan — self-service intake kiosk

  letan start --headless [--port N] [--host ADDR] [--data-dir DIR] [--config FILE]
  letan parse-id <payload | ->        decode a CCCD QR or MRZ into JSON
  letan ocr <file> [--template ID] [--json]
  letan central [--port N] [--data-dir DIR]   reference central dossier server
  letan devices [--json] [--config FILE]   list serial, HID and SANE devices and their drivers
  letan diagnose [--out FILE] [--config FILE] [--data-dir DIR]   write a support bundle (JSON, no secrets)
  letan hash-pin                      read a PIN on stdin, print its hash for auth.users`;

type Command = (args: string[], io: CliIo) => Promise<number>;

// Each command is loaded only when asked for, so `letan parse-id` does not start OCR or open a database.
const commands: Record<string, () => Promise<Command>> = {
  start: async () => runStart,
  'parse-id': async () => (await import('./parse-id.ts')).runParseId,
  ocr: async () => (await import('./ocr.ts')).runOcr,
  'hash-pin': async () => (await import('./hash-pin.ts')).runHashPin,
  devices: async () => (await import('./devices.ts')).runDevices,
  diagnose: async () => (await import('./diagnose.ts')).runDiagnose,
  central: async () => {
    const { runCentral } = await import('../central/cli.ts');
    return (args, io) => runCentral(args, { ...io, cwd: process.cwd() });
  },
};

export async function main(argv: string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const load = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr.write(`letan: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  return (await load())(rest, io);
}
