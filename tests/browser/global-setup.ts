// Browser-test setup: builds the site from the fixture lessons (tests/fixtures/site) into
// dist-test/ once per run, serves it on 127.0.0.1 and hands the URL to the tests.
// Set LAB_TEST_REUSE_BUILD=1 to skip the build when dist-test/ already exists (local loops).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { hasChromium, mustRunBrowserTests } from './chromium.ts';
import { serveStatic, type RunningServer } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    browserTestsEnabled: boolean;
  }
}

export const TEST_OUT_DIR = 'dist-test';
let server: RunningServer | undefined;

export function buildFixtureSite(root: string): void {
  const astro = resolve(root, 'node_modules/.bin/astro');
  // A production build as `npm run build` makes it: Vitest puts NODE_ENV=test and its
  // import.meta.env mirror (DEV, PROD, MODE, SSR, BASE_URL) into process.env, which would leak
  // into Astro and turn off production-only features such as Pagefind search.
  const leaked = new Set(['NODE_ENV', 'TEST', 'DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !leaked.has(k)));
  const result = spawnSync(astro, ['build'], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production', LAB_CONTENT_DIR: 'tests/fixtures/site', LAB_OUT_DIR: `./${TEST_OUT_DIR}`, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 900_000,
  });
  if (result.status !== 0) {
    throw new Error(`astro build of the fixture site failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const enabled = hasChromium() || mustRunBrowserTests();
  project.provide('browserTestsEnabled', enabled);
  project.provide('baseUrl', '');
  if (!enabled) return async () => {};
  const root = resolve(import.meta.dirname, '../..');
  const out = resolve(root, TEST_OUT_DIR);
  if (!(process.env.LAB_TEST_REUSE_BUILD === '1' && existsSync(resolve(out, 'index.html')))) buildFixtureSite(root);
  server = await serveStatic(out);
  project.provide('baseUrl', server.url);
  return async () => {
    await server?.close();
  };
}
