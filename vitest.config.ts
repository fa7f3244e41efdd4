import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'sync-service/**/*.test.ts', 'apps-script/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and Postgres suites start real processes; two cores is all we have.
    maxWorkers: 2,
  },
});
