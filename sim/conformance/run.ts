// Runs one scenario through the simulator, phase by phase, and compares every recorded fact.

import { formatIp, parseIp, type Ip } from '../core/ip.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { Network } from '../engine/network.ts';
import { buildScenario, type BuildOptions } from './build.ts';
import { compareDevice, type Fact } from './compare.ts';
import type { Scenario, ScenarioProbe } from './scenario.ts';

export interface PhaseReport {
  readonly name: string;
  readonly facts: readonly Fact[];
  readonly converged: boolean;
}

export interface ScenarioReport {
  readonly scenario: string;
  readonly phases: readonly PhaseReport[];
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
}

type Rec = Record<string, unknown>;

export function runScenario(s: Scenario, recorded: Rec, opts: BuildOptions = {}): ScenarioReport {
  const built = buildScenario(s, opts);
  const { net } = built;
  const recPhases = Array.isArray(recorded['phases']) ? (recorded['phases'] as Rec[]) : [];
  const phases: PhaseReport[] = [];
  const stopped = new Set<string>();
  for (const [i, phase] of s.phases.entries()) {
    for (const a of phase.actions) {
      switch (a.kind) {
        case 'stop':
        case 'kill':
          net.daemon(a.device, a.kind);
          stopped.add(a.device);
          break;
        case 'start':
          net.daemon(a.device, 'start');
          stopped.delete(a.device);
          break;
        case 'linkDown':
        case 'linkUp':
          net.link(a.device, a.iface, a.kind === 'linkUp');
          break;
        case 'sleep':
          net.advance(a.seconds);
          break;
        case 'waitForChange':
          net.waitForChange(a.seconds);
          break;
        default:
          break;
      }
    }
    const settled = net.settle();
    const rec = recPhases.find((p) => p['name'] === phase.name) ?? recPhases[i];
    const facts: Fact[] = [];
    if (rec) {
      const devices = (rec['devices'] ?? {}) as Record<string, Rec>;
      for (const [name, d] of Object.entries(devices)) {
        if (stopped.has(name) || Object.keys(d).length <= 1) continue;
        facts.push(...compareDevice(net, name, d));
      }
      const probes = Array.isArray(rec['probes']) ? (rec['probes'] as Rec[]) : [];
      for (const p of phase.probes) {
        const r = probes.find((x) => x['name'] === p.name);
        if (r) facts.push(...compareProbe(net, s, p, r));
      }
    }
    phases.push({ name: phase.name, facts, converged: settled.converged });
  }
  const ok = built.diagnostics.every((d) => d.severity !== 'error') && phases.every((p) => p.converged && p.facts.every((f) => f.ok));
  return { scenario: s.name, phases, diagnostics: built.diagnostics, ok };
}

/** Device name of a pod in the compiled cluster ("web" on node "m01"). */
function podDevice(net: Network, node: string, pod: string): string | undefined {
  for (const name of [`${node}-${pod}`, `${node}/${pod}`, pod]) {
    const cfg = net.config(name);
    if (cfg?.kind === 'pod' && cfg.interfaces.some((i) => i.segment?.startsWith(`veth:${node}:`))) return name;
  }
  for (const name of net.deviceNames()) {
    const cfg = net.config(name)!;
    if (cfg.kind === 'pod' && name.endsWith(pod) && cfg.interfaces.some((i) => i.segment?.startsWith(`veth:${node}:`))) return name;
  }
  return undefined;
}

function podIp(s: Scenario, ref: string): Ip | undefined {
  const [node, pod] = ref.split('/');
  const t = s.devices.find((d) => d.name === node)?.pods.find((p) => p.name === pod)?.ip;
  return t ? (parseIp(t) ?? undefined) : undefined;
}

function compareProbe(net: Network, s: Scenario, p: ScenarioProbe, rec: Rec): Fact[] {
  const facts: Fact[] = [];
  const dev = p.fromPod ? podDevice(net, p.from, p.fromPod) : p.from;
  const to = p.toPod ? podIp(s, p.toPod) : p.to ? (parseIp(p.to) ?? undefined) : undefined;
  const label = `probe ${p.name}`;
  if (!dev || to === undefined) {
    return [{ device: p.from, fact: label, expected: 'runnable', actual: `cannot resolve ${dev ? p.toPod ?? p.to : p.fromPod}`, ok: false }];
  }
  const source = p.source ? (parseIp(p.source) ?? undefined) : undefined;
  const req = { from: dev, to, count: p.count, ...(source !== undefined ? { source } : {}) };
  if (rec['ping']) {
    const ping = net.ping(req);
    const want = (rec['ping'] as Rec)['success'] === true;
    facts.push({ device: p.from, fact: `${label} ping`, expected: want ? 'replies' : 'no reply', actual: ping.received > 0 ? 'replies' : `no reply (${ping.trace.reason})`, ok: want === ping.received > 0 });
  }
  const tr = rec['traceroute'] as Rec | undefined;
  if (tr) {
    const ours = net.traceroute({ ...req, maxHops: p.maxHops, probes: 1 });
    const recHops = (Array.isArray(tr['hops']) ? (tr['hops'] as Rec[]) : []).map((h) => (h['addr'] ? String(h['addr']) : '*'));
    const ourHops = ours.hops.map((h) => (h.probes[0] ? formatIp(h.probes[0].addr) : '*'));
    const reachedRec = tr['reached'] === true;
    facts.push({ device: p.from, fact: `${label} traceroute reached`, expected: String(reachedRec), actual: String(ours.reached), ok: reachedRec === ours.reached });
    if (reachedRec) {
      // ECMP: a hop matches if the same device answered (see compare.ts).
      const same = recHops.length === ourHops.length && recHops.every((a, i) => a === ourHops[i] || (a !== '*' && ourHops[i] !== '*' && net.ownerOf(parseIp(a)!) !== undefined && net.ownerOf(parseIp(a)!) === net.ownerOf(parseIp(ourHops[i]!)!)));
      facts.push({ device: p.from, fact: `${label} traceroute path`, expected: recHops.join(' > '), actual: ourHops.join(' > '), ok: same });
    }
  }
  return facts;
}
