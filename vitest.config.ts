import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./tests/setup/global.ts'],
    setupFiles: ['./tests/setup/per-file.ts'],
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // One database for the suite: files run one after another, tests inside a file in order.
    fileParallelism: false,
    testTimeout: 30_000,
    // Browser tests wait for what the page shows; on a slow, busy machine that can take seconds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 60_000,
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/computer_shop_test',
      SESSION_SECRET: 'test-session-secret-test-session-secret',
      SECURE_COOKIES: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      BASE_URL: 'http://shop.test',
      CATALOG_CACHE_SECONDS: '0',
    },
  },
});
