// Exercise files (exercises/<id>.yaml): the start state on top of the lab (often broken on
// purpose), the goal, the checks with their hints, and the solution as a learner would type it.

import type { Diagnostic } from '../core/diagnostics.ts';
import type { Check, CheckDef } from '../grader/checks.ts';
import type { JournalEntry } from '../lab-handle.ts';
import { parseYaml, type YMap, type YNode } from '../vendors/calico/yaml/source.ts';
import { Decoder } from './decode.ts';

export interface ExerciseDef {
  readonly id: string;
  /** The lab file this exercise runs on (default lab.yaml). */
  readonly lab?: string;
  readonly title: string;
  readonly goal: string;
  /** Replacement startup configs per device (path in the lesson folder, or inline text). */
  readonly startConfigs: Readonly<Record<string, { readonly file?: string; readonly text?: string }>>;
  /** Replacement start files for the YAML pane (name → path or inline text). */
  readonly startFiles: Readonly<Record<string, { readonly file?: string; readonly text?: string }>>;
  /** Actions applied after the start configs (terminal lines, YAML applies, waits). */
  readonly startActions: readonly (JournalEntry | { readonly kind: 'apply-file'; readonly file: string; readonly source: string })[];
  readonly checks: readonly CheckDef[];
  readonly hints: readonly string[];
  readonly solution: readonly (JournalEntry | { readonly kind: 'apply-file'; readonly file: string; readonly source: string })[];
  readonly explanation: string;
}

const CHECK_FIELDS: Record<Check['type'], readonly string[]> = {
  session: ['device', 'peer', 'state'],
  'session-count': ['device', 'state', 'count', 'atLeast'],
  route: ['device', 'prefix', 'present', 'via', 'kind'],
  'bgp-path': ['device', 'prefix', 'nextHop', 'asPath', 'paths'],
  ping: ['from', 'to', 'success', 'ttl', 'source'],
  traceroute: ['from', 'to', 'hops', 'source'],
  connect: ['from', 'to', 'port', 'protocol', 'success', 'app'],
};

export function parseExercise(text: string, file: string): { exercise: ExerciseDef | undefined; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(text, file, '1.2');
  const d = new Decoder(file);
  const root = parsed.docs[0]?.root ?? null;
  const m = d.map(root, 'the exercise', ['id', 'title', 'lab', 'goal', 'start', 'checks', 'hints', 'solution']);
  if (!m) {
    if (!root) d.fail(undefined, 'the exercise file is empty');
    return { exercise: undefined, diagnostics: [...parsed.diagnostics, ...d.diagnostics] };
  }
  const start = d.map(d.get(m, 'start'), 'start', ['configs', 'files', 'actions']);
  const refs = (key: string): Record<string, { file?: string; text?: string }> => {
    const out: Record<string, { file?: string; text?: string }> = {};
    const node = d.get(start, key);
    if (!node) return out;
    if (node.kind !== 'map') {
      d.fail(node.span, `start.${key} must be a mapping`);
      return out;
    }
    for (const e of node.entries) {
      if (e.value.kind === 'scalar' && typeof e.value.value === 'string') {
        // A value with a newline is inline text; otherwise it names a file in the lesson folder.
        out[e.key] = e.value.value.includes('\n') ? { text: e.value.value } : { file: e.value.value };
      } else d.fail(e.value.span, `start.${key}.${e.key} must be a file path or text`);
    }
    return out;
  };
  const checks: CheckDef[] = [];
  const ids = new Set<string>();
  for (const node of d.seq(m, 'checks', 'the exercise')) {
    const c = decodeCheck(d, node);
    if (!c) continue;
    if (ids.has(c.id)) d.fail(node.span, `check id "${c.id}" is used twice`);
    ids.add(c.id);
    checks.push(c);
  }
  if (checks.length === 0) d.fail(m.span, 'an exercise needs at least one check');
  const sol = d.map(d.get(m, 'solution'), 'solution', ['steps', 'explanation']);
  const labFile = d.str(m, 'lab', 'the exercise');
  const exercise: ExerciseDef = {
    id: d.str(m, 'id', 'the exercise', true) ?? file,
    ...(labFile ? { lab: labFile } : {}),
    title: d.str(m, 'title', 'the exercise', true) ?? '',
    goal: d.str(m, 'goal', 'the exercise') ?? '',
    startConfigs: refs('configs'),
    startFiles: refs('files'),
    startActions: decodeSteps(d, d.get(start, 'actions')),
    checks,
    hints: d.strList(m, 'hints', 'the exercise'),
    solution: decodeSteps(d, d.get(sol, 'steps')),
    explanation: d.str(sol, 'explanation', 'solution') ?? '',
  };
  return { exercise, diagnostics: [...parsed.diagnostics, ...d.diagnostics] };
}

function decodeSteps(d: Decoder, node: YNode | undefined): ExerciseDef['solution'][number][] {
  const out: ExerciseDef['solution'][number][] = [];
  if (!node) return out;
  if (node.kind !== 'seq') {
    d.fail(node.span, 'steps must be a list');
    return out;
  }
  for (const item of node.items) {
    const m = d.map(item, 'a step', ['device', 'lines', 'line', 'file', 'apply', 'text', 'wait']);
    if (!m) continue;
    const device = d.str(m, 'device', 'step');
    const wait = d.num(m, 'wait', 'step');
    if (wait !== undefined) {
      out.push({ kind: 'wait', seconds: wait });
      continue;
    }
    if (device) {
      // A YAML block scalar ends with a newline: no empty step for it.
      const lines = [...d.strList(m, 'line', 'step'), ...d.strList(m, 'lines', 'step').flatMap((l) => l.split('\n'))].filter((l) => l.trim() !== '');
      for (const line of lines) out.push({ kind: 'exec', device, line });
      continue;
    }
    const file = d.str(m, 'file', 'step');
    if (file) {
      const text = d.str(m, 'text', 'step');
      const source = d.str(m, 'apply', 'step');
      if (text !== undefined) out.push({ kind: 'apply', file, text });
      else out.push({ kind: 'apply-file', file, source: source ?? file });
      continue;
    }
    d.fail(m.span, 'a step needs "device" + "lines", "file" + "text"/"apply", or "wait"');
  }
  return out;
}

function decodeCheck(d: Decoder, node: YNode): CheckDef | undefined {
  if (node.kind !== 'map') {
    d.fail(node.span, 'a check must be a mapping');
    return undefined;
  }
  const type = d.str(node, 'type', 'check', true) as Check['type'] | undefined;
  if (!type) return undefined;
  const fields = CHECK_FIELDS[type];
  if (!fields) {
    d.fail(d.get(node, 'type')?.span, `unknown check type "${type}" (expected ${Object.keys(CHECK_FIELDS).join(', ')})`);
    return undefined;
  }
  d.map(node, `a ${type} check`, ['id', 'title', 'hint', 'type', ...fields]);
  const id = d.str(node, 'id', 'check', true) ?? type;
  const title = d.str(node, 'title', `check ${id}`, true) ?? id;
  const hint = d.str(node, 'hint', `check ${id}`);
  const s = (k: string, req = true): string => d.str(node, k, `check ${id}`, req) ?? '';
  const b = (k: string, def: boolean): boolean => d.bool(node, k, `check ${id}`) ?? def;
  let check: Check;
  switch (type) {
    case 'session':
      check = { type, device: s('device'), peer: s('peer'), state: d.str(node, 'state', id) ?? 'Established' };
      break;
    case 'session-count':
      check = { type, device: s('device'), state: d.str(node, 'state', id) ?? 'Established', count: d.num(node, 'count', id) ?? 0, atLeast: b('atLeast', false) };
      break;
    case 'route': {
      const via = d.get(node, 'via') ? d.strList(node, 'via', id) : undefined;
      const kind = d.str(node, 'kind', id);
      check = { type, device: s('device'), prefix: s('prefix'), present: b('present', true), ...(via ? { via } : {}), ...(kind ? { kind } : {}) };
      break;
    }
    case 'bgp-path': {
      const nh = d.str(node, 'nextHop', id);
      const asNode = d.get(node, 'asPath');
      const asPath = asNode?.kind === 'seq' ? asNode.items.flatMap((x) => (x.kind === 'scalar' && typeof x.value === 'number' ? [x.value] : [])) : undefined;
      const paths = d.num(node, 'paths', id);
      check = { type, device: s('device'), prefix: s('prefix'), ...(nh ? { nextHop: nh } : {}), ...(asPath ? { asPath } : {}), ...(paths !== undefined ? { paths } : {}) };
      break;
    }
    case 'ping': {
      const ttl = d.num(node, 'ttl', id);
      const source = d.str(node, 'source', id);
      check = { type, from: s('from'), to: s('to'), success: b('success', true), ...(ttl !== undefined ? { ttl } : {}), ...(source ? { source } : {}) };
      break;
    }
    case 'traceroute': {
      const hopsNode = d.get(node, 'hops');
      const hops: string[][] = [];
      if (hopsNode?.kind === 'seq') {
        for (const h of hopsNode.items) {
          if (h.kind === 'scalar' && h.value !== null) hops.push(String(h.value).split('|').map((x) => x.trim()));
          else if (h.kind === 'seq') hops.push(h.items.flatMap((x) => (x.kind === 'scalar' && x.value !== null ? [String(x.value)] : [])));
        }
      } else d.fail(node.span, `check ${id}: "hops" must list the expected addresses ("a|b" for ECMP alternatives)`);
      const source = d.str(node, 'source', id);
      check = { type, from: s('from'), to: s('to'), hops, ...(source ? { source } : {}) };
      break;
    }
    case 'connect': {
      const app = d.str(node, 'app', id);
      check = {
        type,
        from: s('from'),
        to: s('to'),
        port: d.num(node, 'port', id) ?? 80,
        protocol: d.str(node, 'protocol', id) === 'udp' ? 'udp' : 'tcp',
        success: b('success', true),
        ...(app ? { app } : {}),
      };
      break;
    }
  }
  return { id, title, check, ...(hint ? { hint } : {}) };
}

export type { YMap };
