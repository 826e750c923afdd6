import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (sim/**/*.test.ts, src/**/*.test.ts); cross-cutting suites
// (content, conformance) live in tests/. Browser tests (tests/browser) are their own project:
// their globalSetup builds the fixture site once and serves it, and they run one file at a time.
const exclude = ['**/node_modules/**', 'dist/**', 'dist-test/**'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['sim/**/*.test.ts', 'src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: [...exclude, 'tests/browser/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          exclude,
          globalSetup: ['tests/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
