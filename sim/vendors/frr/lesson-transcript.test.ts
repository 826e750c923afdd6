// Test support (Node only: reads lesson folders; a .test.ts so the pure sim/tsconfig.json
// never sees it): runs terminal lines on a real lesson lab
// (engine + Calico layer + these front ends) and renders them as the screen shows them, and
// replays an exercise's published solution. Used by the per-vendor lesson tests.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { createLab } from '../../lab/create-lab.ts';
import { readLessonFiles } from '../../lab/lesson-files.ts';
import type { LabHandle } from '../../lab-handle.ts';
import { registerCalicoLab } from '../node-shell/register.ts';
import { registerRouters } from '../routers.ts';

registerCalicoLab();
registerRouters();

export const REPO = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

export function lessonLab(lesson: string, exercise?: string): { lab: LabHandle | null; diagnostics: string[] } {
  const { lab, diagnostics } = createLab({ files: readLessonFiles(join(REPO, 'content', 'lessons', lesson)), ...(exercise ? { exercise } : {}) });
  return { lab, diagnostics: diagnostics.map(formatDiagnostic) };
}

/** `device: line` steps → "prompt+line\noutput" blocks, as the terminal shows them. */
export function run(lab: LabHandle, steps: readonly (readonly [string, string])[]): string {
  const out: string[] = [];
  for (const [device, line] of steps) {
    const prompt = lab.prompt(device);
    const r = lab.exec(device, line);
    out.push(`${prompt}${line}`);
    if (r.output !== '') out.push(r.output.replace(/\n$/, ''));
  }
  return `${out.join('\n')}\n`;
}

/** Types the exercise's published solution, settles, and grades. */
export function solve(lab: LabHandle): { failed: string[]; transcript: string } {
  // In journal order: terminal lines, YAML applies, virtual time and Ctrl-C interleave.
  let transcript = '';
  for (const j of lab.exercise()?.solution ?? []) {
    if (j.kind === 'exec') transcript += run(lab, [[j.device, j.line]]);
    else if (j.kind === 'apply') lab.apply(j.file, j.text);
    else if (j.kind === 'wait') lab.wait(j.seconds);
    else lab.interrupt(j.device);
  }
  lab.settle();
  return { failed: lab.grade().filter((c) => !c.pass).map((c) => `${c.id}: ${c.reason}`), transcript };
}

it('lesson transcript helper finds the lessons', () => expect(REPO.length).toBeGreaterThan(0));
