// Exercises are tested like code: every exercise's files validate, its start state fails at
// least one check, and its solution — applied through the simulator's own inputs (terminal
// lines and YAML applies) — passes every check.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../sim/index.ts';
import { readLessonFiles } from '../../sim/lab/lesson-files.ts';

const root = join(import.meta.dirname, '..', '..', 'content', 'lessons');
const lessons = readdirSync(root).filter((d) => existsSync(join(root, d, 'lab.yaml'))).sort();

describe.each(lessons)('lesson %s', (lesson) => {
  const files = readLessonFiles(join(root, lesson));
  const exercises = Object.keys(files)
    .filter((f) => /^exercises\/[^/]+\.ya?ml$/.test(f))
    .map((f) => f.replace(/^exercises\//, '').replace(/\.ya?ml$/, ''));

  const labFiles = Object.keys(files).filter((f) => /^lab[^/]*\.ya?ml$/.test(f));
  it.each(labFiles)('lab file %s loads without errors', (labFile) => {
    const { lab, diagnostics } = createLab({ files, lab: labFile });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(lab).not.toBeNull();
  });

  it('has at least three exercises', () => {
    expect(exercises.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(exercises)('exercise %s', (ex) => {
    it('starts with at least one failing check', () => {
      const { lab, diagnostics } = createLab({ files, exercise: ex });
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      const results = lab!.grade();
      expect(results.length).toBeGreaterThan(0);
      expect(results.some((r) => !r.pass)).toBe(true);
      for (const r of results) expect(r.reason.length).toBeGreaterThan(10);
    });

    it('is solved by its solution', () => {
      const { lab } = createLab({ files, exercise: ex });
      const info = lab!.exercise()!;
      expect(info.solution.length).toBeGreaterThan(0);
      const outputs: string[] = [];
      for (const step of info.solution) {
        if (step.kind === 'exec') outputs.push(`${step.device}> ${step.line}\n${lab!.exec(step.device, step.line).output}`);
        else if (step.kind === 'apply') {
          const r = lab!.apply(step.file, step.text);
          expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), r.message).toEqual([]);
        } else if (step.kind === 'wait') lab!.wait(step.seconds);
      }
      const failing = lab!.grade().filter((r) => !r.pass);
      expect(failing.map((r) => `${r.title}: ${r.reason}`), outputs.join('\n')).toEqual([]);
    });
  });
});
