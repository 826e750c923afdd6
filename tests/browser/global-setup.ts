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
  const result = spawnSync(astro, ['build'], {
    cwd: root,
    env: { ...process.env, LAB_CONTENT_DIR: 'tests/fixtures/site', LAB_OUT_DIR: `./${TEST_OUT_DIR}`, ASTRO_TELEMETRY_DISABLED: '1' },
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
