/**
 * A kiosk sender in its own process, for the kill -9 test: `node --import tsx sync-sender-child.ts DB URL`.
 * Prints one JSON line per outbox change and `{"drained":true}` when nothing is pending, then exits 0.
 */
import { HttpCentralSystem } from '../../main/core/sync/http-central.ts';
import { systemClock } from '../../main/core/sync/clock.ts';
import { createOutboxSender } from '../../main/core/sync/sender.ts';
import { openKioskDb, TEST_CLIENT } from './sync-fixtures.ts';

const [dbFile, baseUrl] = process.argv.slice(2);
if (!dbFile || !baseUrl) {
  process.stderr.write('usage: sync-sender-child.ts DB URL\n');
  process.exit(2);
}
const db = await openKioskDb(dbFile);
const clock = systemClock();
const central = new HttpCentralSystem({ baseUrl, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, timeoutMs: 5000 });
const sender = createOutboxSender({
  db,
  central,
  clock,
  random: Math.random,
  backoff: { baseMs: 20, capMs: 200 },
  idlePollMs: 50,
  onChange(c) {
    process.stdout.write(`${JSON.stringify({ id: c.id, state: c.state })}\n`);
    if (c.state !== 'sending' && sender.backlog().pending === 0) {
      process.stdout.write('{"drained":true}\n');
      void sender.stop().then(() => {
        db.close();
        process.exit(0);
      });
    }
  },
});
sender.start();
