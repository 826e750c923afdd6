// Validation of journal entries coming from outside (localStorage, imported files, share links).
// The simulator's JournalEntry type is the contract; anything that does not fit it is dropped
// before it can reach createLab.

import type { JournalEntry } from '../../../sim/index.ts';

export type { JournalEntry };

const MAX_TEXT = 200_000;

export function isJournalEntry(value: unknown): value is JournalEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  const str = (v: unknown) => typeof v === 'string' && v.length <= MAX_TEXT;
  switch (e.kind) {
    case 'exec':
      return str(e.device) && str(e.line);
    case 'apply':
      return str(e.file) && str(e.text);
    case 'interrupt':
      return str(e.device);
    case 'wait':
      return typeof e.seconds === 'number' && Number.isFinite(e.seconds) && e.seconds >= 0 && e.seconds <= 1e7;
    default:
      return false;
  }
}

/** Keeps the valid entries, copying only the known fields. */
export function cleanJournal(value: unknown): JournalEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isJournalEntry).map((e): JournalEntry => {
    switch (e.kind) {
      case 'exec':
        return { kind: 'exec', device: e.device, line: e.line };
      case 'apply':
        return { kind: 'apply', file: e.file, text: e.text };
      case 'interrupt':
        return { kind: 'interrupt', device: e.device };
      case 'wait':
        return { kind: 'wait', seconds: e.seconds };
    }
  });
}
