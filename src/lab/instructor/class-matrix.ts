// The instructor's class matrix: learners × exercises from exported progress files. Pure.

import type { ProgressExport } from '../state/progress-format.ts';

export type CellStatus = 'done' | 'partial' | 'started' | 'none';

export interface Cell {
  readonly status: CellStatus;
  readonly passed?: number;
  readonly total?: number;
  /** Time from first action to completion (or to the last action when not complete), ms. */
  readonly durationMs?: number;
  readonly actions: number;
}

export interface ClassMatrix {
  /** "lesson/exercise" keys, in lesson order. */
  readonly exercises: readonly string[];
  readonly learners: readonly { readonly name: string; readonly cells: readonly Cell[]; readonly completed: number }[];
  /** Per exercise: how many learners completed it. */
  readonly completedBy: readonly number[];
}

/** Several files from one learner (same name) are merged: the newer record of an exercise wins. */
export function buildMatrix(exports: readonly ProgressExport[]): ClassMatrix {
  const byLearner = new Map<string, Map<string, ProgressExport['records'][number]>>();
  const exercises = new Set<string>();
  for (const ex of exports) {
    const recs = byLearner.get(ex.learner) ?? new Map();
    byLearner.set(ex.learner, recs);
    for (const r of ex.records) {
      const key = `${r.lesson}/${r.exercise}`;
      exercises.add(key);
      const mine = recs.get(key);
      if (!mine || r.updatedAt > mine.updatedAt) recs.set(key, r);
    }
  }
  const cols = [...exercises].sort();
  const learners = [...byLearner.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, recs]) => {
      const cells = cols.map((key): Cell => {
        const r = recs.get(key);
        if (!r) return { status: 'none', actions: 0 };
        const end = r.completedAt ?? r.updatedAt;
        const status: CellStatus = r.completedAt !== undefined ? 'done' : r.checks && r.checks.passed > 0 ? 'partial' : 'started';
        return {
          status,
          actions: r.journal.length,
          ...(r.checks ? { passed: r.checks.passed, total: r.checks.total } : {}),
          ...(end >= r.startedAt && r.startedAt > 0 ? { durationMs: end - r.startedAt } : {}),
        };
      });
      return { name, cells, completed: cells.filter((c) => c.status === 'done').length };
    });
  const completedBy = cols.map((_, i) => learners.filter((l) => l.cells[i]!.status === 'done').length);
  return { exercises: cols, learners, completedBy };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
