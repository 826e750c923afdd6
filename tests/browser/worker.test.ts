// Big labs run the simulator in a Web Worker; the UI is the same through the async LabClient.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchContext } from './chromium.ts';
import { checks, openLesson, solveByTyping } from './helpers.ts';

const enabled = inject('browserTestsEnabled');
const base = inject('baseUrl');

describe.skipIf(!enabled)('lab in a Web Worker', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await launchContext();
    page = ctx.pages()[0] ?? (await ctx.newPage());
  });
  afterAll(async () => ctx?.close());

  it('runs commands and grades through the worker', async () => {
    await openLesson(page, base + '/lessons/02-worker/');
    expect(await page.getAttribute('[data-lab]', 'data-runtime')).toBe('worker');
    await page.click('button:has-text("Reveal solution")');
    await solveByTyping(page);
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('[data-pane="checks"]')!;
      return el.dataset.passed === el.dataset.total && Number(el.dataset.total) > 0;
    });
    expect((await checks(page)).passed).toBeGreaterThan(0);
  });
});
