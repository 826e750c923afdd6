// The saved-progress format: one record per exercise, versioned, with migrations from every
// older version. Pure (no storage access) so the format and its migrations are unit-tested.
//
// A lab's state is its start state plus its journal (the simulator replays it), so a record
// stores the journal, not the network. Times are epoch milliseconds.

import { cleanJournal, type JournalEntry } from './journal.ts';

export const RECORD_VERSION = 2;
export const EXPORT_FORMAT = 'calico-bgp-lab-progress';

export interface ExerciseRecord {
  readonly v: typeof RECORD_VERSION;
  readonly lesson: string;
  readonly exercise: string;
  readonly journal: readonly JournalEntry[];
  /** First action taken (or when the lab was first opened). */
  readonly startedAt: number;
  readonly updatedAt: number;
  /** When every check first passed; kept after a reset (the exercise was done once). */
  readonly completedAt?: number;
  /** Checks passing at the last grade. */
  readonly checks?: { readonly passed: number; readonly total: number };
  /** Hash of the lesson files the journal was made against (replays may differ if they changed). */
  readonly labHash?: string;
}

/**
 * Version 1 (the first release): `{ version: 1, journal, saved }`, keyed by lesson/exercise in
 * the storage key only, no completion data.
 */
interface RecordV1 {
  readonly version: 1;
  readonly journal: unknown;
  readonly saved: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length < 200 ? v : undefined);

function fromV1(raw: RecordV1, lesson: string, exercise: string): ExerciseRecord {
  const saved = num(raw.saved) ?? 0;
  return { v: 2, lesson, exercise, journal: cleanJournal(raw.journal), startedAt: saved, updatedAt: saved };
}

function fromV2(raw: Record<string, unknown>, lesson?: string, exercise?: string): ExerciseRecord | null {
  const l = str(raw.lesson) ?? lesson;
  const e = str(raw.exercise) ?? exercise;
  if (!l || !e) return null;
  const checks = raw.checks as Record<string, unknown> | undefined;
  const passed = num(checks?.passed);
  const total = num(checks?.total);
  const completedAt = num(raw.completedAt);
  const labHash = str(raw.labHash);
  return {
    v: 2,
    lesson: l,
    exercise: e,
    journal: cleanJournal(raw.journal),
    startedAt: num(raw.startedAt) ?? 0,
    updatedAt: num(raw.updatedAt) ?? 0,
    ...(completedAt !== undefined ? { completedAt } : {}),
    ...(passed !== undefined && total !== undefined ? { checks: { passed, total } } : {}),
    ...(labHash ? { labHash } : {}),
  };
}

/**
 * Reads a stored record of any known version and returns the current version, or null when it
 * is unreadable or from a newer release (left untouched rather than guessed at).
 * `lesson`/`exercise` come from the storage key for versions that did not store them.
 */
export function migrateRecord(raw: unknown, lesson?: string, exercise?: string): ExerciseRecord | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.version === 1) return lesson && exercise ? fromV1(r as unknown as RecordV1, lesson, exercise) : null;
  if (r.v === 2) return fromV2(r, lesson, exercise);
  return null;
}

export function newRecord(lesson: string, exercise: string, now: number, labHash?: string): ExerciseRecord {
  return { v: 2, lesson, exercise, journal: [], startedAt: now, updatedAt: now, ...(labHash ? { labHash } : {}) };
}

// --- export / import of all progress --------------------------------------------------------

export interface ProgressExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof RECORD_VERSION;
  readonly learner: string;
  readonly exportedAt: string;
  readonly records: readonly ExerciseRecord[];
}

export function makeExport(learner: string, records: readonly ExerciseRecord[], now: Date): ProgressExport {
  return { format: EXPORT_FORMAT, version: RECORD_VERSION, learner, exportedAt: now.toISOString(), records };
}

export type ParseResult = { ok: true; value: ProgressExport } | { ok: false; error: string };

/** Parses an exported file (any supported version); records that cannot be read are skipped. */
export function parseExport(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not JSON.' };
  }
  if (!raw || typeof raw !== 'object') return { ok: false, error: 'The file is not a progress export.' };
  const r = raw as Record<string, unknown>;
  if (r.format !== EXPORT_FORMAT) return { ok: false, error: 'The file is not a Calico BGP Lab progress export.' };
  if (typeof r.version !== 'number' || r.version > RECORD_VERSION) {
    return { ok: false, error: 'The file comes from a newer version of the site; reload the site and try again.' };
  }
  const list = Array.isArray(r.records) ? r.records : [];
  const records: ExerciseRecord[] = [];
  for (const item of list) {
    // Version-1 exports carried { lesson, exercise, record } triples.
    const it = item as Record<string, unknown>;
    const rec =
      r.version === 1
        ? migrateRecord(it?.record, str(it?.lesson), str(it?.exercise))
        : migrateRecord(item);
    if (rec) records.push(rec);
  }
  const learner = (typeof r.learner === 'string' ? r.learner.trim() : '').slice(0, 100) || 'Unnamed learner';
  const exportedAt = typeof r.exportedAt === 'string' ? r.exportedAt : new Date(0).toISOString();
  return { ok: true, value: { format: EXPORT_FORMAT, version: RECORD_VERSION, learner, exportedAt, records } };
}

/** Merging an import into local progress: the more recently updated record of each exercise wins. */
export function mergeRecords(local: readonly ExerciseRecord[], incoming: readonly ExerciseRecord[]): ExerciseRecord[] {
  const byKey = new Map(local.map((r) => [`${r.lesson}/${r.exercise}`, r]));
  for (const r of incoming) {
    const key = `${r.lesson}/${r.exercise}`;
    const mine = byKey.get(key);
    if (!mine || r.updatedAt > mine.updatedAt) {
      const completedAt = mine?.completedAt !== undefined && r.completedAt === undefined ? mine.completedAt : r.completedAt;
      byKey.set(key, completedAt !== undefined ? { ...r, completedAt } : r);
    }
  }
  return [...byKey.values()];
}
