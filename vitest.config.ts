import { defineConfig } from 'vitest/config';

const shared = {
  globalSetup: ['test/support/global-redis.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Glue tests share one Redis; each file works under its own key prefix.
  fileParallelism: true,
  pool: 'forks' as const,
};

/** Tests that load the machine with processes of their own. */
const FAULTS = ['test/app/crash-recovery.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'tests',
          include: ['test/**/*.test.ts'],
          exclude: ['test/fuzz/**', ...FAULTS],
          sequence: { groupOrder: 0 },
        },
      },
      // The property tests time each call against a 1 s budget: they run after the rest, not beside it,
      // so that what they measure is the parser and not the machine's other load.
      { test: { ...shared, name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], sequence: { groupOrder: 1 } } },
      // The crash trials run four processes through 12,000 items and fill the machine: last, on their own.
      { test: { ...shared, name: 'faults', include: FAULTS, sequence: { groupOrder: 2 } } },
    ],
  },
});
