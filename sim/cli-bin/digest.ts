// Behaviour digest for performance work: hashes every view of every device (sessions, BGP
// routes, RIB, FIB, Adj-RIBs, the event log) after settling a few synthetic networks, some
// with daemon restarts and link flaps. A change that only makes the engine faster must not
// change a single hash: run it before and after (node scripts/run-bundled.mjs
// sim/cli-bin/digest.ts [parts.json]; the optional file gets a hash per device and view).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Network } from '../engine/network.ts';
import { fullMesh, rrFabric } from '../bench/fabrics.ts';
import type { DeviceConfig } from '../model/device.ts';

function digest(label: string, cfgs: DeviceConfig[], after?: (net: Network) => void): void {
  const net = new Network({ log: true });
  for (const c of cfgs) net.setDevice(c);
  const r = net.settle();
  after?.(net);
  const h = createHash('sha1');
  const parts: Record<string, string> = {};
  const add = (k: string, v: unknown) => { const s = JSON.stringify(v); h.update(k + s); parts[k] = createHash('sha1').update(s).digest('hex').slice(0, 8); };
  add('settle', { steps: r.steps, converged: r.converged, time: r.time });
  add('events', net.events());
  for (const d of net.deviceNames()) {
    add(`${d}/sessions`, net.sessions(d));
    add(`${d}/bgp`, net.bgpRoutes(d).map((e) => ({ ...e, paths: e.paths })));
    add(`${d}/rib`, net.rib(d));
    add(`${d}/fib`, net.fib(d));
    for (const s of net.sessions(d)) {
      add(`${d}/${s.name}/in`, net.adjRibIn(d, s.name, false));
      add(`${d}/${s.name}/out`, net.adjRibOut(d, s.name));
    }
  }
  console.log(label.padEnd(28), h.digest('hex'));
  allParts[label] = parts;
}

const allParts: Record<string, Record<string, string>> = {};

digest('mesh 25', fullMesh(25));
digest('rr fabric 60 ibgp', rrFabric(60, 'ibgp'));
digest('rr fabric 60 ebgp', rrFabric(60, 'ebgp'));
digest('mesh 12 + stop/kill', fullMesh(12), (net) => {
  net.daemon('node3', 'stop'); net.settle(); net.daemon('node4', 'kill'); net.settle(); net.advance(30);
  net.daemon('node3', 'start'); net.settle(); net.daemon('node4', 'start'); net.advance(200);
});
digest('rr fabric 45 link down', rrFabric(45, 'ebgp'), (net) => {
  net.link('node1', 'eth0', false); net.settle(); net.advance(100); net.link('node1', 'eth0', true); net.advance(10);
});
digest('mesh 10 reconfigured', fullMesh(10), (net) => {
  // node2 drops one neighbour, then gets it back (sessions reset, routes withdrawn and re-sent).
  const cfg = net.config('node2')!;
  const bgp = cfg.bgp!;
  net.setDevice({ ...cfg, bgp: { ...bgp, neighbors: bgp.neighbors.slice(1) } });
  net.settle();
  net.setDevice(cfg);
  net.advance(10);
});
if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(allParts));
