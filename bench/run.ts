// `npm run bench`: every bench in turn, each as its own process (one does not warm up or slow down the next).
// Each prints a table and writes bench/out/<name>.json; figures are ratios against a baseline in the same run.
import { spawnSync } from 'node:child_process';

const benches = [
  ['ticket.ts', '1000'],
  ['printer.ts'],
  ['identity.ts'],
  ['sync.ts'],
  ['ocr.ts'],
];
const only = process.argv.slice(2);
let failed = 0;
for (const [file, ...args] of benches) {
  if (only.length && !only.some((o) => file!.startsWith(o))) continue;
  console.log(`\n=== bench/${file} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${file} failed with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
