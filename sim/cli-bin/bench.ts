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
  const net = new Network({ log: false });
  for (const c of cfgs) net.setDevice(c);
  const r = net.settle();
  const ms = performance.now() - t0;
  let sessions = 0;
  let established = 0;
  for (const name of net.deviceNames()) {
    for (const s of net.sessions(name)) {
      sessions++;
      if (s.state === 'Established') established++;
    }
  }
  console.log(
    `${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms  ${String(sessions / 2).padStart(6)} sessions (${established / 2} up)  ${r.steps} events  heap +${heapMb() - before} MB${r.converged ? '' : '  NOT CONVERGED'}`,
  );
}

const which = process.argv[2] ?? 'all';
console.log('Calico BGP Lab simulator benchmarks (Node', process.version, ')');
if (which === 'all' || which === 'mesh') for (const n of [50, 100, 200]) settleRun(`iBGP full mesh, ${n} nodes`, () => fullMesh(n));
if (which === 'all' || which === 'fabric') for (const n of [200, 1000]) settleRun(`RR fabric, ${n} nodes + 3 RRs + ToRs`, () => rrFabric(n));
