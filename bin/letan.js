#!/usr/bin/env node
// The `letan` command. Runs the TypeScript sources through tsx, so the same files serve development,
// tests and the headless kiosk without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/letan.ts');
process.exitCode = await main(process.argv.slice(2));
