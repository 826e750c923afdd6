// Firefox smoke test: the lab starts, takes typed CLI input and grades it in Gecko too.
// Playwright drives only its own patched Firefox (not downloadable here), so the run goes
// through tests/browser/firefox/bidi-smoke.mjs, which speaks WebDriver BiDi to Debian's
// firefox-esr. It is a smoke test on purpose: the full behaviour suite runs in Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const FIREFOX = '/usr/bin/firefox-esr';
const enabled = inject('browserTestsEnabled') && existsSync(FIREFOX);
const base = inject('baseUrl');

// The fixture lesson's exercise: R2 (FRR) is missing its neighbour statement.
const SOLUTION = [
  { device: 'R2', line: 'configure terminal' },
  { device: 'R2', line: 'router bgp 65002' },
  { device: 'R2', line: 'neighbor 10.0.12.1 remote-as 65001' },
  { device: 'R2', line: 'end' },
];

describe.skipIf(!enabled)('lab in Firefox (WebDriver BiDi)', () => {
  it('starts, accepts typed commands and passes the checks', () => {
    const script = resolve(import.meta.dirname, 'firefox/bidi-smoke.mjs');
    const run = spawnSync(process.execPath, ['--experimental-websocket', '--no-warnings', script, `${base}/lessons/01-fixture/`, JSON.stringify(SOLUTION)], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    const result = JSON.parse(line || '{"error":"no output"}');
    expect(result.error, run.stderr).toBeUndefined();
    expect(result.ready).toBe(true);
    const [before, total] = String(result.before).split('/').map(Number);
    expect(total).toBeGreaterThan(0);
    expect(before).toBeLessThan(total);
    expect(result.after).toBe(`${total}/${total}`);
    expect(result.terminal).toContain('neighbor 10.0.12.1 remote-as 65001');
    expect(result.errors).toBe(0);
  }, 200_000);
});
