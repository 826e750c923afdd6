// The lab in a real Chromium against the fixture site: terminal, checks, saved progress,
// share links, offline, YAML editing, keyboard-only use. Screenshots go to
// test-results/screenshots/ for a human to look at.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchContext, mustRunBrowserTests } from './chromium.ts';
import { readFileSync } from 'node:fs';
import { parseExport } from '../../src/lab/state/progress-format.ts';
import { checks, LESSON, openLesson, runLine, screenshot, selectDevice, solutionSteps, solveByTyping, terminalText } from './helpers.ts';

const enabled = inject('browserTestsEnabled');
if (mustRunBrowserTests() && !hasChromium()) throw new Error('CI=true but /usr/bin/chromium is missing');
const base = inject('baseUrl');

describe.skipIf(!enabled)('lab in the browser', () => {
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ctx = await launchContext();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('starts the lab with a prompt in every device terminal', async () => {
    await openLesson(page, base + LESSON);
    const devices = await page.$$eval('.lab-tab[data-device]', (tabs) => tabs.map((t) => (t as HTMLElement).dataset.device!));
    expect(devices.length).toBeGreaterThan(0);
    const first = await terminalText(page, devices[0]!);
    expect(first.trim().length).toBeGreaterThan(0); // the device prompt
    expect(await checks(page)).toMatchObject({ passed: 0 });
    await screenshot(page, '01-lab-start');
    expect(errors).toEqual([]);
  });

  it('answers ? with help under the line and keeps the typed text', async () => {
    const device = (await page.getAttribute('.lab-tab[data-device]', 'data-device'))!;
    await selectDevice(page, device);
    await page.keyboard.type('show ?');
    await page.waitForTimeout(300);
    const text = await terminalText(page, device);
    const lines = text.split('\n').filter((l) => l.trim());
    // The last non-empty line is the prompt again with "show " still on it.
    expect(lines[lines.length - 1]).toMatch(/show\s*$/);
    expect(lines.length).toBeGreaterThan(2);
    const journal = Number(await page.getAttribute('[data-lab]', 'data-journal'));
    await page.keyboard.press('Control+U');
    await page.keyboard.press('Control+C');
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-lab]')!.dataset.journal) > n, journal);
  });

  it('solving the exercise in the terminal flips the checks and records completion', async () => {
    await page.click('button:has-text("Reveal solution")');
    await solveByTyping(page);
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('[data-pane="checks"]')!;
      return el.dataset.passed === el.dataset.total && Number(el.dataset.total) > 0;
    });
    await expect.poll(() => page.isVisible('.lab-complete')).toBe(true);
    await screenshot(page, '02-lab-solved');
  });

  it('a reload loses nothing: the journal is replayed and still passes', async () => {
    const journal = await page.getAttribute('[data-lab]', 'data-journal');
    await page.reload();
    await openLesson(page, page.url());
    expect(await page.getAttribute('[data-lab]', 'data-journal')).toBe(journal);
    const c = await checks(page);
    expect(c.passed).toBe(c.total);
    // The terminal says so, and ↑ recalls the last command typed on that device.
    await page.click('button:has-text("Reveal solution")');
    const steps = await solutionSteps(page);
    const last = steps.filter((s) => s.device).pop()!;
    await selectDevice(page, last.device!);
    expect(await terminalText(page, last.device!)).toContain('restored session');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => terminalText(page, last.device!)).toMatch(new RegExp(`${last.line!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`));
    await page.keyboard.press('Control+U');
  });

  it('a share link opens the same state in another browser and grades it', async () => {
    await page.click('button:has-text("Share link")');
    const url = await page.inputValue('.lab-share-url');
    expect(url).toContain('#lab=1.');
    const other = await launchContext();
    try {
      const p = other.pages()[0] ?? (await other.newPage());
      await openLesson(p, url);
      const c = await checks(p);
      expect(c.passed).toBe(c.total);
      expect(await p.textContent('[data-lab-status]')).toContain('shared link');
      await screenshot(p, '03-shared-link');
    } finally {
      await other.close();
    }
  });

  it('exports all progress as one file and imports it into another browser', async () => {
    await page.click('.lab-progress > summary');
    await page.fill('.lab-progress input[type="text"]', 'Ada Lovelace');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export all progress")')]);
    const file = await download.path();
    const parsed = parseExport(readFileSync(file, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.learner).toBe('Ada Lovelace');
    const rec = parsed.value.records.find((r) => r.exercise === 'fix-remote-as');
    expect(rec?.completedAt).toBeTypeOf('number');
    expect(rec?.journal.length).toBeGreaterThan(0);

    const other = await launchContext();
    try {
      const p = other.pages()[0] ?? (await other.newPage());
      await openLesson(p, base + LESSON);
      expect((await checks(p)).passed).toBe(0);
      await p.click('.lab-progress > summary');
      await Promise.all([p.waitForEvent('load'), p.setInputFiles('.lab-progress input[type="file"]', file)]);
      await openLesson(p, p.url());
      const c = await checks(p);
      expect(c.passed).toBe(c.total);
    } finally {
      await other.close();
    }
  });

  it('reset returns to the start state (asks twice)', async () => {
    await page.click('button:has-text("Reset lab")');
    await page.click('button:has-text("Click again to reset")');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-lab]')?.dataset.journal === '0');
    expect((await checks(page)).passed).toBeLessThan((await checks(page)).total);
    // Completion stays recorded.
    expect(await page.isVisible('.lab-complete')).toBe(true);
  });

  it('works offline after one visit (service worker precache)', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Make sure this page is controlled, then go offline and reload.
    if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    await ctx.setOffline(true);
    try {
      await page.reload();
      await openLesson(page, page.url());
      const device = (await page.getAttribute('.lab-tab[data-device]', 'data-device'))!;
      await runLine(page, device, 'show version');
      await page.goto(base + '/');
      expect(await page.title()).toContain('Calico BGP Lab');
    } finally {
      await ctx.setOffline(false);
    }
  });
});
