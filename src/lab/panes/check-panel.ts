// Check panel: the exercise goal, each check with pass/fail and the simulator's reason,
// progressive hints, the solution on request, reset, and the completion state. Plain DOM.

import { miniMarkdown } from '../ui/mini-markdown.ts';
import type { CheckResult, ExerciseInfo, JournalEntry } from '../runtime/protocol.ts';

export interface CheckPanelOptions {
  readonly host: HTMLElement;
  readonly exercise?: ExerciseInfo;
  readonly onReset: () => void;
  /** Runs one solution step (a terminal line or a YAML apply). */
  readonly onRunStep: (entry: JournalEntry) => void;
}

export interface CheckPanel {
  update(results: readonly CheckResult[]): void;
  setCompleted(at: number | undefined): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function describeStep(entry: JournalEntry): string {
  switch (entry.kind) {
    case 'exec':
      return `${entry.device}: ${entry.line}`;
    case 'apply':
      return `apply ${entry.file}`;
    case 'interrupt':
      return `${entry.device}: Ctrl-C`;
    case 'wait':
      return `wait ${entry.seconds} s`;
  }
}

export function createCheckPanel(opts: CheckPanelOptions): CheckPanel {
  const { host, exercise } = opts;
  host.replaceChildren();
  const uid = Math.random().toString(36).slice(2, 8);

  const heading = el('h3', 'lab-checks-title', exercise ? exercise.title : 'Free practice');
  const goal = el('div', 'lab-goal');
  goal.innerHTML = exercise ? miniMarkdown(exercise.goal) : '<p>This lab has no graded exercise: explore freely.</p>';
  const summary = el('p', 'lab-check-summary');
  summary.setAttribute('role', 'status');
  summary.setAttribute('aria-live', 'polite');
  const list = el('ul', 'lab-check-list');
  list.setAttribute('aria-label', 'Checks');
  const done = el('p', 'lab-complete');
  done.hidden = true;

  host.append(heading, goal, summary, list, done);

  const items = new Map<string, { li: HTMLLIElement; state: HTMLElement; reason: HTMLElement; pass?: boolean }>();
  for (const c of exercise?.checks ?? []) {
    const li = el('li', 'lab-check');
    li.dataset.check = c.id;
    const icon = el('span', 'lab-check-icon');
    icon.setAttribute('aria-hidden', 'true');
    const title = el('span', 'lab-check-title', c.title);
    const state = el('span', 'lab-check-state', 'not graded yet');
    const reason = el('p', 'lab-check-reason');
    li.append(icon, title, state, reason);
    list.append(li);
    items.set(c.id, { li, state, reason });
  }

  const controls = el('div', 'lab-check-controls');
  host.append(controls);

  // Progressive hints: one more each click, least revealing first.
  const hints = exercise?.hints ?? [];
  const hintList = el('ol', 'lab-hints');
  hintList.id = `lab-${uid}-hints`;
  hintList.setAttribute('aria-live', 'polite');
  let shown = 0;
  const hintButton = el('button', 'lab-button', `Show a hint (1 of ${hints.length})`) as HTMLButtonElement;
  hintButton.type = 'button';
  hintButton.setAttribute('aria-controls', hintList.id);
  hintButton.hidden = hints.length === 0;
  hintButton.addEventListener('click', () => {
    if (shown >= hints.length) return;
    const li = el('li');
    li.innerHTML = miniMarkdown(hints[shown]!);
    hintList.append(li);
    shown++;
    hintButton.textContent = shown < hints.length ? `Show another hint (${shown + 1} of ${hints.length})` : 'All hints shown';
    hintButton.disabled = shown >= hints.length;
  });

  // The solution stays hidden until asked for; each step can be run from here.
  const solution = el('div', 'lab-solution');
  solution.id = `lab-${uid}-solution`;
  solution.hidden = true;
  const solButton = el('button', 'lab-button', 'Reveal solution') as HTMLButtonElement;
  solButton.type = 'button';
  solButton.setAttribute('aria-expanded', 'false');
  solButton.setAttribute('aria-controls', solution.id);
  solButton.hidden = !exercise || (exercise.solution.length === 0 && !exercise.explanation);
  solButton.addEventListener('click', () => {
    const open = solution.hidden;
    solution.hidden = !open;
    solButton.setAttribute('aria-expanded', String(open));
    solButton.textContent = open ? 'Hide solution' : 'Reveal solution';
  });
  if (exercise) {
    const steps = el('ol', 'lab-solution-steps');
    for (const entry of exercise.solution) {
      const li = el('li');
      if (entry.kind === 'apply') {
        const pre = el('pre');
        pre.append(el('code', undefined, entry.text));
        li.append(el('span', undefined, `Apply ${entry.file}:`), pre);
      } else {
        li.append(el('code', undefined, describeStep(entry)));
      }
      const run = el('button', 'lab-button lab-button-small', 'Run') as HTMLButtonElement;
      run.type = 'button';
      run.setAttribute('aria-label', `Run step: ${describeStep(entry)}`);
      run.addEventListener('click', () => opts.onRunStep(entry));
      li.append(run);
      steps.append(li);
    }
    const explanation = el('div', 'lab-explanation');
    explanation.innerHTML = miniMarkdown(exercise.explanation);
    solution.append(steps, explanation);
  }

  // Reset asks twice so a stray click cannot wipe someone's work.
  const resetButton = el('button', 'lab-button lab-button-danger', 'Reset lab') as HTMLButtonElement;
  resetButton.type = 'button';
  let armed: ReturnType<typeof setTimeout> | undefined;
  resetButton.addEventListener('click', () => {
    if (!armed) {
      resetButton.textContent = 'Click again to reset (your commands are discarded)';
      armed = setTimeout(() => {
        armed = undefined;
        resetButton.textContent = 'Reset lab';
      }, 4000);
      return;
    }
    clearTimeout(armed);
    armed = undefined;
    resetButton.textContent = 'Reset lab';
    opts.onReset();
  });

  controls.append(hintButton, solButton, resetButton);
  host.append(hintList, solution);

  return {
    update(results) {
      let passed = 0;
      const flipped: string[] = [];
      for (const r of results) {
        let item = items.get(r.id);
        if (!item) {
          // A check the exercise did not list up front: show it anyway.
          const li = el('li', 'lab-check');
          li.dataset.check = r.id;
          const icon = el('span', 'lab-check-icon');
          icon.setAttribute('aria-hidden', 'true');
          const state = el('span', 'lab-check-state');
          const reason = el('p', 'lab-check-reason');
          li.append(icon, el('span', 'lab-check-title', r.title), state, reason);
          list.append(li);
          item = { li, state, reason };
          items.set(r.id, item);
        }
        if (r.pass) passed++;
        if (item.pass !== undefined && item.pass !== r.pass) flipped.push(`${r.title}: ${r.pass ? 'now passes' : 'now fails'}`);
        item.pass = r.pass;
        item.li.dataset.pass = String(r.pass);
        item.state.textContent = r.pass ? 'passes' : 'fails';
        item.reason.textContent = r.reason;
      }
      const total = results.length;
      summary.textContent =
        total === 0 ? '' : `${passed} of ${total} checks pass${flipped.length ? ` — ${flipped.join('; ')}` : ''}`;
      host.dataset.passed = String(passed);
      host.dataset.total = String(total);
    },
    setCompleted(at) {
      done.hidden = at === undefined;
      if (at !== undefined) {
        done.textContent = `✓ Exercise complete — recorded ${new Date(at).toLocaleString()}.`;
      }
    },
  };
}
