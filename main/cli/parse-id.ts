import { pathToFileURL } from 'node:url';
import { IdentityParseError } from '../../drivers/identity/errors.ts';
import { parseIdentity } from '../../drivers/identity/parse.ts';

export interface CliIo {
  stdin: AsyncIterable<string | Buffer>;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const USAGE = 'usage: letan parse-id [--today yyyy-mm-dd] <payload | MRZ line…> | -   (- reads the payload from stdin)';

/**
 * `letan parse-id`: one JSON identity on stdout, exit 0; or one line on stderr saying what is wrong, exit 2.
 * Several arguments are taken as MRZ lines.
 */
export async function runParseId(args: string[], io: CliIo): Promise<number> {
  const rest = [...args];
  let today: string | undefined;
  const t = rest.indexOf('--today');
  if (t >= 0) {
    today = rest[t + 1];
    rest.splice(t, 2);
    if (today === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return usage(io, '--today needs yyyy-mm-dd');
  }
  if (rest.length === 0 || rest.includes('-h') || rest.includes('--help')) return usage(io, null);
  let payload: string;
  if (rest.length === 1 && rest[0] === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
    payload = Buffer.concat(chunks).toString('utf8');
  } else {
    payload = rest.join('\n');
  }
  try {
    const identity = parseIdentity(payload, today === undefined ? {} : { today });
    io.stdout.write(`${JSON.stringify(identity)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof IdentityParseError) {
      io.stderr.write(`parse-id: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RangeError) return usage(io, e.message);
    throw e;
  }
}

function usage(io: CliIo, problem: string | null): number {
  io.stderr.write(problem ? `parse-id: ${problem}. ${USAGE}\n` : `${USAGE}\n`);
  return 2;
}

// Runnable on its own: node --import tsx main/cli/parse-id.ts <payload>
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runParseId(process.argv.slice(2), process);
}
