// The lab island: loaded (dynamic import) when a <Lab> scrolls near the viewport. Starts the
// simulator with the lesson files embedded at build time plus the saved or shared journal,
// then wires the panes. Each widget library sits behind its own lazily imported pane module.

import { pageClient } from './runtime/page-client.ts';
import type { LabClient, LabInfo, LabView, JournalEntry, StartResult } from './runtime/protocol.ts';
import { createCheckPanel, type CheckPanel } from './panes/check-panel.ts';
import { browserStorage, ProgressStore } from './state/progress-store.ts';
import type { ExerciseRecord } from './state/progress-format.ts';
import { readShareHash, shareUrl } from './state/share-link.ts';
import { createProgressMenu } from './ui/progress-menu.ts';
import { createTimeControl } from './ui/time-control.ts';
import type { TerminalPane } from './panes/terminal-pane.ts';
import type { EditorPane } from './panes/editor-pane.ts';
import type { TopologyPane } from './panes/topology-pane.ts';

export interface LabConfig {
  readonly lesson: string;
  readonly exercise?: string;
  readonly lab: string;
  readonly files: Record<string, string>;
  /** Hash of the lesson files (saved journals note which version they were made on). */
  readonly hash: string;
  readonly runtime: 'page' | 'worker';
}

const FREE = '_free';

/** Terminal lines per device from a journal (to restore each terminal's history). */
function linesByDevice(journal: readonly JournalEntry[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of journal) if (e.kind === 'exec') (out[e.device] ??= []).push(e.line);
  return out;
}
const q = <T extends HTMLElement>(root: HTMLElement, sel: string) => root.querySelector<T>(sel)!;

export async function mountLab(root: HTMLElement): Promise<void> {
  const t0 = performance.now();
  performance.mark('lab-island');
  // Fetch the terminal and topology code while the simulator starts (no waterfall).
  const terminalModule = import('./panes/terminal-pane.ts');
  const topologyModule = import('./panes/topology-pane.ts');
  const config = JSON.parse(q(root, 'script[data-lab-config]').textContent ?? '{}') as LabConfig;
  const exerciseKey = config.exercise ?? FREE;
  const store = new ProgressStore(browserStorage());
  const status = q(root, '[data-lab-status]');
  const setStatus = (text: string, tone: 'info' | 'busy' | 'ok' | 'warn' | 'error' = 'info') => {
    status.textContent = text;
    status.dataset.tone = tone;
  };
  root.dataset.state = 'loading';
  setStatus('Starting the lab…', 'busy');

  // Which journal to replay: a shared link for this very exercise wins, then saved progress.
  const shared = readShareHash(location.hash);
  const sharedHere = shared && shared.lesson === config.lesson && shared.exercise === exerciseKey ? shared : null;
  const saved = store.load(config.lesson, exerciseKey);
  let fromShare = !!sharedHere;
  const journal: readonly JournalEntry[] = sharedHere?.journal ?? saved?.journal ?? [];

  const client: LabClient =
    config.runtime === 'worker' ? (await import('./runtime/worker-client.ts')).workerClient() : pageClient();
  const source = (j: readonly JournalEntry[]) => ({
    files: config.files,
    lab: config.lab,
    ...(config.exercise ? { exercise: config.exercise } : {}),
    journal: j,
  });

  let started: StartResult = await client.start(source(journal));
  performance.mark('lab-started');
  let notice = '';
  if (!started.info && journal.length > 0) {
    // The saved actions no longer fit the lesson (it changed): start clean, keep the record.
    started = await client.start(source([]));
    notice = 'Your earlier actions could not be replayed on this version of the lab, so it starts fresh.';
  }
  if (!started.info || !started.view) {
    root.dataset.state = 'error';
    setStatus(`The lab could not start: ${started.diagnostics.map((d) => d.message).join('; ') || 'unknown error'}`, 'error');
    return;
  }
  let info: LabInfo = started.info;
  root.dataset.runtime = client.mode;
  // The lesson's own title for the lab wins; otherwise the lab file's.
  if (!('titled' in root.dataset)) q(root, '[data-lab-title]').textContent = info.title;
  const hasFiles = info.files.length > 0;
  root.dataset.hasEditor = String(hasFiles);

  let record: ExerciseRecord = saved ?? store.ensure(config.lesson, exerciseKey, Date.now(), config.hash);
  let checks: CheckPanel | undefined;
  let terminal: TerminalPane | undefined;
  let editor: EditorPane | undefined;
  let topology: TopologyPane | undefined;
  let lastView: LabView = started.view;
  let saveFailed = false;

  /** Every action's view: re-render, save, record completion. */
  const onView = (view: LabView, fromAction = true) => {
    lastView = view;
    root.dataset.lastMs = view.ms.toFixed(2);
    root.dataset.journal = String(view.journal.length);
    const passed = view.grade.filter((g) => g.pass).length;
    const total = view.grade.length;
    const allPass = total > 0 && passed === total;
    // Save first: whatever a pane does next, the learner's action is not lost.
    if (fromAction) {
      if (fromShare) {
        // The learner acted on a shared session: from now on it is their own progress.
        fromShare = false;
        history.replaceState(null, '', location.pathname + location.search);
      }
      const now = Date.now();
      record = {
        ...record,
        journal: view.journal,
        updatedAt: now,
        checks: { passed, total },
        labHash: config.hash,
        ...(allPass && record.completedAt === undefined ? { completedAt: now } : {}),
      };
      saveFailed = !store.save(record);
    }
    for (const render of [() => checks?.update(view.grade), () => checks?.setCompleted(record.completedAt), () => topology?.update(view)]) {
      try {
        render();
      } catch (err) {
        console.error('lab pane update failed', err);
      }
    }
    const settle = view.settle;
    const base = !settle.converged
      ? `Did not converge: ${settle.reason ?? 'step limit reached'}`
      : fromAction
        ? `Network converged at t=${settle.time.toFixed(1)} s (virtual) · settled and graded in ${view.ms.toFixed(1)} ms`
        : `Ready · network converged at t=${settle.time.toFixed(1)} s (virtual)`;
    const saving = saveFailed ? ' · ⚠ progress cannot be saved in this browser (storage blocked or full); use Export' : '';
    setStatus(
      fromShare ? `Opened from a shared link (${view.journal.length} actions). Your own saved progress is untouched until you act.` : base + saving,
      settle.converged ? (allPass ? 'ok' : 'info') : 'warn',
    );
  };
  const onBusy = (busy: boolean) => {
    root.dataset.busy = String(busy);
    if (busy) setStatus('Running… the network is converging', 'busy');
  };

  const exercise = info.exercise;
  const checksHost = q(root, '[data-pane="checks"]');
  const runStep = async (entry: JournalEntry) => {
    if (entry.kind === 'exec') await terminal?.run(entry.device, entry.line);
    else if (entry.kind === 'apply') await editor?.applyText(entry.file, entry.text);
    else if (entry.kind === 'wait') await waitFor(entry.seconds);
  };
  const waitFor = async (seconds: number) => {
    onBusy(true);
    try {
      onView(await client.wait(seconds));
    } finally {
      onBusy(false);
    }
  };
  const reset = async () => {
    const r = await client.start(source([]));
    if (!r.info || !r.view) return;
    info = r.info;
    terminal?.reset(info.prompts);
    editor?.setFiles(info.files);
    record = { ...record, journal: [], updatedAt: Date.now(), checks: { passed: 0, total: r.view.grade.length } };
    store.save(record);
    onView(r.view, false);
    setStatus('Lab reset to its start state.', 'info');
  };
  checks = createCheckPanel({ host: checksHost, ...(exercise ? { exercise } : {}), onReset: () => void reset(), onRunStep: (e) => void runStep(e) });
  checks.update(lastView.grade);
  checks.setCompleted(record.completedAt);

  // Terminal first: it is what "ready" means. Topology and editor load alongside.
  const terminals = new Set(info.devices.filter((d) => d.terminal).map((d) => d.name));
  const termP = terminalModule.then(({ createTerminalPane }) => {
    performance.mark('lab-terminal-code');
    terminal = createTerminalPane({
      host: q(root, '[data-pane="terminal"]'),
      client,
      devices: info.devices,
      prompts: info.prompts,
      restored: linesByDevice(lastView.journal),
      onView,
      onBusy,
    });
  });
  // The topology is built after the terminal: the prompt is what the learner waits for.
  const topoP = termP.then(() => topologyModule).then(({ createTopologyPane }) => {
    topology = createTopologyPane({
      host: q(root, '[data-pane="topology"]'),
      labId: `${config.lesson}/${info.id}`,
      terminals,
      onDevice: (d) => terminal?.select(d, true),
    });
    topology.update(lastView);
  });
  await termP;
  root.dataset.state = 'ready';
  root.dataset.readyMs = (performance.now() - t0).toFixed(0);
  performance.mark('lab-ready');
  dispatchEvent(new Event('lab-ready'));
  onView(lastView, false);
  if (notice) setStatus(notice, 'warn');
  if (sharedHere) root.scrollIntoView({ block: 'start' });

  createTimeControl({ host: q(root, '[data-lab-progress]'), wait: waitFor });
  createProgressMenu({
    host: q(root, '[data-lab-progress]'),
    store,
    share: () => shareUrl(location.href, { lesson: config.lesson, exercise: exerciseKey, journal: lastView.journal }),
    onImported: (changed) => {
      if (changed) location.reload();
    },
  });
  if (fromShare && saved && saved.journal.length) {
    const back = document.createElement('button');
    back.type = 'button';
    back.className = 'lab-button lab-button-small';
    back.textContent = 'Load my saved progress instead';
    back.addEventListener('click', () => {
      history.replaceState(null, '', location.pathname + location.search);
      location.reload();
    });
    status.after(back);
  }

  if (hasFiles) {
    const editorHost = q(root, '[data-pane="editor"]');
    editorHost.textContent = 'Loading the YAML editor…';
    import('./panes/editor-pane.ts')
      .then(({ createEditorPane }) => {
        editor = createEditorPane({ host: editorHost, client, files: info.files, onView, onBusy });
        root.dataset.editor = 'ready';
      })
      .catch((err) => {
        editorHost.textContent = `The YAML editor could not load: ${String(err)}`;
      });
  }
  await topoP;
}
