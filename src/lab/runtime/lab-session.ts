// One running lab behind the LabClient calls: wraps the simulator's LabHandle, settles and
// re-grades after every action and packs the result into a LabView. Runs unchanged in the page
// and inside the worker (no DOM here).

import { createLab, prepareLab } from './sim-entry.ts';
import type {
  ApplyReply,
  CompletionResult,
  Diagnostic,
  ExecReply,
  InterruptReply,
  LabInfo,
  LabSource,
  LabView,
  StartResult,
} from './protocol.ts';
import type { LabHandle } from '../../../sim/index.ts';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class LabSession {
  private lab: LabHandle | null = null;

  async start(source: LabSource): Promise<StartResult> {
    const t0 = now();
    let created: ReturnType<typeof createLab>;
    try {
      // Only the front ends this lab uses are downloaded (each vendor is its own chunk).
      await prepareLab(source);
      created = createLab(source);
    } catch (err) {
      // createLab reports problems as diagnostics; a throw is a simulator bug, shown as one.
      return { info: null, diagnostics: [{ severity: 'error', code: 'ui.crash', message: `The simulator failed to start: ${String(err)}` }] };
    }
    this.lab = created.lab;
    if (!this.lab) return { info: null, diagnostics: created.diagnostics };
    return { info: this.info(), diagnostics: created.diagnostics, view: this.view(t0, false) };
  }

  exec(device: string, line: string): ExecReply {
    const lab = this.need();
    const t0 = now();
    const result = lab.exec(device, line);
    return { result, view: this.view(t0, result.changed) };
  }

  complete(device: string, line: string): CompletionResult {
    return this.need().complete(device, line);
  }

  help(device: string, line: string): string {
    return this.need().help(device, line);
  }

  interrupt(device: string): InterruptReply {
    const lab = this.need();
    const t0 = now();
    const text = lab.interrupt(device);
    return { text, prompt: lab.prompt(device), view: this.view(t0, false) };
  }

  validate(file: string, text: string): readonly Diagnostic[] {
    return this.need().validate(file, text);
  }

  apply(file: string, text: string): ApplyReply {
    const lab = this.need();
    const t0 = now();
    const result = lab.apply(file, text);
    return { result, view: this.view(t0, result.changed), files: lab.files() };
  }

  wait(seconds: number): LabView {
    const lab = this.need();
    const t0 = now();
    lab.wait(seconds);
    return this.view(t0, true);
  }

  private info(): LabInfo {
    const lab = this.need();
    const devices = lab.devices();
    const prompts: Record<string, string> = {};
    for (const d of devices) if (d.terminal) prompts[d.name] = lab.prompt(d.name);
    const exercise = lab.exercise();
    return { id: lab.id, title: lab.title, devices, prompts, files: lab.files(), ...(exercise ? { exercise } : {}) };
  }

  /** Settles (a no-op when the action already did) and grades: what every pane re-renders from. */
  private view(t0: number, changed: boolean): LabView {
    const lab = this.need();
    const settle = lab.settle();
    const grade = lab.grade();
    const trace = lab.lastTrace();
    const view: LabView = {
      grade,
      topology: lab.topology(),
      events: lab.events(),
      journal: lab.journal(),
      settle,
      ms: now() - t0,
      ...(trace ? { trace } : {}),
    };
    void changed;
    return view;
  }

  private need(): LabHandle {
    if (!this.lab) throw new Error('lab not started');
    return this.lab;
  }
}
