// npm run bench — simulator speed, measured (not asserted): settle time and heap for an
// iBGP full mesh and an RR fabric, and one config change on a lesson-size lab.

import { Network } from '../engine/network.ts';
import { fullMesh, rrFabric } from '../bench/fabrics.ts';
import type { DeviceConfig } from '../model/device.ts';

function heapMb(): number {
  return Math.round(process.memoryUsage().heapUsed / 1e6);
}

function settleRun(label: string, build: () => DeviceConfig[]): void {
  globalThis.gc?.();
  const before = heapMb();
  const cfgs = build();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const net = new Network({ log: false });
  for (const c of cfgs) net.setDevice(c);
  const r = net.settle();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  let sessions = 0;
  let established = 0;
  for (const name of net.deviceNames()) {
    for (const s of net.sessions(name)) {
      sessions++;
      if (s.state === 'Established') established++;
    }
  }
  console.log(
    `${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms (cpu ${cpuMs.toFixed(0)} ms)  ${String(sessions / 2).padStart(6)} sessions (${established / 2} up)  ${r.steps} events  heap +${heapMb() - before} MB${r.converged ? '' : '  NOT CONVERGED'}`,
  );
}

const which = process.argv[2] ?? 'all';
console.log('Calico BGP Lab simulator benchmarks (Node', process.version, ')');
if (which === 'all' || which === 'mesh') for (const n of [50, 100, 200]) settleRun(`iBGP full mesh, ${n} nodes`, () => fullMesh(n));
if (which === 'all' || which === 'fabric') {
  for (const n of [200, 1000]) settleRun(`RR fabric, ${n} nodes, 3 RRs, iBGP ToRs`, () => rrFabric(n, 'ibgp'));
  settleRun('RR fabric, 200 nodes, 3 RRs, eBGP ToRs', () => rrFabric(200, 'ebgp'));
}

// ---------------------------------------------------------------- lesson-size change
import { readLessonFiles } from '../lab/lesson-files.ts';
import { createLab } from '../index.ts';
import { CalicoCluster } from '../vendors/calico/cluster.ts';
import { parseIfAddr } from '../core/ip.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function lessonChange(): void {
  const { lab } = createLab({ files: readLessonFiles('content/lessons/01-why-bgp') });
  if (!lab) return;
  lab.exec('R2', 'configure terminal');
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const line = i % 2 === 0 ? 'ip route 198.51.100.0/24 blackhole' : 'no ip route 198.51.100.0/24 blackhole';
    const t0 = performance.now();
    lab.exec('R2', line);
    lab.grade();
    times.push(performance.now() - t0);
  }
  console.log(`${'lesson-size change (FRR cmd → settled)'.padEnd(34)} ${median(times).toFixed(2).padStart(7)} ms median  (p90 ${[...times].sort((a, b) => a - b)[180]!.toFixed(2)} ms)`);
}

function calicoCompile(n: number): void {
  const hosts = Array.from({ length: n }, (_, i) => ({
    name: `node${i}`,
    interfaces: [{ name: 'eth0', segment: 'lan', addresses: [parseIfAddr(`10.0.${Math.floor(i / 250)}.${(i % 250) + 2}/16`)!] }],
    staticRoutes: [],
    labels: { rack: `rack${Math.floor(i / 20)}`, ...(i < 3 ? { 'route-reflector': 'true' } : {}) },
    blocks: [],
  }));
  const yaml = [
    `apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\nspec: {nodeToNodeMeshEnabled: false, asNumber: 64512}`,
    `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.128.0.0/9, ipipMode: Never, vxlanMode: Never}`,
    `apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: peer-with-rrs}\nspec: {nodeSelector: all(), peerSelector: "route-reflector == 'true'"}`,
    ...Array.from({ length: Math.ceil(n / 20) }, (_, r) => `apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: tor${r}}\nspec: {nodeSelector: "rack == 'rack${r}'", peerIP: 10.0.200.${r + 1}, asNumber: ${65000 + r}}`),
    ...[0, 1, 2].map((i) => `apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: node${i}, labels: {route-reflector: "true", rack: rack0}}\nspec: {bgp: {ipv4Address: 10.0.0.${i + 2}/16, routeReflectorClusterID: 244.0.0.1}}`),
  ].join('\n---\n');
  const t0 = performance.now();
  const cluster = new CalicoCluster('bench', hosts, []);
  const r = cluster.applyFile('bench.yaml', yaml);
  const devs = cluster.devices();
  const ms = performance.now() - t0;
  const sessions = devs.devices.reduce((a, d) => a + (d.bgp?.neighbors.length ?? 0), 0);
  console.log(`${`Calico compile, ${n} nodes + 3 RRs + ToRs`.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms  ${devs.devices.length} devices, ${sessions} BIRD protocols${r.ok ? '' : `  apply failed: ${r.message}`}`);
}

if (which === 'all' || which === 'lesson') lessonChange();
if (which === 'all' || which === 'calico') for (const n of [200, 1000]) calicoCompile(n);
