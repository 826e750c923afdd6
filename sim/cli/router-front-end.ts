// What every router CLI front end does the same way: run one line through the vendor's
// command set in the session's current mode, note whether it changed the configuration,
// commit changes to the lab, reopen the session after `exit`, and replay a startup
// configuration line by line. Vendors supply the command set, the mode, and the context
// their handlers see.

import type { CompletionResult, ExecResult } from '../api-types.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { DeviceConfig } from '../model/device.ts';
import type { DeviceFrontEnd, ExecContext } from '../model/frontend.ts';
import type { Cli } from './cli.ts';
import { NULL_CONTEXT } from './null-context.ts';
import { replayConfig } from './replay.ts';

export interface LineResult {
  readonly output: string;
  readonly changed: boolean;
  readonly error: boolean;
  readonly col?: number;
}

export abstract class RouterFrontEnd<C> implements DeviceFrontEnd {
  abstract readonly device: string;
  /** The vendor's command set (compiled once, shared by every device of the vendor). */
  protected abstract readonly cli: Cli<C>;
  /** The session's current mode (IOS/FRR mode, VRP view). */
  protected abstract mode: string;
  /** True once the learner left the top level (`exit`, `quit`). */
  protected abstract readonly closed: boolean;
  /** A new session after `exit`: back to the first mode. */
  protected abstract reopen(): void;
  /** What the vendor's command handlers see for one line. */
  protected abstract context(exec: ExecContext, changed: () => void): C;
  abstract prompt(): string;
  abstract deviceConfig(): { readonly config: DeviceConfig; readonly diagnostics: readonly Diagnostic[] };
  abstract help(line: string, ctx: ExecContext): string;
  abstract interrupt(): string;

  /** Called after a line changed the configuration (IOS notes the time of the last change). */
  protected configChanged(_exec: ExecContext): void {}

  protected run(line: string, exec: ExecContext): LineResult {
    let changed = false;
    const ctx = this.context(exec, () => {
      changed = true;
    });
    const r = this.cli.run(line, this.mode, ctx, this.prompt(), (m) => {
      this.mode = m;
    });
    if (r.kind === 'empty') return { output: '', changed: false, error: false };
    if (r.kind === 'error') return { output: r.output, changed: false, error: true, col: r.error.col };
    if (changed) this.configChanged(exec);
    return { output: r.output, changed, error: false };
  }

  exec(line: string, ctx: ExecContext): ExecResult {
    if (this.closed) this.reopen();
    const r = this.run(line, ctx);
    if (r.changed) ctx.commit();
    const closed = this.closed;
    return { output: r.output, prompt: this.prompt(), changed: r.changed, ...(closed ? { closed } : {}) };
  }

  complete(line: string, _ctx: ExecContext): CompletionResult {
    const c = this.cli.complete(line, this.mode);
    return { line: c.line, candidates: c.candidates, help: '' };
  }

  /**
   * Replays a configuration file in `mode` (as the device loads its startup configuration):
   * every line goes through the same command set; syntax errors and refusals become
   * diagnostics with the file's line numbers.
   */
  protected replay(
    text: string,
    file: string | undefined,
    mode: string,
    opts: { codePrefix: string; isComment: (line: string) => boolean; isRefusal: (output: string) => boolean },
  ): Diagnostic[] {
    const before = this.mode;
    this.mode = mode;
    const diags = replayConfig({
      text,
      ...(file ? { file } : {}),
      codePrefix: opts.codePrefix,
      isComment: opts.isComment,
      runLine: (l) => {
        const r = this.run(l, NULL_CONTEXT);
        return { output: r.output, syntaxError: r.error, ...(r.col !== undefined ? { col: r.col } : {}) };
      },
      isRefusal: opts.isRefusal,
    });
    this.mode = before;
    return diags;
  }
}
