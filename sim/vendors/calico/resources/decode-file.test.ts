import { describe, expect, it } from 'vitest';
import { decodeFile } from './decode-file.ts';

const node = (labels: string) => `apiVersion: projectcalico.org/v3
kind: Node
metadata:
  name: m03
  labels: ${labels}
spec:
  bgp: {ipv4Address: 172.17.0.5/16}
`;

describe('calicoctl file decoding', () => {
  it('a bare true label value becomes the string "true" (typed decoding, one document)', () => {
    const r = decodeFile(node('{route-reflector: true}'));
    expect(r.fileError).toBeUndefined();
    expect(r.resources[0]?.resource.metadata.labels).toEqual({ 'route-reflector': 'true' });
  });

  it('…but not inside a top-level array, nor with kubectl', () => {
    const arr = decodeFile('- ' + node('{route-reflector: true}').split('\n').join('\n  '));
    expect(arr.fileError).toBe(
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    );
    const k = decodeFile('apiVersion: v1\nkind: Node\nmetadata: {name: m03, labels: {route-reflector: true}}\n', { tool: 'kubectl' });
    expect(k.fileError).toBe('json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string');
    expect(k.diagnostics[0]?.span).toMatchObject({ line: 3, column: 49 });
  });

  it('an unquoted !has(...) is a YAML tag: accepted, empty, with a located warning', () => {
    const r = decodeFile('apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: p}\nspec:\n  nodeSelector: !has(rr)\n  peerSelector: has(rr)\n');
    expect(r.fileError).toBeUndefined();
    expect(r.resources[0]?.resource.spec).toEqual({ nodeSelector: '', peerSelector: 'has(rr)' });
    const w = r.diagnostics.find((d) => d.code === 'yaml.tag');
    expect(w?.severity).toBe('warning');
    expect(w?.span).toMatchObject({ line: 5, column: 17 });
    expect(w?.message).toContain('nodeSelector: "!has(rr)"');
  });

  it('YAML 1.1 booleans, case-insensitive field names, numbers as strings', () => {
    const r = decodeFile('apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {CIDR: 10.0.0.0/16, disabled: yes, blocksize: 24}\n');
    expect(r.resources[0]?.resource.spec).toEqual({ cidr: '10.0.0.0/16', disabled: true, blockSize: 24 });
    const bad = decodeFile('apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {cidr: 10.0.0.0/16, blockSize: "26"}\n');
    expect(bad.fileError).toBe('error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field IPPoolSpec.spec.blockSize of type int');
  });

  it('AS numbers: plain, asdot, and bad', () => {
    const ok = decodeFile('apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: p}\nspec: {peerIP: 1.1.1.1, asNumber: "1.10"}\n');
    expect(ok.resources[0]?.resource.spec).toMatchObject({ asNumber: 65546 });
    const bad = decodeFile('apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: p}\nspec: {peerIP: 1.1.1.1, asNumber: AS64512}\n');
    expect(bad.fileError).toBe('error unmarshaling JSON: while decoding JSON: invalid AS Number format (AS64512)');
  });

  it('lists, multiple documents and unknown kinds', () => {
    const list = decodeFile('apiVersion: projectcalico.org/v3\nkind: BGPPeerList\nitems:\n- metadata: {name: a}\n  spec: {peerIP: 1.1.1.1, asNumber: 1}\n- metadata: {name: b}\n  spec: {peerIP: 1.1.1.2, asNumber: 1}\n---\n');
    expect(list.resources.map((r) => r.resource.metadata.name)).toEqual(['a', 'b']);
    expect(decodeFile('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n').fileError).toBe('unknown resource type (Pod) and/or version (v1)');
    expect(decodeFile('apiVersion: projectcalico.org/v3\nkind: CalicoNodeStatus\nmetadata: {name: x}\n').fileError).toBe(
      'unknown resource type (CalicoNodeStatus) and/or version (projectcalico.org/v3)',
    );
    expect(decodeFile('kind: BGPPeer\nmetadata: {name: x}\n').fileError).toBe('unknown resource type (BGPPeer) and/or version ()');
  });

  it('YAML syntax errors point at the line', () => {
    const r = decodeFile('apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: x\n spec: {}\n');
    expect(r.fileError).toMatch(/^error converting YAML to JSON: yaml: line \d+: /);
    expect(r.diagnostics[0]?.span?.line).toBeGreaterThanOrEqual(4);
  });
});
