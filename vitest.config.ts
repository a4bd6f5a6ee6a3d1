import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-redis.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Glue tests share one Redis; each file works under its own key prefix.
    fileParallelism: true,
    pool: 'forks',
  },
});
