import { describe, expect, it } from 'vitest';
import { createLab } from './create-lab.ts';

const LAB = `
id: two-hosts
title: Two hosts and a router
devices:
  - name: vm1
    kind: host
    interfaces: [{name: eth0, segment: a, ip: 192.168.1.10/24}]
    routes: [{dst: default, via: 192.168.1.1}]
  - name: gw
    kind: host
    interfaces:
      - {name: eth0, segment: a, ip: 192.168.1.1/24}
      - {name: eth1, segment: b, ip: 192.168.2.1/24}
  - name: vm2
    kind: host
    interfaces: [{name: eth0, segment: b, ip: 192.168.2.10/24}]
    routes: [{dst: default, via: 192.168.2.1}]
`;

const EX = `
id: reach
title: Reach vm2
checks:
  - {id: ping, title: vm1 pings vm2, type: ping, from: vm1, to: 192.168.2.10}
`;

describe('createLab', () => {
  it('reports lab file errors with line and column', () => {
    const { lab, diagnostics } = createLab({ files: { 'lab.yaml': 'id: x\ndevices:\n  - name: a\n    kind: rooter\n    bogus: 1\n' } });
    expect(lab).toBeNull();
    const msgs = diagnostics.map((d) => `${d.span?.line}:${d.span?.column} ${d.message}`);
    expect(msgs.some((m) => m.startsWith('5:5 unknown field "bogus"'))).toBe(true);
    expect(msgs.some((m) => m.includes('kind must be'))).toBe(true);
  });

  it('grades by what the network does: a host that does not forward breaks the path', () => {
    const { lab, diagnostics } = createLab({ files: { 'lab.yaml': LAB, 'exercises/reach.yaml': EX }, exercise: 'reach' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [check] = lab!.grade();
    expect(check!.pass).toBe(false);
    expect(check!.reason).toMatch(/gw does not forward/);
  });

  it('builds a topology view with segments', () => {
    const { lab } = createLab({ files: { 'lab.yaml': LAB } });
    const topo = lab!.topology();
    expect(topo.devices.map((d) => d.name).sort()).toEqual(['gw', 'vm1', 'vm2']);
    expect(topo.segments.find((s) => s.name === 'a')?.subnet).toBe('192.168.1.0/24');
  });
});
