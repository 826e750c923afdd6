// Shared steps for the browser tests: open a lesson, type into a device terminal, read the
// terminal and the checks, save screenshots for a human to look at.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
export const LESSON = '/lessons/01-fixture/';

export async function openLesson(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-lab][data-state="ready"]', { timeout: 30_000 });
}

export async function selectDevice(page: Page, device: string): Promise<void> {
  await page.click(`.lab-tab[data-device="${device}"]`);
  await page.click(`.lab-term[data-device="${device}"] .xterm-screen`);
}

/** Types a line into a device's terminal and waits until the lab has journaled it. */
export async function runLine(page: Page, device: string, line: string): Promise<void> {
  const before = Number(await page.getAttribute('[data-lab]', 'data-journal'));
  await selectDevice(page, device);
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => Number(document.querySelector<HTMLElement>('[data-lab]')?.dataset.journal) > n,
    before,
    { timeout: 15_000 },
  );
}

export async function terminalText(page: Page, device: string): Promise<string> {
  return page.$eval(`.lab-term[data-device="${device}"] .xterm-rows`, (el) =>
    [...el.children].map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n'),
  );
}

export async function checks(page: Page): Promise<{ passed: number; total: number }> {
  return page.$eval('[data-pane="checks"]', (el) => ({
    passed: Number((el as HTMLElement).dataset.passed),
    total: Number((el as HTMLElement).dataset.total),
  }));
}

/** The exercise's solution steps as shown in the check panel ("R1: line" / "apply file"). */
export async function solutionSteps(page: Page): Promise<{ device?: string; line?: string; file?: string }[]> {
  return page.$$eval('.lab-solution-steps > li', (items) =>
    items.map((li) => {
      const code = li.querySelector(':scope > code')?.textContent ?? '';
      if (code) {
        const i = code.indexOf(': ');
        return { device: code.slice(0, i), line: code.slice(i + 2) };
      }
      const file = (li.querySelector(':scope > span')?.textContent ?? '').replace(/^Apply /, '').replace(/:$/, '');
      return { file };
    }),
  );
}

export async function solveByTyping(page: Page): Promise<void> {
  const steps = await solutionSteps(page);
  expect(steps.length).toBeGreaterThan(0);
  for (const s of steps) {
    if (s.device && s.line) await runLine(page, s.device, s.line);
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
