// Firefox smoke run over WebDriver BiDi (Firefox's built-in remote protocol): Playwright
// drives only its own patched Firefox, which cannot be downloaded here, so this speaks the
// W3C protocol to Debian's firefox-esr directly. Run by tests/browser/firefox.test.ts as
//   node --experimental-websocket bidi-smoke.mjs <lesson url> <steps JSON>
// where steps are [{device, line}]. Prints one JSON line: what the page showed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, stepsJson] = process.argv.slice(2);
const steps = JSON.parse(stepsJson ?? '[]');
const profile = mkdtempSync(join(tmpdir(), 'ff-bidi-'));
// Quiet profile: no first-run pages, no background traffic (the sandbox has no network).
writeFileSync(
  join(profile, 'user.js'),
  [
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.enabled", false);',
    'user_pref("app.update.enabled", false);',
    'user_pref("browser.startup.homepage_override.mstone", "ignore");',
    'user_pref("network.captive-portal-service.enabled", false);',
  ].join('\n'),
);
const ff = spawn('/usr/bin/firefox-esr', ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
const cleanup = () => {
  try {
    ff.kill('SIGKILL');
  } catch {}
  rmSync(profile, { recursive: true, force: true });
};
const fail = (msg) => {
  console.log(JSON.stringify({ error: msg }));
  cleanup();
  process.exit(1);
};
const timer = setTimeout(() => fail('timeout'), 150_000);

const wsUrl = await new Promise((resolve) => {
  let buf = '';
  ff.stderr.on('data', (d) => {
    buf += d;
    const m = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(buf);
    if (m) resolve(m[1]);
  });
});

const ws = new WebSocket(`${wsUrl}/session`);
await new Promise((r, j) => {
  ws.onopen = r;
  ws.onerror = () => j(new Error('websocket'));
});
let nextId = 1;
const pending = new Map();
ws.onmessage = (ev) => {
  const msg = JSON.parse(ev.data);
  if (msg.id && pending.has(msg.id)) {
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.type === 'error') reject(new Error(`${msg.error}: ${msg.message}`));
    else resolve(msg.result);
  }
};
const send = (method, params) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });

await send('session.new', { capabilities: {} });
const tree = await send('browsingContext.getTree', {});
const context = tree.contexts[0].context;
const evaluate = async (expression) => {
  const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  if (r.type === 'exception') throw new Error(r.exceptionDetails?.text ?? 'exception');
  return r.result?.value;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (expression, ms) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await evaluate(expression)) return true;
    await sleep(250);
  }
  return false;
};
const typeLine = async (text) => {
  const actions = [];
  for (const ch of text) actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
  actions.push({ type: 'keyDown', value: '\uE007' }, { type: 'keyUp', value: '\uE007' });
  await send('input.performActions', { context, actions: [{ type: 'key', id: 'kbd', actions }] });
};

await send('browsingContext.navigate', { context, url, wait: 'complete' });
await evaluate(`document.querySelector('[data-lab]').scrollIntoView(); true`);
const ready = await until(`document.querySelector('[data-lab]')?.dataset.state === 'ready'`, 60_000);
const result = { ready, before: null, after: null, terminal: '' };
if (ready) {
  result.before = await evaluate(`document.querySelector('[data-pane="checks"]').dataset.passed + '/' + document.querySelector('[data-pane="checks"]').dataset.total`);
  for (const s of steps) {
    const journal = Number(await evaluate(`document.querySelector('[data-lab]').dataset.journal`));
    await evaluate(`document.querySelector('.lab-tab[data-device="${s.device}"]').click(); document.querySelector('.lab-term[data-device="${s.device}"] .xterm-helper-textarea').focus(); true`);
    await typeLine(s.line);
    await until(`Number(document.querySelector('[data-lab]').dataset.journal) > ${journal}`, 15_000);
    result.terminal = await evaluate(`[...document.querySelector('.lab-term[data-device="${s.device}"] .xterm-rows').children].map((r) => r.textContent.replace(/\\u00a0/g, ' ').trimEnd()).join('\\n')`);
  }
  await sleep(500);
  result.after = await evaluate(`document.querySelector('[data-pane="checks"]').dataset.passed + '/' + document.querySelector('[data-pane="checks"]').dataset.total`);
  result.errors = await evaluate(`(window.__labErrors ?? []).length`);
}
clearTimeout(timer);
console.log(JSON.stringify(result));
try {
  await send('session.end', {});
} catch {}
ws.close();
cleanup();
process.exit(0);
