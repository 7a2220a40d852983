import { hashPin } from '../core/auth/auth.ts';
import type { CliIo } from './io.ts';

/** `letan hash-pin`: reads a PIN on stdin and prints the `pinHash` for a named user in the config file. */
export async function runHashPin(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    // A PIN on the command line would sit in the shell history and the process list.
    io.stderr.write('usage: echo PIN | letan hash-pin   (the PIN is read from stdin, never from arguments)\n');
    return 2;
  }
  let text = '';
  for await (const chunk of io.stdin) text += String(chunk);
  const pin = text.trim();
  if (!/^\d{4,12}$/.test(pin)) {
    io.stderr.write('letan hash-pin: a PIN is 4 to 12 digits\n');
    return 2;
  }
  io.stdout.write(hashPin(pin) + '\n');
  return 0;
}
