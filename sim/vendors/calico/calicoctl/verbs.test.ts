import { describe, expect, it } from 'vitest';
import { Datastore } from '../datastore.ts';
import { calicoctlDelete, calicoctlGet, calicoctlLabel, calicoctlPatch } from './commands.ts';
import { runFile } from './verbs.ts';

const PEER = (name: string, extra = 'peerIP: 192.20.30.40\n  asNumber: 64567') => `apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata:
  name: ${name}
spec:
  ${extra}
`;

function withNode(store: Datastore, name: string, ip: string, labels: Record<string, string> = {}): Datastore {
  return store.put({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, annotations: { 'projectcalico.org/IPv4Address': ip } },
    spec: {},
  }).store;
}

describe('calicoctl apply -f', () => {
  it('applies several resources of one kind', () => {
    const r = runFile(Datastore.empty(), PEER('a') + '---\n' + PEER('b'), 'apply');
    expect(r.ok).toBe(true);
    expect(r.stdout).toBe("Successfully applied 2 'BGPPeer' resource(s)");
    expect(r.store.list('projectcalico.org/v3', 'BGPPeer').map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('mixed kinds use the kind-less message', () => {
    const pool = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {cidr: 10.244.0.0/16}\n';
    const r = runFile(Datastore.empty(), PEER('a') + '---\n' + pool, 'apply');
    expect(r.stdout).toBe('Successfully applied 2 resource(s)');
  });

  it('reports a single failure in calicoctl words, on the offending field', () => {
    const r = runFile(Datastore.empty(), PEER('a', "peerIP: 10.0.0.1\n  peerSelector: has(x)"), 'apply', { file: 'p.yaml' });
    expect(r.ok).toBe(false);
    expect(r.stderr).toBe(
      "failed to apply 'BGPPeer' resource: [error with field PeerIP = '10.0.0.1' (PeerIP field must be empty when PeerSelector is specified)]",
    );
    expect(r.diagnostics[0]?.span?.line).toBe(6);
    expect(r.changed).toBe(false);
  });

  it('partial success keeps the first resources (calicoctl) unless atomic', () => {
    const text = PEER('a') + '---\n' + PEER('Bad_Name');
    const r = runFile(Datastore.empty(), text, 'apply');
    expect(r.stdout).toBe("Partial success: applied the first 1 out of 2 'BGPPeer' resources:");
    expect(r.stderr).toMatch(/^hit error\(s\): \[error with field Metadata.Name = 'Bad_Name' \(name must consist of lower case alphanumeric characters, '-' or '.' \(regex: /);
    expect(r.store.list('projectcalico.org/v3', 'BGPPeer')).toHaveLength(1);
    const atomic = runFile(Datastore.empty(), text, 'apply', { atomic: true });
    expect(atomic.store.list('projectcalico.org/v3', 'BGPPeer')).toHaveLength(0);
    expect(atomic.changed).toBe(false);
  });

  it('a file that does not decode changes nothing', () => {
    const r = runFile(Datastore.empty(), PEER('a') + '---\n' + PEER('b', 'peerIP: 1.2.3.4\n  bogus: 1'), 'apply');
    expect(r.stderr).toBe('failed to execute command: error unmarshaling JSON: while decoding JSON: json: unknown field "bogus"');
    expect(r.store.list('projectcalico.org/v3', 'BGPPeer')).toHaveLength(0);
  });

  it('create refuses an existing resource, replace a missing one', () => {
    const s = runFile(Datastore.empty(), PEER('a'), 'create').store;
    expect(runFile(s, PEER('a'), 'create').stderr).toBe("failed to create 'BGPPeer' resource: [resource already exists: BGPPeer(a)]");
    expect(runFile(s, PEER('z'), 'replace').stderr).toBe(
      'failed to replace \'BGPPeer\' resource: resource does not exist: BGPPeer(z) with error: bgppeers.crd.projectcalico.org "z" not found',
    );
    expect(runFile(s, PEER('a'), 'replace').stdout).toBe("Successfully replaced 1 'BGPPeer' resource(s)");
  });

  it('BGPPeer filters must exist', () => {
    const r = runFile(Datastore.empty(), PEER('a', 'peerIP: 1.2.3.4\n  asNumber: 1\n  filters: [f1, f2]'), 'apply');
    expect(r.stderr).toBe("failed to apply 'BGPPeer' resource: [error with field BGPPeer.Spec.Filters = '[f1 f2]' (BGPFilter(s) not found)]");
  });

  it('a peerIP without asNumber is accepted (BIRD will refuse it later)', () => {
    expect(runFile(Datastore.empty(), PEER('a', 'peerIP: 10.0.0.9'), 'apply').ok).toBe(true);
  });

  it('IPPool defaults and checks', () => {
    const pool = (name: string, spec: string) => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: ${name}}\nspec: ${spec}\n`;
    const s = runFile(Datastore.empty(), pool('p1', '{cidr: 10.244.0.0/16}'), 'apply').store;
    expect(s.get('projectcalico.org/v3', 'IPPool', 'p1')?.spec).toMatchObject({ blockSize: 26, nodeSelector: 'all()', ipipMode: 'Never', vxlanMode: 'Never' });
    expect(runFile(s, pool('p2', '{cidr: 10.244.8.0/24}'), 'apply').stderr).toBe(
      "failed to apply 'IPPool' resource: [error with field IPPool.Spec.CIDR = '10.244.8.0/24' (IPPool(p2) CIDR overlaps with IPPool(p1) CIDR 10.244.0.0/16)]",
    );
    expect(runFile(s, pool('p1', '{cidr: 10.245.0.0/16}'), 'apply').stderr).toContain('IPPool CIDR cannot be modified');
    expect(runFile(s, pool('p3', '{cidr: 10.9.0.1/16}'), 'apply').stderr).toContain('IPPool CIDR is not strictly masked');
    expect(runFile(s, pool('p4', '{cidr: 10.8.0.0/16, blockSize: 19}'), 'apply').stderr).toContain('IPv4 block size must be between 20 and 32');
    expect(runFile(s, pool('p5', '{cidr: 10.7.0.0/16, ipipMode: Always, vxlanMode: Always}'), 'apply').stderr).toContain(
      'Cannot enable both VXLAN and IPIP on the same IPPool',
    );
  });

  it('BGPConfiguration default-only fields', () => {
    const r = runFile(
      Datastore.empty(),
      'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: node.n1}\nspec: {asNumber: 64513}\n',
      'apply',
    );
    expect(r.stderr).toBe(
      "failed to apply 'BGPConfiguration' resource: [error with field BGPConfiguration.Spec.ASNumber (Cannot set ASNumber on a non default BGP Configuration.)]",
    );
  });

  it('several errors use the multi-field rendering', () => {
    const r = runFile(Datastore.empty(), PEER('a', "node: n1\n  nodeSelector: all()\n  peerIP: 1.2.3.4\n  peerSelector: all()"), 'apply');
    expect(r.stderr).toBe(
      "failed to apply 'BGPPeer' resource: [error with the following fields:\n" +
        "-  Node = 'n1' (Node field must be empty when NodeSelector is specified)\n" +
        "-  PeerIP = '1.2.3.4' (PeerIP field must be empty when PeerSelector is specified)\n]",
    );
  });

  it('field tag failures keep the Reason: prefix', () => {
    const r = runFile(Datastore.empty(), PEER('a', "peerIP: 10.0.0.1:0\n  asNumber: 1"), 'apply');
    expect(r.stderr).toBe(
      "failed to apply 'BGPPeer' resource: [error with field PeerIP = '10.0.0.1:0' (Reason: failed to validate Field: PeerIP because of Tag: IP:port )]",
    );
    const s = runFile(Datastore.empty(), PEER('a', "nodeSelector: rr-id = 'x'\n  peerIP: 10.0.0.1\n  asNumber: 1"), 'apply');
    expect(s.stderr).toContain('(Reason: failed to validate Field: NodeSelector because of Tag: selector )');
  });
});

describe('Calico Nodes are Kubernetes Nodes', () => {
  const base = withNode(Datastore.empty(), 'm03', '172.17.0.5/16', { 'kubernetes.io/hostname': 'm03' });

  it('get -o wide shows the inherited AS in parentheses', () => {
    const r = calicoctlGet(base, 'nodes', [], 'wide');
    expect(r.stdout).toBe('NAME   ASN       IPV4            IPV6   \nm03    (64512)   172.17.0.5/16          \n\n');
  });

  it('patch routeReflectorClusterID lands in the annotation', () => {
    const r = calicoctlPatch(base, 'node', 'm03', '{"spec":{"bgp":{"routeReflectorClusterID":"244.0.0.1"}}}');
    expect(r.stdout).toBe("Successfully patched 1 'Node' resource");
    expect(r.store.get('v1', 'Node', 'm03')?.metadata.annotations?.['projectcalico.org/RouteReflectorClusterID']).toBe('244.0.0.1');
    expect(r.store.calicoNode('m03')?.spec?.bgp?.routeReflectorClusterID).toBe('244.0.0.1');
    const bad = calicoctlPatch(base, 'node', 'm03', '{"spec":{"bgp":{"routeReflectorClusterID":"244.0.0"}}}');
    expect(bad.stderr).toBe(
      "hit error: error with field RouteReflectorClusterID = '244.0.0' (Reason: failed to validate Field: RouteReflectorClusterID because of Tag: ipv4 )",
    );
  });

  it('label and delete', () => {
    const l = calicoctlLabel(base, 'nodes', 'm03', 'route-reflector=true');
    expect(l.stdout).toBe('Successfully set label route-reflector on nodes m03');
    expect(l.store.calicoNode('m03')?.metadata.labels?.['route-reflector']).toBe('true');
    expect(calicoctlLabel(l.store, 'nodes', 'm03', 'route-reflector=false').stderr).toBe(
      "failed to update label of nodes m03, key route-reflector is already present. please use '--overwrite' to set a new value",
    );
    expect(calicoctlDelete(base, 'node', ['m03']).stderr).toBe("Failed to delete 'Node' resource: operation Delete is not supported on Node(m03)");
  });

  it('Calico labels live in projectcalico.org/labels; the Kubernetes labels are never touched (KDD)', () => {
    // calicoctl label: the view carries projectcalico.org/kube-labels, so the write-back keeps
    // only the new label for Calico (restoreCalicoLabels) and leaves the k8s labels alone.
    const l = calicoctlLabel(base, 'nodes', 'm03', 'rack=r1');
    const k8s = l.store.get('v1', 'Node', 'm03')!;
    expect(k8s.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'm03' });
    expect(k8s.metadata.annotations?.['projectcalico.org/labels']).toBe('{"rack":"r1"}');
    const view = l.store.calicoNode('m03')!;
    expect(view.metadata.labels).toEqual({ rack: 'r1', 'kubernetes.io/hostname': 'm03' });
    expect(view.metadata.annotations).toEqual({ 'projectcalico.org/kube-labels': '{"kubernetes.io/hostname":"m03"}' });
    // A Node file without labels (no kube-labels annotation) clears only the Calico labels.
    const r = runFile(l.store, 'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: m03}\nspec: {bgp: {ipv4Address: 172.17.0.5/16}}\n', 'apply');
    expect(r.ok).toBe(true);
    expect(r.store.get('v1', 'Node', 'm03')!.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'm03' });
    expect(r.store.get('v1', 'Node', 'm03')!.metadata.annotations?.['projectcalico.org/labels']).toBeUndefined();
    expect(r.store.calicoNode('m03')!.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'm03' });
  });

  it('applying a Calico Node for a missing Kubernetes Node fails', () => {
    const r = runFile(base, 'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: ghost}\nspec: {bgp: {ipv4Address: 10.0.0.1/24}}\n', 'apply');
    expect(r.stderr).toBe('failed to apply \'Node\' resource: [resource does not exist: Node(ghost) with error: nodes "ghost" not found]');
  });
});

describe('calicoctl get', () => {
  const s = runFile(Datastore.empty(), PEER('a') + '---\n' + PEER('rr', "nodeSelector: all()\n  peerSelector: route-reflector == 'true'"), 'apply').store;

  it('table', () => {
    expect(calicoctlGet(s, 'bgppeers', []).stdout).toBe(
      [
        'NAME   PEERIP         NODE       ASN     ',
        'a      192.20.30.40   (global)   64567   ',
        'rr                    all()      0       ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('missing name', () => {
    const r = calicoctlGet(s, 'bgppeer', ['nope']);
    expect(r.stderr).toBe('resource does not exist: BGPPeer(nope) with error: bgppeers.crd.projectcalico.org "nope" not found');
  });

  it('yaml of one resource and of the list', () => {
    const one = calicoctlGet(s, 'bgpp', ['a'], 'yaml').stdout;
    expect(one).toContain('apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  creationTimestamp: "2025-01-01T10:00:00Z"\n  name: a\n');
    const list = calicoctlGet(s, 'bgppeers', [], 'yaml').stdout;
    expect(list.startsWith('apiVersion: projectcalico.org/v3\nitems:\n- apiVersion: projectcalico.org/v3\n')).toBe(true);
    expect(list).toContain("    peerSelector: route-reflector == 'true'\n");
    expect(list).toContain('kind: BGPPeerList\nmetadata:\n  resourceVersion: ');
  });

  it('json uses Go field order and HTML escaping', () => {
    const s2 = runFile(Datastore.empty(), PEER('x', 'nodeSelector: has(a) && has(b)\n  peerIP: 1.1.1.1\n  asNumber: 1'), 'apply').store;
    const j = calicoctlGet(s2, 'bgppeer', ['x'], 'json').stdout;
    expect(j.startsWith('{\n  "kind": "BGPPeer",\n  "apiVersion": "projectcalico.org/v3",\n  "metadata": {\n    "name": "x",')).toBe(true);
    expect(j).toContain('"nodeSelector": "has(a) \\u0026\\u0026 has(b)"');
  });

  it('unknown kind', () => {
    expect(calicoctlGet(s, 'pods', []).stderr).toBe("resource type 'pods' is not supported");
  });
});
