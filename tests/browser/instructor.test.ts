// Instructor view: two learners' exported files → class matrix; presenter mode.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchContext } from './chromium.ts';
import { screenshot } from './helpers.ts';
import { makeExport, type ExerciseRecord } from '../../src/lab/state/progress-format.ts';

const enabled = inject('browserTestsEnabled');
const base = inject('baseUrl');

const rec = (exercise: string, patch: Partial<ExerciseRecord>): ExerciseRecord => ({
  v: 2,
  lesson: '01-fixture',
  exercise,
  journal: [{ kind: 'exec', device: 'R1', line: 'show ip bgp summary' }],
  startedAt: 1_700_000_000_000,
  updatedAt: 1_700_000_300_000,
  ...patch,
});

describe.skipIf(!enabled)('instructor view', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await launchContext();
    page = ctx.pages()[0] ?? (await ctx.newPage());
  });
  afterAll(async () => ctx?.close());

  it('builds the class matrix from two imported files', async () => {
    await page.goto(base + '/instructor/');
    const ada = makeExport('Ada', [rec('fix-remote-as', { completedAt: 1_700_000_125_000, checks: { passed: 2, total: 2 } }), rec('verify', { checks: { passed: 1, total: 3 } })], new Date());
    const bo = makeExport('Bo', [rec('fix-remote-as', { checks: { passed: 0, total: 2 } })], new Date());
    await page.setInputFiles('[data-files]', [
      { name: 'ada.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ada)) },
      { name: 'bo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bo)) },
    ]);
    await page.waitForSelector('.class-matrix');
    const rows = await page.$$eval('.class-matrix tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    expect(rows.map((r) => r[0])).toEqual(['Ada', 'Bo']);
    expect(rows[0]![1]).toContain('passed');
    expect(rows[0]![1]).toContain('2m 05s');
    expect(rows[1]![1]).toContain('started');
    expect(rows[1]![2]).toBe('—');
    await screenshot(page, '07-class-matrix');
    await page.click('[data-presenter]');
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-presenter'))).toBe(true);
    await screenshot(page, '08-presenter-mode');
  });
});
