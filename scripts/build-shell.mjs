// Bundles the preload for Electron's sandbox, which loads a single CommonJS file that may require only
// 'electron'. The main process needs no bundle (main/shell/entry.mjs runs the sources through tsx).
import { build } from 'esbuild';

await build({ entryPoints: ['preload/preload.ts'], outfile: 'dist-electron/preload.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'] });
console.log('preload built into dist-electron/preload.cjs');
