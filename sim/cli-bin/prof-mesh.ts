import { Network } from '../engine/network.ts';
import { fullMesh } from '../bench/fabrics.ts';
const n = Number(process.argv[2] ?? 200);
const cfgs = fullMesh(n);
const t0 = performance.now();
const net = new Network({ log: false });
for (const c of cfgs) net.setDevice(c);
const r = net.settle();
console.log(n, (performance.now() - t0).toFixed(0), 'ms', r.steps);
