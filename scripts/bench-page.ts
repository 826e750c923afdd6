// Page budgets, measured (npm run bench:page):
//   1. initial JS of a lesson page, gzip (budget 100 KB): the module scripts in the built HTML
//      and their static imports; the lab island and everything it loads are dynamic imports;
//   2. time from navigation to a ready lab prompt in headless Chromium from 127.0.0.1 (< 1 s),
//      cold (fresh profile) and warm (service worker + HTTP cache);
//   3. a terminal command settled + re-graded (< 16 ms median): the simulator's own time for
//      action + settle + grade + views, and Enter → new prompt including every pane re-render.
// Uses the fixture site (tests/fixtures/site, a frozen copy of a lesson-size lab).
// Options: --reuse (skip the build if dist-test/ exists), --json, --path=/lessons/…/
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve, dirname, join } from 'node:path';
import { buildFixtureSite, TEST_OUT_DIR } from '../tests/browser/global-setup.ts';
import { serveStatic } from '../tests/browser/static-server.ts';
import { hasChromium, launchContext } from '../tests/browser/chromium.ts';
import { openLesson, solutionSteps } from '../tests/browser/helpers.ts';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const pathArg = process.argv.find((a) => a.startsWith('--path='))?.slice(7) ?? '/lessons/01-fixture/';
const out = resolve(root, TEST_OUT_DIR);
const BUDGET = { initialJsKb: 100, readyMs: 1000, commandMs: 16 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};

/** Static JS closure of a page: module scripts + inline scripts + their static imports. */
function initialJs(htmlFile: string): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(htmlFile, 'utf8');
  const seen = new Set<string>();
  let gzipBytes = 0;
  let rawBytes = 0;
  const add = (code: string) => {
    rawBytes += Buffer.byteLength(code);
    gzipBytes += gzipSync(code, { level: 9 }).length;
  };
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    add(code);
    // Static imports only: `import x from "./a.js"`, `import "./a.js"`, `export … from "./a.js"`.
    for (const m of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
      const spec = m[1]!;
      visit(spec.startsWith('/') ? join(out, spec) : resolve(dirname(file), spec));
    }
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1]!;
    if (/type="application\/(ld\+)?json"/.test(attrs)) continue;
    const src = /src="([^"]+)"/.exec(attrs)?.[1];
    if (src) visit(join(out, src));
    else if (m[2]!.trim()) {
      add(m[2]!);
      for (const im of m[2]!.matchAll(/import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) visit(join(out, im[1]!));
    }
  }
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) visit(join(out, m[1]!));
  return { files: [...seen].map((f) => f.slice(out.length)), gzipBytes, rawBytes };
}

async function main(): Promise<void> {
  if (!(args.has('--reuse') && existsSync(join(out, 'index.html')))) {
    process.stderr.write('building the fixture site…\n');
    buildFixtureSite(root);
  }
  const htmlFile = join(out, pathArg, 'index.html');
  const js = initialJs(htmlFile);
  const results: Record<string, unknown> = {
    page: pathArg,
    initialJs: { gzipKb: +(js.gzipBytes / 1024).toFixed(1), rawKb: +(js.rawBytes / 1024).toFixed(1), files: js.files },
  };
  if (!hasChromium()) {
    results.browser = 'skipped: /usr/bin/chromium missing';
  } else {
    const server = await serveStatic(out);
    try {
      const cold: number[] = [];
      const warm: number[] = [];
      const sim: number[] = [];
      const roundtrip: number[] = [];
      for (let run = 0; run < 5; run++) {
        const ctx = await launchContext();
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        await openLesson(page, server.url + pathArg);
        cold.push(await page.evaluate(() => performance.getEntriesByName('lab-ready')[0]!.startTime));
        await page.evaluate(async () => {
          await navigator.serviceWorker?.ready;
        });
        await page.goto('about:blank');
        await openLesson(page, server.url + pathArg);
        warm.push(await page.evaluate(() => performance.getEntriesByName('lab-ready')[0]!.startTime));
        if (run === 0) {
          await page.click('button:has-text("Reveal solution")');
          const steps = (await solutionSteps(page)).filter((s) => s.device && s.line);
          for (let rep = 0; rep < 4; rep++) {
            for (const s of steps) {
              const before = Number(await page.getAttribute('[data-lab]', 'data-journal'));
              await page.click(`.lab-tab[data-device="${s.device}"]`);
              await page.click(`.lab-term[data-device="${s.device}"] .xterm-screen`);
              await page.keyboard.type(s.line!);
              await page.keyboard.press('Enter');
              await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-lab]')!.dataset.journal) > n, before);
              await page.waitForTimeout(20);
              sim.push(Number(await page.getAttribute('[data-lab]', 'data-last-ms')));
              roundtrip.push(Number(await page.getAttribute('[data-pane="terminal"]', 'data-roundtrip-ms')));
            }
          }
        }
        await ctx.close();
      }
      results.readyMs = { coldMedian: Math.round(median(cold)), warmMedian: Math.round(median(warm)), cold: cold.map(Math.round), warm: warm.map(Math.round) };
      results.commandMs = {
        samples: sim.length,
        simMedian: +median(sim).toFixed(2),
        enterToPromptMedian: +median(roundtrip).toFixed(2),
        simMax: +Math.max(...sim).toFixed(2),
      };
    } finally {
      await server.close();
    }
  }
  if (args.has('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const r = results as { initialJs: { gzipKb: number; rawKb: number }; readyMs?: { coldMedian: number; warmMedian: number }; commandMs?: { simMedian: number; enterToPromptMedian: number; samples: number } };
  const ok = (v: number, budget: number) => (v <= budget ? 'ok ' : 'OVER');
  console.log(`page ${pathArg}`);
  console.log(`${ok(r.initialJs.gzipKb, BUDGET.initialJsKb)} initial JS          ${r.initialJs.gzipKb} KB gzip (${r.initialJs.rawKb} KB raw), budget ${BUDGET.initialJsKb} KB`);
  if (r.readyMs) {
    console.log(`${ok(r.readyMs.coldMedian, BUDGET.readyMs)} lab prompt ready     ${r.readyMs.coldMedian} ms cold, ${r.readyMs.warmMedian} ms warm (median of 5), budget ${BUDGET.readyMs} ms`);
  }
  if (r.commandMs) {
    console.log(`${ok(r.commandMs.simMedian, BUDGET.commandMs)} command → graded     ${r.commandMs.simMedian} ms in the simulator, ${r.commandMs.enterToPromptMedian} ms Enter → prompt with re-render (median of ${r.commandMs.samples}), budget ${BUDGET.commandMs} ms`);
  } else console.log(String(results.browser));
}

await main();
