import { describe, expect, it } from 'vitest';
import { buildMatrix, formatDuration } from './class-matrix.ts';
import { makeExport, type ExerciseRecord } from '../state/progress-format.ts';

const rec = (exercise: string, patch: Partial<ExerciseRecord> = {}): ExerciseRecord => ({
  v: 2,
  lesson: '01',
  exercise,
  journal: [{ kind: 'exec', device: 'R1', line: 'x' }],
  startedAt: 1000,
  updatedAt: 5000,
  ...patch,
});

describe('class matrix', () => {
  it('puts learners in rows and exercises in columns with status and time', () => {
    const m = buildMatrix([
      makeExport('Bo', [rec('a', { completedAt: 61_000, checks: { passed: 2, total: 2 } })], new Date(0)),
      makeExport('Ada', [rec('b', { checks: { passed: 1, total: 3 } }), rec('a')], new Date(0)),
    ]);
    expect(m.exercises).toEqual(['01/a', '01/b']);
    expect(m.learners.map((l) => l.name)).toEqual(['Ada', 'Bo']);
    expect(m.learners[0]!.cells.map((c) => c.status)).toEqual(['started', 'partial']);
    expect(m.learners[1]!.cells.map((c) => c.status)).toEqual(['done', 'none']);
    expect(m.learners[1]!.cells[0]!.durationMs).toBe(60_000);
    expect(m.completedBy).toEqual([1, 0]);
  });
  it('merges several files of one learner, newest record wins', () => {
    const m = buildMatrix([
      makeExport('Ada', [rec('a', { updatedAt: 9000, completedAt: 9000 })], new Date(0)),
      makeExport('Ada', [rec('a', { updatedAt: 2000 })], new Date(0)),
    ]);
    expect(m.learners).toHaveLength(1);
    expect(m.learners[0]!.cells[0]!.status).toBe('done');
  });
  it('formats durations', () => {
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_900_000)).toBe('1h 05m');
  });
});
