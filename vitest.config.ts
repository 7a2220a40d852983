import { defineConfig } from 'vitest/config';

// One runner for unit, integration (ptys, SANE, loopback servers) and e2e (Playwright + Debian Chromium).
// Integration and e2e tests start real processes, so they get longer time-outs and run a few files at a time
// on this 2-core machine.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    pool: 'forks',
    // The JSON report lets CI print the plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
