import { describe, expect, it } from 'vitest';
import { parseIp } from '../../core/ip.ts';
import { createLab } from '../../lab/create-lab.ts';
import { registerCalico } from './runtime.ts';
registerCalico();
const LAB = `
id: mesh
title: mesh
clusters: [{name: k8s, files: [cluster.yaml]}]
devices:
${[3,4,5,6].map(i=>`  - name: m0${i-2}
    kind: calico-node
    interfaces: [{name: eth0, segment: lan, ip: 172.17.0.${i}/16}]
    blocks: [10.244.${i}.0/26]
    pods: [{name: web${i}, ip: 10.244.${i}.1, ports: [8080]}]`).join('\n')}
`;
const CL = `apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pool}
spec: {cidr: 10.244.0.0/16}
`;
describe('the Calico runtime in a lab', () => {
  it('a 4-node mesh comes up and pods reach each other (cluster-a style)', () => {
    const { lab, diagnostics } = createLab({ files: { 'lab.yaml': LAB, 'cluster.yaml': CL } });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const q = lab!.query();
    expect(q.sessions('m01').map((s) => [s.name, s.state])).toEqual([
      ['Mesh_172_17_0_4', 'Established'],
      ['Mesh_172_17_0_5', 'Established'],
      ['Mesh_172_17_0_6', 'Established'],
    ]);
    const p = q.ping({ from: 'web3', to: parseIp('10.244.4.1')! });
    expect(p.received).toBeGreaterThan(0);
    expect(p.replies[0]?.ttl).toBe(62);
  });
});
