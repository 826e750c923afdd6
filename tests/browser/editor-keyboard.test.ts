// YAML pane (Monaco + monaco-yaml + simulator diagnostics) and keyboard-only use of the lab.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchContext } from './chromium.ts';
import { LESSON, openLesson, screenshot } from './helpers.ts';

const enabled = inject('browserTestsEnabled');
const base = inject('baseUrl');

describe.skipIf(!enabled)('YAML editor', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await launchContext();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await openLesson(page, base + LESSON);
  });
  afterAll(async () => ctx?.close());

  it('loads Monaco lazily, marks errors as you type and applies with Ctrl-S', async () => {
    const hasEditor = (await page.getAttribute('[data-lab]', 'data-has-editor')) === 'true';
    if (!hasEditor) return; // a terminal-only fixture lab
    await page.waitForSelector('[data-lab][data-editor="ready"] .monaco-editor');
    const original = await page.$eval('.lab-editor-box .view-lines', (el) => (el as HTMLElement).innerText);
    await page.click('.lab-editor-box .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nbogusField: [\n');
    await page.waitForSelector('.lab-editor-box .squiggly-error', { timeout: 15_000 });
    await screenshot(page, '04-yaml-error-marker');
    // Undo the damage and apply.
    await page.click('button:has-text("Revert")');
    await page.click('.lab-editor-box .view-lines');
    const journal = Number(await page.getAttribute('[data-lab]', 'data-journal'));
    await page.keyboard.press('Control+S');
    await page.waitForSelector('.lab-apply-result[data-ok="true"]', { timeout: 15_000 });
    expect(Number(await page.getAttribute('[data-lab]', 'data-journal'))).toBe(journal + 1);
    expect(await page.textContent('.lab-apply-result')).toMatch(/applied/i);
    expect(original.length).toBeGreaterThan(0);
    await screenshot(page, '05-yaml-applied');
  });

  it('offers schema completion for Calico fields', async () => {
    const hasEditor = (await page.getAttribute('[data-lab]', 'data-has-editor')) === 'true';
    if (!hasEditor) return;
    await page.click('.lab-editor-box .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n  ');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.monaco-editor .suggest-widget.visible', { timeout: 15_000 });
    const items = await page.$$eval('.monaco-editor .suggest-widget .monaco-list-row', (rows) => rows.map((r) => r.textContent ?? ''));
    expect(items.join(' ')).toMatch(/asNumber|peerIP|nodeSelector/);
    await page.keyboard.press('Escape');
    await page.click('button:has-text("Revert")');
  });
});

describe.skipIf(!enabled)('keyboard-only use', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await launchContext();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await openLesson(page, base + LESSON);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  });
  afterAll(async () => ctx?.close());

  const active = (p: Page) =>
    p.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { cls: a?.className ?? '', label: a?.getAttribute('aria-label') ?? '', device: a?.closest<HTMLElement>('[data-device]')?.dataset.device ?? '' };
    });

  it('reaches a terminal with Tab, runs a command, and leaves with Esc then Tab', async () => {
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      const a = await active(page);
      if (a.cls.includes('lab-tab') && a.device) {
        // On the tab list: Enter/arrow keys pick a device, Tab goes into its terminal.
        await page.keyboard.press('Tab');
        found = (await active(page)).cls.includes('xterm-helper-textarea');
      }
    }
    expect(found).toBe(true);
    const journal = Number(await page.getAttribute('[data-lab]', 'data-journal'));
    await page.keyboard.type('show version');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-lab]')!.dataset.journal) > n, journal);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect((await active(page)).cls).not.toContain('xterm-helper-textarea');
  });

  it('opens a device terminal from the topology with Enter', async () => {
    const devices = await page.$$eval('.lab-topo .dev[role="button"]', (els) => els.map((e) => (e as HTMLElement).dataset.device!));
    expect(devices.length).toBeGreaterThan(0);
    const target = devices[devices.length - 1]!;
    await page.focus(`.lab-topo .dev[data-device="${target}"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((d) => document.activeElement?.closest<HTMLElement>('[data-device]')?.dataset.device === d && document.activeElement?.classList.contains('xterm-helper-textarea'), target);
    expect(await page.getAttribute(`.lab-tab[data-device="${target}"]`, 'aria-selected')).toBe('true');
    await screenshot(page, '06-keyboard-topology');
  });
});
