// calicoctl apply / create / replace / delete -f, with the exact result texts of
// calicoctl/commands/{apply,create,replace,delete}.go (C331):
//   Successfully applied 2 'BGPPeer' resource(s)
//   Partial success: applied the first 1 out of 2 'BGPPeer' resources:   (stdout)
//   hit error(s): [error with field …]                                    (stderr)
// calicoctl processes the resources one by one; earlier successes stay applied. The lab's
// YAML editor instead wants all-or-nothing: `atomic: true` keeps the datastore untouched
// when any resource fails, and says so.

import { error, info } from './diag.ts';
import type { Diagnostic, SourceSpan } from '../../../core/diagnostics.ts';
import type { Datastore } from '../datastore.ts';
import { decodeFile } from '../resources/decode-file.ts';
import type { DecodedResource } from '../resources/decode-file.ts';
import { writeResource } from './write.ts';
import type { WriteAction } from './write.ts';

export type FileAction = 'apply' | 'create' | 'replace' | 'delete';

export interface VerbResult {
  /** The datastore after the command (the input store when nothing was written). */
  readonly store: Datastore;
  /** Exit status 0. */
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Something was written. */
  readonly changed: boolean;
  /** Located diagnostics for the editor (decode errors, validation errors on their fields). */
  readonly diagnostics: readonly Diagnostic[];
  /** How many resources the file held, and how many were written. */
  readonly total: number;
  readonly handled: number;
}

const PAST: Record<FileAction, string> = { apply: 'applied', create: 'created', replace: 'replaced', delete: 'deleted' };

/** Go's %v of []error: `[e1 e2]`. */
function errList(errs: readonly string[]): string {
  return `[${errs.join(' ')}]`;
}

function spanFor(d: DecodedResource, path: string | undefined): SourceSpan {
  if (path) {
    // Walk up the path until a located field is found ("spec.filters[1]" → "spec.filters" → "spec").
    let p = path;
    for (;;) {
      const s = d.spans.get(p);
      if (s) return s.value;
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
  }
  return d.span;
}

/** Runs a file action over already-decoded resources. */
export function runFileAction(
  store: Datastore,
  resources: readonly DecodedResource[],
  action: FileAction,
  options: { atomic?: boolean } = {},
): VerbResult {
  const total = resources.length;
  if (total === 0) {
    // calicoctl: "no resources specified in file <name>" comes from the file reader.
    return { store, ok: false, stdout: '', stderr: 'No resources specified', changed: false, diagnostics: [], total: 0, handled: 0 };
  }
  const kinds = new Set(resources.map((r) => r.resource.kind));
  const single = kinds.size === 1 ? [...kinds][0]! : '';
  const writeAction: WriteAction = action === 'replace' ? 'update' : action;
  let cur = store;
  let handled = 0;
  const errs: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const d of resources) {
    const out = writeResource(cur, d.def, d.resource, writeAction);
    if (out.error !== undefined) {
      errs.push(out.error);
      const fields = out.fields ?? [];
      if (fields.length === 0) diagnostics.push(error('calico.validation', out.error, d.span));
      for (const f of fields) {
        const msg = f.text ?? `${f.name}${f.value !== undefined ? ` = '${String(f.value)}'` : ''}: ${f.reason}`;
        diagnostics.push(error('calico.validation', msg, spanFor(d, f.path)));
      }
      // calicoctl replace keeps going but counts the failed one as handled (replace.go quirk);
      // we count only successes, which is what the learner needs to know.
      continue;
    }
    cur = out.store;
    handled++;
  }
  const verb = PAST[action];
  let stdout = '';
  let stderr = '';
  let ok = true;
  if (errs.length === 0) {
    stdout = single ? `Successfully ${verb} ${handled} '${single}' resource(s)` : `Successfully ${verb} ${handled} resource(s)`;
  } else if (action === 'delete') {
    if (handled > 0) stdout = single ? `Successfully deleted ${handled} '${single}' resource(s)` : `Successfully deleted ${handled} resource(s)`;
    stderr = errs.map((e) => (single ? `Failed to delete '${single}' resource: ${e}` : `Failed to delete resource: ${e}`)).join('\n');
    ok = false;
  } else if (handled === 0) {
    ok = false;
    const what = action === 'replace' ? errs[errs.length - 1]! : errList(errs);
    if (total === 1) stderr = `failed to ${action} '${single}' resource: ${what}`;
    else if (single) stderr = `failed to ${action} any '${single}' resources: ${what}`;
    else stderr = `failed to ${action} any resources: ${what}`;
  } else {
    ok = false;
    stdout = single
      ? `Partial success: ${verb} the first ${handled} out of ${total} '${single}' resources:`
      : `Partial success: ${verb} the first ${handled} out of ${total} resources:`;
    stderr = action === 'apply' ? `hit error(s): ${errList(errs)}` : `hit error: ${action === 'replace' ? errs[errs.length - 1]! : errList(errs)}`;
  }
  if (options.atomic && errs.length > 0) {
    if (handled > 0) diagnostics.push(info('calico.atomic', `Nothing was applied: the file is applied only when every resource in it is valid (${errs.length} of ${total} failed).`));
    return { store, ok, stdout, stderr, changed: false, diagnostics, total, handled: 0 };
  }
  return { store: cur, ok, stdout, stderr, changed: handled > 0, diagnostics, total, handled };
}

/** `calicoctl <action> -f <file>` on file text. A file that does not decode changes nothing. */
export function runFile(
  store: Datastore,
  text: string,
  action: FileAction,
  options: { file?: string; atomic?: boolean } = {},
): VerbResult {
  const decoded = decodeFile(text, { tool: 'calicoctl', file: options.file });
  if (decoded.fileError !== undefined) {
    return {
      store,
      ok: false,
      stdout: '',
      stderr: `failed to execute command: ${decoded.fileError}`,
      changed: false,
      diagnostics: decoded.diagnostics,
      total: 0,
      handled: 0,
    };
  }
  if (decoded.resources.length === 0) {
    const name = options.file ?? '-';
    return { store, ok: false, stdout: '', stderr: `failed to execute command: no resources specified in file ${name}`, changed: false, diagnostics: decoded.diagnostics, total: 0, handled: 0 };
  }
  const r = runFileAction(store, decoded.resources, action, options);
  return { ...r, diagnostics: [...decoded.diagnostics, ...r.diagnostics] };
}
