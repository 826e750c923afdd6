// Property tests: whatever a learner types, the Calico layer answers with located diagnostics
// and never throws or hangs; a rejected apply leaves the datastore exactly as it was.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFile } from './calicoctl/verbs.ts';
import { calicoctlPatch } from './calicoctl/commands.ts';
import { CalicoCluster } from './cluster.ts';
import { Datastore } from './datastore.ts';
import { decodeFile } from './resources/decode-file.ts';
import { evaluateSelector } from './selector/evaluate.ts';
import { parseSelector, selectorString } from './selector/parser.ts';
import type { SelectorNode } from './selector/parser.ts';
import { toGoYaml } from './yaml/emit.ts';
import { parseYaml, toPlain } from './yaml/source.ts';

const VALID = `apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata:
  name: peer-with-route-reflectors
spec:
  nodeSelector: all()
  peerSelector: route-reflector == 'true'
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pool}
spec: {cidr: 10.244.0.0/16, blockSize: 26, ipipMode: Never}
---
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  nodeToNodeMeshEnabled: false
  asNumber: 64512
  serviceClusterIPs: [{cidr: 10.96.0.0/12}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;

function located(ds: readonly { severity: string; span?: { line: number; column: number } }[]): boolean {
  return ds.filter((d) => d.severity === 'error').every((d) => d.span === undefined || (d.span.line >= 1 && d.span.column >= 1));
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 6 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(':', '-', '"', "'", '!', '&', '*', '{', '[', '\t', '\n', ' ', '#', '|', '>', 'true', '0', '~', '!!str ') }),
);

function mutate(text: string, ms: readonly { op: string; at: number; text?: string; len?: number }[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.op === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.op === 'delete') t = t.slice(0, at) + t.slice(at + (m.len ?? 1));
    else t = t.slice(0, at) + m.text + t.slice(at + 1);
  }
  return t;
}

function hosts() {
  return [1, 2, 3].map((i) => ({
    name: `n${i}`,
    interfaces: [{ name: 'eth0', addresses: [{ ip: ((10 << 24) | i) >>> 0, len: 24 }], segment: 'lan' }],
    staticRoutes: [],
  }));
}

describe('fuzz: YAML and resources', () => {
  it('random text never throws and errors are located', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const r = decodeFile(s, { file: 'x.yaml' });
        expect(located(r.diagnostics)).toBe(true);
        const k = decodeFile(s, { tool: 'kubectl' });
        expect(located(k.diagnostics)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('mutated valid files: a rejected apply changes nothing, an accepted one is consistent', () => {
    const base = new CalicoCluster('f', hosts());
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const text = mutate(VALID, ms);
        const c = new CalicoCluster('f', hosts());
        const before = c.store;
        const r = c.applyFile('x.yaml', text);
        expect(located(r.diagnostics)).toBe(true);
        if (!r.ok) expect(c.store).toBe(before);
        // Compiling whatever was accepted never throws.
        const compiled = c.compile();
        expect(compiled.devices.length).toBeGreaterThanOrEqual(3);
        void base;
      }),
      { numRuns: 250 },
    );
  });

  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }));
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 3 })),
  })).v;
  const specKey = fc.constantFrom(
    'node', 'nodeSelector', 'peerIP', 'asNumber', 'peerSelector', 'keepOriginalNextHop', 'nextHopMode', 'password', 'sourceAddress',
    'maxRestartTime', 'numAllowedLocalASNumbers', 'ttlSecurity', 'reachableBy', 'filters', 'localASNumber', 'reversePeering', 'cidr',
    'blockSize', 'ipipMode', 'disabled', 'disableBGPExport', 'nodeToNodeMeshEnabled', 'serviceClusterIPs', 'listenPort', 'bogus',
  );
  const resource = fc.record({
    kind: fc.constantFrom('BGPPeer', 'IPPool', 'BGPConfiguration', 'BGPFilter', 'Node'),
    name: fc.oneof(fc.constantFrom('default', 'n1', 'a', 'node.n1'), fc.string({ maxLength: 10 })),
    spec: fc.dictionary(specKey, value, { maxKeys: 5 }),
  });

  it('random resource fields: validation answers, the store keeps its last good state', () => {
    fc.assert(
      fc.property(fc.array(resource, { minLength: 1, maxLength: 4 }), (rs) => {
        let store = Datastore.empty();
        const text = rs.map((r) => toGoYaml({ apiVersion: 'projectcalico.org/v3', kind: r.kind, metadata: { name: r.name }, spec: r.spec })).join('---\n');
        const atomic = runFile(store, text, 'apply', { atomic: true });
        if (!atomic.ok) expect(atomic.store).toBe(store);
        expect(located(atomic.diagnostics)).toBe(true);
        store = runFile(store, text, 'apply').store;
        expect(typeof store.revision).toBe('number');
      }),
      { numRuns: 300 },
    );
  });

  it('random patches never throw', () => {
    const s = runFile(Datastore.empty(), VALID.split('---')[0]!, 'apply').store;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), value.map((v) => JSON.stringify({ spec: v }))), (p) => {
        const r = calicoctlPatch(s, 'bgppeer', 'peer-with-route-reflectors', p);
        if (!r.ok) expect(r.store).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('deeply nested or aliased YAML stays cheap', () => {
    const deep = '['.repeat(300) + ']'.repeat(300);
    expect(() => decodeFile(deep)).not.toThrow();
    const bomb = 'a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n';
    const t0 = performance.now();
    const r = parseYaml(bomb);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(toPlain(r.docs[0]?.root ?? null)).toBeTruthy();
  });
});

describe('fuzz: selectors', () => {
  const alphabet = fc.constantFrom('a', 'b', 'has(', 'all()', 'global()', ')', '(', '!', '==', '!=', ' in ', ' not in ', '{', '}', ',', "'x'", '"y"', '&&', '||', ' ', 'contains', ' starts with ', '=', '&', '|', "'");
  it('random token soup: parse never throws, errors point inside the text', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        const r = parseSelector(s);
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  const label = fc.constantFrom('a', 'b', 'rack', 'kubernetes.io/hostname');
  const str = fc.constantFrom('x', 'y', '', 'rack-1');
  const node: fc.Arbitrary<SelectorNode> = fc.letrec((tie) => ({
    n: fc.oneof(
      { depthSize: 'small' },
      fc.constant<SelectorNode>({ op: 'all' }),
      label.map((l): SelectorNode => ({ op: 'has', label: l })),
      fc.tuple(fc.constantFrom('eq', 'ne', 'contains', 'startsWith', 'endsWith'), label, str).map(([op, l, v]): SelectorNode => ({ op: op as 'eq', label: l, value: v })),
      fc.tuple(fc.constantFrom('in', 'notIn'), label, fc.uniqueArray(str, { maxLength: 3 })).map(([op, l, vs]): SelectorNode => ({ op: op as 'in', label: l, values: [...vs].sort() })),
      tie('n').map((a): SelectorNode => ({ op: 'not', arg: a as SelectorNode })),
      fc.array(tie('n'), { minLength: 2, maxLength: 3 }).map((args): SelectorNode => ({ op: 'and', args: args as SelectorNode[] })),
      fc.array(tie('n'), { minLength: 2, maxLength: 3 }).map((args): SelectorNode => ({ op: 'or', args: args as SelectorNode[] })),
    ),
  })).n;
  const labels = fc.dictionary(label, str, { maxKeys: 3 });

  it('printing and re-parsing a selector keeps its meaning', () => {
    fc.assert(
      fc.property(node, labels, (n, l) => {
        const r = parseSelector(selectorString(n));
        expect(r.ok).toBe(true);
        if (r.ok) expect(evaluateSelector(r.root, l)).toBe(evaluateSelector(n, l));
      }),
      { numRuns: 1000 },
    );
  });
});
