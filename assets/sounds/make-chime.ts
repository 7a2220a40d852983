// Regenerates assets/sounds/chime.wav from the same sox arguments the voice renderer uses when it synthesises the
// chime itself. Run: npx tsx assets/sounds/make-chime.ts   (needs sox)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chimeSoxArgs } from '../../main/core/voice/chime.ts';
import { runTool } from '../../main/core/voice/run-tool.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), 'chime.wav');
await runTool('sox', chimeSoxArgs(out, 22_050));
process.stdout.write(`wrote ${out}\n`);
