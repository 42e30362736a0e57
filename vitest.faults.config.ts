import { defineConfig } from 'vitest/config';

/** Fault injection and hostile input (`npm run test:faults`): kills databases and bot processes, so kept apart from `npm test`. */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.fault.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-artifacts/vitest-faults-results.json' },
  },
});
