// Saved progress in localStorage: one key per exercise, written on every learner action so a
// reload, a crash or a closed tab loses nothing. The format lives in progress-format.ts; this
// file only maps it onto keys. Storage is injected so tests can use an in-memory one.

import {
  makeExport,
  mergeRecords,
  migrateRecord,
  newRecord,
  type ExerciseRecord,
  type ProgressExport,
} from './progress-format.ts';

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'calico-bgp-lab/v2/';
/** Version-1 keys: `cbl:<lesson>:<exercise>`. */
const V1_PREFIX = 'cbl:';
const LEARNER_KEY = 'calico-bgp-lab/learner';

export const recordKey = (lesson: string, exercise: string) => `${PREFIX}${lesson}/${exercise}`;

export class ProgressStore {
  constructor(private readonly storage: KeyValueStore | null) {}

  /** The saved record, migrating (and rewriting) an older version if that is what is stored. */
  load(lesson: string, exercise: string): ExerciseRecord | null {
    const current = this.read(recordKey(lesson, exercise), lesson, exercise);
    if (current) return current;
    const oldKey = `${V1_PREFIX}${lesson}:${exercise}`;
    const old = this.read(oldKey, lesson, exercise);
    if (old) {
      this.save(old);
      this.storage?.removeItem(oldKey);
    }
    return old;
  }

  /** Writes a record. Returns false when storage is unavailable or full (the UI says so). */
  save(record: ExerciseRecord): boolean {
    if (!this.storage) return false;
    try {
      this.storage.setItem(recordKey(record.lesson, record.exercise), JSON.stringify(record));
      return true;
    } catch {
      return false;
    }
  }

  /** The record to update for an action now, created if missing. */
  ensure(lesson: string, exercise: string, now: number, labHash?: string): ExerciseRecord {
    return this.load(lesson, exercise) ?? newRecord(lesson, exercise, now, labHash);
  }

  remove(lesson: string, exercise: string): void {
    this.storage?.removeItem(recordKey(lesson, exercise));
  }

  /** Every saved exercise record (migrating version-1 keys on the way). */
  all(): ExerciseRecord[] {
    if (!this.storage) return [];
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k) keys.push(k);
    }
    const out: ExerciseRecord[] = [];
    for (const k of keys) {
      if (k.startsWith(PREFIX)) {
        const rec = this.read(k);
        if (rec) out.push(rec);
      } else if (k.startsWith(V1_PREFIX)) {
        const [lesson, exercise] = k.slice(V1_PREFIX.length).split(':');
        if (lesson && exercise && !this.storage.getItem(recordKey(lesson, exercise))) {
          const rec = this.load(lesson, exercise);
          if (rec) out.push(rec);
        }
      }
    }
    return out.sort((a, b) => `${a.lesson}/${a.exercise}`.localeCompare(`${b.lesson}/${b.exercise}`));
  }

  learner(): string {
    return this.storage?.getItem(LEARNER_KEY) ?? '';
  }

  setLearner(name: string): void {
    try {
      this.storage?.setItem(LEARNER_KEY, name.slice(0, 100));
    } catch {
      /* storage full: the name is asked again next time */
    }
  }

  exportAll(now: Date): ProgressExport {
    return makeExport(this.learner() || 'Unnamed learner', this.all(), now);
  }

  /** Merges imported records (newer wins per exercise); returns how many were written. */
  importAll(data: ProgressExport): number {
    const merged = mergeRecords(this.all(), data.records);
    let written = 0;
    for (const r of merged) {
      const before = this.storage?.getItem(recordKey(r.lesson, r.exercise));
      if (before !== JSON.stringify(r) && this.save(r)) written++;
    }
    return written;
  }

  private read(key: string, lesson?: string, exercise?: string): ExerciseRecord | null {
    const text = this.storage?.getItem(key);
    if (!text) return null;
    try {
      return migrateRecord(JSON.parse(text), lesson, exercise);
    } catch {
      return null;
    }
  }
}

/** localStorage when the browser allows it (private modes and sandboxed frames may not). */
export function browserStorage(): KeyValueStore | null {
  try {
    const s = globalThis.localStorage;
    const probe = '__calico-bgp-lab-probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}
