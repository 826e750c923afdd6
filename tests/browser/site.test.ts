// The docs shell around the labs: sidebar, previous/next links, Pagefind search, theme switch,
// and the wide lab layout on large screens.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchContext } from './chromium.ts';
import { LESSON, openLesson, screenshot } from './helpers.ts';

const enabled = inject('browserTestsEnabled');
const base = inject('baseUrl');

describe.skipIf(!enabled)('docs shell', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await launchContext({ width: 1600, height: 1000 });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await openLesson(page, base + LESSON);
  });
  afterAll(async () => ctx?.close());

  it('has the sidebar with lessons and previous/next links', async () => {
    const links = await page.$$eval('nav.sidebar a', (as) => as.map((a) => a.textContent?.trim()));
    expect(links).toContain('1. Fixture lesson');
    expect(links).toContain('Instructor view');
    expect(await page.isVisible('.pagination-links a[rel="next"]')).toBe(true);
  });

  it('the lab breaks out of the prose column on a large screen', async () => {
    const prose = await page.$eval('.sl-markdown-content > p', (p) => p.getBoundingClientRect().width);
    const lab = await page.$eval('.lab', (l) => l.getBoundingClientRect().width);
    expect(lab).toBeGreaterThan(prose * 1.4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '09-wide-layout');
  });

  it('finds lessons with Pagefind search', async () => {
    // The search button is enabled once Starlight's script runs; Pagefind's UI loads on open.
    await page.waitForSelector('button[data-open-modal]:not([disabled])');
    await page.click('button[data-open-modal]');
    await page.waitForSelector('dialog[open]');
    await page.waitForSelector('.pagefind-ui__search-input', { timeout: 60_000 });
    await page.fill('.pagefind-ui__search-input', 'worker');
    await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15_000 });
    const hits = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => a.textContent ?? ''));
    expect(hits.join(' ')).toMatch(/Fixture lab in a worker/);
    await page.keyboard.press('Escape');
  });

  it('switches between dark and light', async () => {
    await page.selectOption('starlight-theme-select select', 'dark');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.selectOption('starlight-theme-select select', 'light');
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
  });
});
