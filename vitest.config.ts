import { defineConfig } from 'vitest/config';

/** The database and the loopback SMTP server: only the tiers that need them set them up. */
const withDatabase = {
  globalSetup: ['./tests/setup/global.ts'],
  setupFiles: ['./tests/setup/per-file.ts'],
};

export default defineConfig({
  test: {
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // One database for the suite: files run one after another, tests inside a file in order.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests wait for what the page shows; on a slow, busy machine that can take seconds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/computer_shop_test',
      SESSION_SECRET: 'test-session-secret-test-session-secret',
      SECURE_COOKIES: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      BASE_URL: 'http://shop.test',
      CATALOG_CACHE_SECONDS: '0',
    },
    // Tiers: `npm run test:unit` (no database, seconds); `test:integration` and `test:e2e` are the
    // database project's two folders (one project, so its database is set up once per run).
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'db', include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'], ...withDatabase },
      },
    ],
  },
});
