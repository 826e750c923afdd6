// The Quiz component (src/components/Quiz.astro) on the fixture page reference/quiz.mdx:
// pointer and keyboard answers, feedback, score, saved answers, Try again, no-JavaScript
// fallback, dark/light and a narrow screen.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, launchContext } from './chromium.ts';
import { screenshot } from './helpers.ts';

const enabled = inject('browserTestsEnabled');
const base = inject('baseUrl');
const PAGE = '/reference/quiz/';
const QUIZ = '[data-quiz="fixture-quiz"]';
const question = (n: number) => `${QUIZ} [data-quiz-question]:nth-child(${n})`;
const option = (n: number, o: number) => `${question(n)} .quiz-option:nth-child(${o})`;

async function openQuiz(page: Page): Promise<void> {
  await page.goto(base + PAGE);
  await page.waitForSelector(`${QUIZ}[data-quiz-ready]`);
}

const text = (page: Page, sel: string) => page.$eval(sel, (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim());

describe.skipIf(!enabled)('quiz', () => {
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ctx = await launchContext({ width: 1280, height: 900 });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await openQuiz(page);
  });
  afterAll(async () => ctx?.close());

  it('renders accessible questions: fieldset, legend, radios, live regions', async () => {
    expect(await page.$$eval(`${QUIZ} fieldset`, (fs) => fs.length)).toBe(3);
    expect(await text(page, `${question(1)} legend`)).toBe('1. Which daemon runs inside calico-node?');
    const radios = await page.$$eval(`${question(1)} input[type="radio"]`, (rs) =>
      rs.map((r) => ({ name: (r as HTMLInputElement).name, label: r.closest('label')?.textContent?.trim() })),
    );
    expect(radios).toEqual([
      { name: 'quiz-fixture-quiz-0', label: 'BIRD' },
      { name: 'quiz-fixture-quiz-0', label: 'GoBGP' },
      { name: 'quiz-fixture-quiz-0', label: 'FRR' },
    ]);
    expect(await page.getAttribute(`${question(1)} [data-quiz-feedback]`, 'aria-live')).toBe('polite');
    expect(await page.getAttribute(`${QUIZ} [data-quiz-score]`, 'aria-live')).toBe('polite');
    // With JavaScript the answers are given as feedback, not in the <details>.
    expect(await page.isVisible(`${question(1)} details`)).toBe(false);
    expect(await page.isVisible(`${question(1)} [data-quiz-check]`)).toBe(true);
    expect(await text(page, `${QUIZ} [data-quiz-score]`)).toBe('3 questions. Choose an answer to each.');
    expect(await page.isVisible(`${QUIZ} [data-quiz-reset]`)).toBe(false);
  });

  it('answers on a click, with the explanation (right answer)', async () => {
    await page.click(option(1, 1));
    expect(await page.getAttribute(question(1), 'data-state')).toBe('right');
    const fb = await text(page, `${question(1)} [data-quiz-feedback]`);
    expect(fb).toMatch(/^Correct\./);
    expect(fb).toContain('calico-node runs BIRD as a separate process');
    // Inline markup: **bold** and `code` became elements.
    expect(await page.$eval(`${question(1)} [data-quiz-feedback] code`, (c) => c.textContent)).toBe('bird.cfg');
    expect(await page.isVisible(`${question(1)} [data-quiz-check]`)).toBe(false);
    expect(await text(page, `${QUIZ} [data-quiz-score]`)).toBe('1 of 1 answered correctly so far (2 to go).');
  });

  it('a wrong answer names the right one and locks the choice', async () => {
    await page.click(option(2, 1));
    expect(await page.getAttribute(question(2), 'data-state')).toBe('wrong');
    expect(await text(page, `${question(2)} [data-quiz-feedback]`)).toMatch(/^Not quite\. The answer is: 64512\. The default asNumber is 64512\./);
    expect(await text(page, `${option(2, 1)} .quiz-mark`)).toBe('✗ your answer');
    expect(await text(page, `${option(2, 2)} .quiz-mark`)).toBe('✓ right answer');
    // Another click does not change an answered question (its radios are aria-disabled, so
    // Playwright needs force to click at all).
    expect(await page.getAttribute(`${option(2, 2)} input`, 'aria-disabled')).toBe('true');
    await page.click(option(2, 2), { force: true });
    expect(await page.isChecked(`${option(2, 1)} input`)).toBe(true);
    expect(await page.isChecked(`${option(2, 2)} input`)).toBe(false);
    expect(await page.getAttribute(question(2), 'data-state')).toBe('wrong');
  });

  it('works with the keyboard only: arrows browse, Enter answers', async () => {
    // Tab from the last radio of question 2 lands in question 3's radio group.
    await page.focus(`${option(2, 1)} input`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('quiz-fixture-quiz-2');
    // Enter before choosing says what to do.
    await page.keyboard.press('Enter');
    expect(await text(page, `${question(3)} [data-quiz-feedback]`)).toMatch(/Choose an option first/);
    await page.keyboard.press('ArrowDown'); // selects "180 s"… (Chromium focuses the first unchecked, then moves)
    const picked = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    expect(await page.getAttribute(question(3), 'data-state')).toBe('open'); // browsing does not answer
    if (picked !== '1') {
      await page.keyboard.press(picked === '0' ? 'ArrowDown' : 'ArrowUp');
    }
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('1');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute(question(3), 'data-state')).toBe('right');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-quiz-question]') !== null)).toBe(true);
    expect(await text(page, `${QUIZ} [data-quiz-score]`)).toBe('Score: 2 of 3 correct.');
    expect(await page.isVisible(`${QUIZ} [data-quiz-reset]`)).toBe(true);
    await page.selectOption('starlight-theme-select select', 'dark');
    await page.$eval(question(2), (el) => el.scrollIntoView());
    await screenshot(page, 'quiz-answered-dark');
  });

  it('remembers answers per quiz id across a reload', async () => {
    const saved = await page.evaluate(() => ({ ...localStorage }));
    expect(JSON.parse(saved['calico-bgp-lab/quiz/fixture-quiz']!)).toMatchObject({ v: 1, answers: [0, 0, 1] });
    expect(saved['calico-bgp-lab/quiz/fixture-quiz-2']).toBeUndefined();
    await openQuiz(page);
    expect(await page.$$eval(`${QUIZ} [data-quiz-question]`, (qs) => qs.map((q) => (q as HTMLElement).dataset.state))).toEqual([
      'right',
      'wrong',
      'right',
    ]);
    expect(await text(page, `${QUIZ} [data-quiz-score]`)).toBe('Score: 2 of 3 correct.');
    // Restored verdicts are painted silently, then the live regions are live again.
    expect(await page.getAttribute(`${question(1)} [data-quiz-feedback]`, 'aria-live')).toBe('polite');
    expect(await page.getAttribute('[data-quiz="fixture-quiz-2"] [data-quiz-question]', 'data-state')).toBe('open');
  });

  it('"Try again" clears the answers and the saved key', async () => {
    await page.click(`${QUIZ} [data-quiz-reset]`);
    expect(await page.$$eval(`${QUIZ} [data-quiz-question]`, (qs) => qs.map((q) => (q as HTMLElement).dataset.state))).toEqual([
      'open',
      'open',
      'open',
    ]);
    expect(await page.$$eval(`${QUIZ} input:checked`, (r) => r.length)).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('calico-bgp-lab/quiz/fixture-quiz'))).toBeNull();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).id)).toBe('quiz-fixture-quiz-0-0');
    expect(await page.isVisible(`${QUIZ} [data-quiz-reset]`)).toBe(false);
    // The second quiz escapes markup in its text.
    expect(await text(page, '[data-quiz="fixture-quiz-2"] legend')).toBe('1. Is <b> markup escaped?');
  });

  it('reads well in light mode and on a narrow screen', async () => {
    await page.click(option(1, 2));
    await page.click(option(2, 2));
    await page.selectOption('starlight-theme-select select', 'light');
    await page.$eval(QUIZ, (el) => el.scrollIntoView());
    await screenshot(page, 'quiz-answered-light');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.$eval(QUIZ, (el) => el.scrollIntoView());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'quiz-narrow-light');
    expect(errors).toEqual([]);
  });

  describe('without JavaScript', () => {
    let browser: Browser;
    let noJs: Page;
    beforeAll(async () => {
      browser = await launchBrowser();
      noJs = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } })).newPage();
      await noJs.goto(base + PAGE);
    });
    afterAll(async () => browser?.close());

    it('shows the questions as a plain list with the answers in <details>', async () => {
      expect(await noJs.$$eval(`${QUIZ} li fieldset`, (fs) => fs.length)).toBe(3);
      expect(await noJs.isVisible(`${question(1)} [data-quiz-check]`)).toBe(false);
      expect(await noJs.isVisible(`${QUIZ} [data-quiz-score]`)).toBe(false);
      expect(await noJs.isVisible(`${question(2)} details summary`)).toBe(true);
      await noJs.click(`${question(2)} details summary`);
      expect(await text(noJs, `${question(2)} details`)).toBe('Show the answer Answer: 64512. The default asNumber is 64512.');
      await screenshot(noJs, 'quiz-no-js');
    });
  });
});
