// YAML pane: Monaco + monaco-yaml with the Calico schemas, one tab per lab file, the
// simulator's diagnostics as markers while typing, and Apply (button or Ctrl-S) that runs
// `calicoctl apply -f`. The only module that imports Monaco; it is loaded with a dynamic import
// when the lab becomes visible, so Monaco never weighs on the first page load.

// The editor core without Monaco's bundled languages (TS/CSS/HTML/JSON workers would add MBs).
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
// Vite's ?worker imports: emitted as separate chunks that work in the static build.
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { monacoYamlSchemas } from '../schemas/index.ts';
import type { ApplyReply, Diagnostic, LabClient, LabFileInfo, LabView } from '../runtime/protocol.ts';

export interface EditorPaneOptions {
  readonly host: HTMLElement;
  readonly client: LabClient;
  readonly files: readonly LabFileInfo[];
  readonly onView: (view: LabView) => void;
  readonly onBusy: (busy: boolean) => void;
}

export interface EditorPane {
  /** Loads new file texts (after reset or a solution step) without losing the tab. */
  setFiles(files: readonly LabFileInfo[]): void;
  /** Applies a file's text (from the solution panel); shows it in the editor first. */
  applyText(file: string, text: string): Promise<ApplyReply | undefined>;
}

let configured = false;
function configureOnce(): void {
  if (configured) return;
  configured = true;
  (globalThis as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
  };
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    isKubernetes: true,
    schemas: monacoYamlSchemas(['**/lab/*.yaml', '**/lab/*.yml', '**/lab/**/*.yaml', '**/lab/**/*.yml']),
  });
}

const themeName = () => (document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark');

const severity = (d: Diagnostic) =>
  d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;

export function createEditorPane(opts: EditorPaneOptions): EditorPane {
  configureOnce();
  const { host, client } = opts;
  host.replaceChildren();
  const uid = Math.random().toString(36).slice(2, 8);

  const tablist = document.createElement('div');
  tablist.className = 'lab-tabs';
  tablist.setAttribute('role', 'tablist');
  tablist.setAttribute('aria-label', 'YAML files');
  const editorBox = document.createElement('div');
  editorBox.className = 'lab-editor-box';
  editorBox.id = `lab-${uid}-editor`;
  editorBox.setAttribute('role', 'tabpanel');
  const bar = document.createElement('div');
  bar.className = 'lab-editor-bar';
  const apply = document.createElement('button');
  apply.type = 'button';
  apply.className = 'lab-button lab-button-primary';
  apply.textContent = 'Apply';
  apply.setAttribute('aria-keyshortcuts', 'Control+S');
  apply.title = 'calicoctl apply -f <file> (Ctrl-S)';
  const revert = document.createElement('button');
  revert.type = 'button';
  revert.className = 'lab-button';
  revert.textContent = 'Revert';
  revert.title = 'Back to the last applied text';
  const result = document.createElement('output');
  result.className = 'lab-apply-result';
  result.setAttribute('aria-live', 'polite');
  bar.append(apply, revert, result);
  const hint = document.createElement('p');
  hint.className = 'lab-pane-hint';
  hint.textContent = 'Ctrl-Space completes fields, hover explains them. Ctrl-S applies. Ctrl-M then Tab leaves the editor.';
  host.append(tablist, editorBox, bar, hint);

  const models = new Map<string, { model: monaco.editor.ITextModel; applied: string; tab: HTMLButtonElement }>();
  let current = '';

  const editor = monaco.editor.create(editorBox, {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    lineNumbersMinChars: 3,
    scrollBeyondLastLine: false,
    tabSize: 2,
    insertSpaces: true,
    theme: themeName(),
    ariaLabel: 'Calico YAML editor',
    quickSuggestions: { other: true, strings: true, comments: false },
    wordWrap: 'on',
    renderWhitespace: 'boundary',
    stickyScroll: { enabled: false },
  });
  // Follow Starlight's dark/light switch.
  new MutationObserver(() => monaco.editor.setTheme(themeName())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });

  const markDirty = (name: string) => {
    const m = models.get(name);
    if (!m) return;
    const dirty = m.model.getValue() !== m.applied;
    m.tab.textContent = dirty ? `${name} •` : name;
    m.tab.setAttribute('aria-label', dirty ? `${name}, not applied yet` : name);
  };

  // As-you-type diagnostics from the simulator (cross-field rules, selectors, Calico errors).
  let timer: ReturnType<typeof setTimeout> | undefined;
  const validateSoon = (name: string) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const m = models.get(name);
      if (!m) return;
      const version = m.model.getVersionId();
      const diags = await client.validate(name, m.model.getValue()).catch(() => []);
      if (m.model.isDisposed() || m.model.getVersionId() !== version) return;
      monaco.editor.setModelMarkers(
        m.model,
        'calico-lab',
        diags.map((d) => ({
          severity: severity(d),
          message: d.message,
          code: d.code,
          startLineNumber: d.span?.line ?? 1,
          startColumn: d.span?.column ?? 1,
          endLineNumber: d.span?.endLine ?? d.span?.line ?? 1,
          endColumn: d.span?.endColumn ?? (d.span ? m.model.getLineMaxColumn(d.span.endLine ?? d.span.line) : 2),
        })),
      );
      host.dataset.markers = String(diags.length);
    }, 250);
  };

  function show(name: string, focus = false): void {
    const m = models.get(name);
    if (!m) return;
    current = name;
    editor.setModel(m.model);
    for (const [n, other] of models) {
      const on = n === name;
      other.tab.setAttribute('aria-selected', String(on));
      other.tab.tabIndex = on ? 0 : -1;
    }
    editorBox.setAttribute('aria-labelledby', m.tab.id);
    validateSoon(name);
    if (focus) editor.focus();
  }

  function addFile(f: LabFileInfo, i: number): void {
    const uri = monaco.Uri.parse(`file:///lab/${uid}/${f.name}`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(f.text, 'yaml', uri);
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'lab-tab';
    tab.id = `lab-${uid}-file-${i}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', editorBox.id);
    tab.dataset.file = f.name;
    tab.textContent = f.name;
    tab.addEventListener('click', () => show(f.name, true));
    tab.addEventListener('keydown', (ev) => {
      const names = [...models.keys()];
      const idx = names.indexOf(f.name);
      const next =
        ev.key === 'ArrowRight' ? names[(idx + 1) % names.length] : ev.key === 'ArrowLeft' ? names[(idx - 1 + names.length) % names.length] : undefined;
      if (next) {
        ev.preventDefault();
        show(next);
        models.get(next)?.tab.focus();
      }
    });
    tablist.append(tab);
    models.set(f.name, { model, applied: f.text, tab });
    model.onDidChangeContent(() => {
      markDirty(f.name);
      validateSoon(f.name);
    });
  }

  opts.files.forEach(addFile);
  if (opts.files[0]) show(opts.files[0].name);

  async function doApply(name = current, text?: string): Promise<ApplyReply | undefined> {
    const m = models.get(name);
    if (!m) return undefined;
    if (text !== undefined && text !== m.model.getValue()) m.model.setValue(text);
    const body = m.model.getValue();
    apply.disabled = true;
    result.textContent = 'Applying…';
    result.dataset.ok = '';
    const slow = setTimeout(() => opts.onBusy(true), 120);
    try {
      const reply = await client.apply(name, body);
      result.textContent = reply.result.message || (reply.result.ok ? 'Applied.' : 'Not applied.');
      result.dataset.ok = String(reply.result.ok);
      if (reply.result.ok) {
        m.applied = body;
        markDirty(name);
      }
      if (reply.result.diagnostics.length) {
        monaco.editor.setModelMarkers(
          m.model,
          'calico-lab',
          reply.result.diagnostics.map((d) => ({
            severity: severity(d),
            message: d.message,
            startLineNumber: d.span?.line ?? 1,
            startColumn: d.span?.column ?? 1,
            endLineNumber: d.span?.endLine ?? d.span?.line ?? 1,
            endColumn: d.span?.endColumn ?? m.model.getLineMaxColumn(d.span?.line ?? 1),
          })),
        );
      }
      opts.onView(reply.view);
      return reply;
    } catch (err) {
      result.textContent = `Apply failed: ${String(err)}`;
      result.dataset.ok = 'false';
      return undefined;
    } finally {
      clearTimeout(slow);
      opts.onBusy(false);
      apply.disabled = false;
    }
  }

  apply.addEventListener('click', () => void doApply());
  revert.addEventListener('click', () => {
    const m = models.get(current);
    if (m) m.model.setValue(m.applied);
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void doApply());

  return {
    setFiles(files) {
      for (const f of files) {
        const m = models.get(f.name);
        if (m) {
          m.applied = f.text;
          if (m.model.getValue() !== f.text) m.model.setValue(f.text);
          markDirty(f.name);
        } else addFile(f, models.size);
      }
      result.textContent = '';
    },
    applyText: (file, text) => {
      show(file);
      return doApply(file, text);
    },
  };
}
