import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (sim/**/*.test.ts, src/**/*.test.ts); cross-cutting suites
// (content, conformance, browser) live in tests/.
export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
  },
});
