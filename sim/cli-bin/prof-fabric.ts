import { Network } from '../engine/network.ts';
import { rrFabric } from '../bench/fabrics.ts';
const n = Number(process.argv[2] ?? 200);
const cfgs = rrFabric(n, (process.argv[4] as 'ibgp' | 'ebgp') ?? 'ibgp');
const t0 = performance.now();
const c0 = process.cpuUsage();
const net = new Network({ log: false });
for (const c of cfgs) net.setDevice(c);
const r = net.settle();
const cpu = process.cpuUsage(c0);
const heapNow = process.memoryUsage().heapUsed;
(globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: what stays, not what is garbage yet
console.log(n, (performance.now() - t0).toFixed(0), 'ms wall', ((cpu.user + cpu.system) / 1000).toFixed(0), 'ms cpu', r.steps, r.converged, Math.round(heapNow / 1e6), 'MB', `(live ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`);
let paths = 0, adjIn = 0, adjOut = 0, memo = 0, entries = 0;
for (const name of net.deviceNames()) {
  const sp = (net as any).devices.get(name).speaker;
  if (!sp) continue;
  for (const e of sp.table.values()) { entries++; for (const p of e.paths) { paths++; memo += p.memo instanceof Map ? p.memo.size : 0; } }
  for (const s of sp.sessions) { adjIn += s.countAdjIn(); adjOut += s.countAdjOut(); }
}
console.log({ entries, paths, adjIn, adjOut, memo });
if (process.argv[3] === 'snap') {
  (globalThis as { net?: unknown }).net = net; // keep the network reachable for the snapshot
  const v8 = await import('node:v8');
  console.log(v8.writeHeapSnapshot('/tmp/fabric.heapsnapshot'));
}
