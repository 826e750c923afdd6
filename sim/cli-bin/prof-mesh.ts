// Profiling entry: settle one full mesh (`prof-mesh.ts 200`). `… 200 warm` settles a 50- and
// a 100-node mesh first, like `npm run bench`, so the JIT is warm; `… 200 repeat` then settles
// the 200-node mesh five times and reports the fastest (less noise on a shared machine).
import { Network } from '../engine/network.ts';
import { fullMesh } from '../bench/fabrics.ts';
const n = Number(process.argv[2] ?? 200);
const mode = process.argv[3];
if (mode === 'warm' || mode === 'repeat') {
  for (const w of [50, 100]) {
    const warm = new Network({ log: false });
    for (const c of fullMesh(w)) warm.setDevice(c);
    warm.settle();
  }
}
let best = { wall: Infinity, cpu: Infinity };
let net: Network | undefined;
let steps = 0;
for (let run = 0; run < (mode === 'repeat' ? 5 : 1); run++) {
  net = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const cfgs = fullMesh(n);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  net = new Network({ log: false });
  for (const c of cfgs) net.setDevice(c);
  steps = net.settle().steps;
  const cpu = process.cpuUsage(c0);
  best = { wall: Math.min(best.wall, performance.now() - t0), cpu: Math.min(best.cpu, (cpu.user + cpu.system) / 1000) };
}
const heapNow = process.memoryUsage().heapUsed;
(globalThis as { net?: unknown }).net = net; // keep the network alive through the collection
(globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: what stays, not what is garbage yet
console.log(n, best.wall.toFixed(0), 'ms wall', best.cpu.toFixed(0), 'ms cpu', steps, Math.round(heapNow / 1e6), 'MB', `(live ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`);
