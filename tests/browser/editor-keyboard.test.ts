// YAML pane (Monaco + monaco-yaml + simulator diagnostics) and keyboard-only use of the lab.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchContext } from './chromium.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checks, LESSON, openLesson, screenshot } from './helpers.ts';

const CALICO_LESSON = '/lessons/03-calico/';
const FIXTURE = resolve(import.meta.dirname, '../fixtures/site/lessons/03-calico');

const enabled = inject('browserTestsEnabled');
const base = inject('baseUrl');

describe.skipIf(!enabled)('YAML editor', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await launchContext();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await openLesson(page, base + CALICO_LESSON);
    await page.waitForSelector('[data-lab][data-editor="ready"] .monaco-editor .view-lines');
  });
  afterAll(async () => ctx?.close());

  /** Replaces the whole text of the open file by pasting over it (typing would auto-indent). */
  const replaceText = async (text: string, mustShow: string) => {
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.click('.lab-editor-box .view-lines');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    // Wait until the paste has landed (Monaco renders spaces as no-break spaces).
    await page.waitForFunction(
      (needle) => (document.querySelector('.lab-editor-box .view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes(needle),
      mustShow,
    );
  };

  it('marks errors as you type (schema and simulator diagnostics)', async () => {
    const start = readFileSync(resolve(FIXTURE, 'exercises/mesh-off.yaml'), 'utf8');
    await replaceText(start.replace('asNumber: 64512', 'asNumber: 64512\n  bogusField: 1'), 'bogusField: 1');
    await page.waitForSelector('.lab-editor-box .squiggly-error', { timeout: 20_000 });
    await screenshot(page, '04-yaml-error-marker');
    // Apply refuses a file with errors and says why; the network does not change.
    await page.click('.lab-editor-bar button:has-text("Apply")');
    await page.waitForSelector('.lab-apply-result[data-ok="false"]');
    expect(await page.textContent('.lab-apply-result')).toMatch(/bogusField|unknown field/);
    expect((await checks(page)).passed).toBe(0);
  });

  it('offers schema completion for Calico fields', async () => {
    await page.click('button:has-text("Revert")');
    await page.click('.lab-editor-box .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n  ');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.monaco-editor .suggest-widget.visible', { timeout: 15_000 });
    const items = await page.$$eval('.monaco-editor .suggest-widget .monaco-list-row', (rows) => rows.map((r) => r.textContent ?? ''));
    expect(items.join(' ')).toMatch(/blockSize|natOutgoing|ipipMode|disabled/);
    await page.keyboard.press('Escape');
    await page.click('button:has-text("Revert")');
  });

  it('editing the YAML and applying with Ctrl-S flips the check', async () => {
    expect((await checks(page)).passed).toBe(0);
    await replaceText(readFileSync(resolve(FIXTURE, 'calico.yaml'), 'utf8'), 'nodeToNodeMeshEnabled: true');
    await page.keyboard.press('Control+S');
    await page.waitForSelector('.lab-apply-result[data-ok="true"]', { timeout: 15_000 });
    expect(await page.textContent('.lab-apply-result')).toMatch(/Successfully applied/);
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('[data-pane="checks"]')!;
      return el.dataset.passed === el.dataset.total && Number(el.dataset.total) > 0;
    });
    await screenshot(page, '05-yaml-applied');
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
