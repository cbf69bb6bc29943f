import { defineConfig } from 'vitest/config'

// Three projects: unit tests beside the code, integration tests that start real processes
// (server, studio core) on 127.0.0.1, and end-to-end tests that drive Debian's Chromium.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,electron,server,renderer,scripts}/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/support/global-setup.ts'],
          // One Chromium at a time: the machine has two cores and the servers under test need one.
          fileParallelism: false,
        },
      },
    ],
  },
})
