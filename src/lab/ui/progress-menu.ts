// The lab's "Progress" menu: share link, learner name, export and import of all progress.
// Plain DOM; the formats live in state/.

import { parseExport } from '../state/progress-format.ts';
import type { ProgressStore } from '../state/progress-store.ts';

export interface ProgressMenuOptions {
  readonly host: HTMLElement;
  readonly store: ProgressStore;
  /** Builds the share URL for the current state. */
  readonly share: () => string;
  /** After an import; `changed` when any record was written. */
  readonly onImported: (changed: boolean) => void;
}

export function downloadJson(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function createProgressMenu(opts: ProgressMenuOptions): void {
  const { host, store } = opts;
  const uid = Math.random().toString(36).slice(2, 8);
  const out = document.createElement('output');
  out.className = 'lab-progress-msg';
  out.setAttribute('aria-live', 'polite');

  // Share: copy the link; also show it so it can be copied by hand where clipboard is blocked.
  const shareBtn = document.createElement('button');
  shareBtn.type = 'button';
  shareBtn.className = 'lab-button';
  shareBtn.textContent = 'Share link';
  const shareField = document.createElement('input');
  shareField.type = 'text';
  shareField.readOnly = true;
  shareField.className = 'lab-share-url';
  shareField.setAttribute('aria-label', 'Link to this lab state');
  shareField.hidden = true;
  shareBtn.addEventListener('click', async () => {
    const url = opts.share();
    shareField.value = url;
    shareField.hidden = false;
    shareField.select();
    try {
      await navigator.clipboard.writeText(url);
      out.textContent = 'Link copied: it opens this lab with your commands replayed.';
    } catch {
      out.textContent = 'Copy the link from the box.';
    }
  });

  const details = document.createElement('details');
  details.className = 'lab-progress';
  const summary = document.createElement('summary');
  summary.textContent = 'Progress';
  const nameLabel = document.createElement('label');
  nameLabel.htmlFor = `lab-${uid}-learner`;
  nameLabel.textContent = 'Your name (shown to your instructor)';
  const name = document.createElement('input');
  name.id = `lab-${uid}-learner`;
  name.type = 'text';
  name.autocomplete = 'name';
  name.value = store.learner();
  name.addEventListener('change', () => store.setLearner(name.value.trim()));
  const exportBtn = document.createElement('button');
  exportBtn.type = 'button';
  exportBtn.className = 'lab-button';
  exportBtn.textContent = 'Export all progress';
  exportBtn.addEventListener('click', () => {
    store.setLearner(name.value.trim());
    const data = store.exportAll(new Date());
    const who = (data.learner || 'learner').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    downloadJson(`calico-bgp-lab-progress-${who}.json`, data);
    out.textContent = `Exported ${data.records.length} exercise(s).`;
  });
  const importLabel = document.createElement('label');
  importLabel.className = 'lab-button lab-file-button';
  importLabel.textContent = 'Import progress…';
  const importInput = document.createElement('input');
  importInput.type = 'file';
  importInput.accept = 'application/json,.json';
  importInput.className = 'visually-hidden-file';
  importInput.setAttribute('aria-label', 'Import progress from a file');
  importLabel.append(importInput);
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    const parsed = parseExport(await file.text());
    if (!parsed.ok) {
      out.textContent = parsed.error;
      return;
    }
    const n = store.importAll(parsed.value);
    out.textContent = `Imported: ${n} exercise(s) updated.`;
    opts.onImported(n > 0);
  });
  const row = document.createElement('div');
  row.className = 'lab-progress-row';
  row.append(exportBtn, importLabel);
  details.append(summary, nameLabel, name, row);
  host.append(shareBtn, details, shareField, out);
}
