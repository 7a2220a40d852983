#!/usr/bin/env node
// `npm start`: the Electron kiosk when Electron's binary is installed; otherwise one line saying so, and the
// same kiosk served headless (open the printed URL in a browser).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath = null;
try {
  electronPath = require('electron');
} catch {
  electronPath = null; // the npm package is there but its binary was not downloaded
}

if (electronPath && existsSync(electronPath)) {
  await import('../scripts/build-shell.mjs');
  const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?): serving the kiosk headless instead.');
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../main/cli/letan.ts');
  process.exitCode = await main(['start', '--headless', ...process.argv.slice(2)]);
}
