// Our compiled BIRD semantics against the configs the conformance harness rendered for real
// BIRD 1.6.8 (/work/shared/conformance, copied into testdata/conformance: each scenario's
// YAML and its calico-node configs). For every scenario, the cluster section is turned into
// Calico resources, compiled, and each node's BGP protocols (name, neighbour, AS, passive,
// rr client / cluster id, multihop) and static blackholes are compared with the recorded
// config text. Protocol order is compared as a set: the harness emits peers in BGPPeer order,
// confd sorts them by key (both render the same protocols).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIfAddr, parsePrefix } from '../../../core/ip.ts';
import { CalicoCluster } from '../cluster.ts';
import { parseYaml, toPlain } from '../yaml/source.ts';
import { toGoYaml } from '../yaml/emit.ts';
import type { CalicoHost } from './view.ts';

const DIR = join(__dirname, '..', 'testdata', 'conformance');

interface Proto {
  name: string;
  neighbor: string;
  port: number;
  as: number;
  passive: boolean;
  rrClient: boolean;
  rrClusterId: string;
  multihop: boolean;
  keep: boolean;
  allowLocalAs: number;
}

/** Reads the BGP protocols of a BIRD config (the subset of the grammar Calico renders). */
function parseProtocols(text: string): Proto[] {
  const out: Proto[] = [];
  const re = /protocol bgp (\S+) from bgp_template \{([\s\S]*?)\n\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!.replace(/#.*$/gm, '');
    const nb = /neighbor (\S+) (?:port (\d+) )?as (\d+);/.exec(body);
    out.push({
      name: m[1]!,
      neighbor: nb?.[1] ?? '',
      port: nb?.[2] ? Number(nb[2]) : 0,
      as: nb ? Number(nb[3]) : -1,
      passive: /passive on;/.test(body),
      rrClient: /rr client;/.test(body),
      rrClusterId: /rr cluster id (\S+);/.exec(body)?.[1] ?? '',
      multihop: /\bmultihop\b/.test(body),
      keep: /next hop keep;/.test(body),
      allowLocalAs: Number(/allow local as (\d+);/.exec(body)?.[1] ?? 0),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function staticBlackholes(text: string): string[] {
  const m = /protocol static \{([\s\S]*?)\n\}/.exec(text);
  if (!m) return [];
  return [...m[1]!.matchAll(/route (\S+) blackhole;/g)].map((x) => x[1]!).sort();
}

interface ScDevice {
  name: string;
  kind?: string;
  cluster?: string;
  as?: number;
  nodeIP?: string;
  labels?: Record<string, string>;
  routeReflectorClusterID?: string;
  interfaces?: { name: string; ip?: string; ips?: string[]; segment?: string }[];
  blocks?: string[];
  peers?: Record<string, unknown>[];
  originate?: string[];
}

interface ScCluster {
  as?: number;
  nodeToNodeMesh?: boolean;
  ipPools?: { cidr: string; disabled?: boolean; disableBGPExport?: boolean }[];
  serviceClusterIPs?: string[];
  serviceExternalIPs?: string[];
  bgpFilters?: Record<string, unknown>;
  bgpPeers?: Record<string, unknown>[];
}

/** The harness's BGPPeer fields → a BGPPeer resource (password/restart time as the oracle has them are skipped). */
function peerResource(p: Record<string, unknown>, name: string, node?: string): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const k of ['nodeSelector', 'peerSelector', 'peerIP', 'asNumber', 'keepOriginalNextHop', 'numAllowedLocalASNumbers', 'ttlSecurity', 'sourceAddress', 'filters', 'node']) {
    const v = p[k];
    if (v === undefined || v === null || v === false || v === 0 || v === '') continue;
    spec[k] = v;
  }
  if (node) spec['node'] = node;
  if (p['ip'] !== undefined) spec['peerIP'] = p['ip'];
  if (p['as'] !== undefined) spec['asNumber'] = p['as'];
  return { apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name }, spec };
}

function clusterFrom(scName: string, cname: string, c: ScCluster, devices: ScDevice[], first: string): { cluster: CalicoCluster; text: string; nodes: ScDevice[] } {
  const nodes = devices.filter((d) => d.kind === 'calico-node' && (d.cluster ?? first) === cname);
  const clusterAs = c.as ?? 64512;
  const hosts: CalicoHost[] = nodes.map((d) => {
    const ifaces = (d.interfaces ?? []).map((i) => ({
      name: i.name,
      addresses: [...(i.ip ? [i.ip] : []), ...(i.ips ?? [])].map((a) => parseIfAddr(a)!),
      ...(i.segment ? { segment: i.segment } : {}),
    }));
    return { name: d.name, interfaces: ifaces, staticRoutes: [], labels: d.labels ?? {}, blocks: (d.blocks ?? []).map((b) => parsePrefix(b)!) };
  });
  const docs: Record<string, unknown>[] = [];
  docs.push({
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPConfiguration',
    metadata: { name: 'default' },
    spec: {
      asNumber: clusterAs,
      nodeToNodeMeshEnabled: c.nodeToNodeMesh ?? true,
      ...(c.serviceClusterIPs?.length ? { serviceClusterIPs: c.serviceClusterIPs.map((cidr) => ({ cidr })) } : {}),
      ...(c.serviceExternalIPs?.length ? { serviceExternalIPs: c.serviceExternalIPs.map((cidr) => ({ cidr })) } : {}),
    },
  });
  (c.ipPools ?? [{ cidr: '10.244.0.0/16' }]).forEach((p, i) => {
    docs.push({ apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: `pool-${i}` }, spec: { cidr: p.cidr, ...(p.disabled ? { disabled: true } : {}), ...(p.disableBGPExport ? { disableBGPExport: true } : {}) } });
  });
  for (const [name, spec] of Object.entries(c.bgpFilters ?? {})) docs.push({ apiVersion: 'projectcalico.org/v3', kind: 'BGPFilter', metadata: { name }, spec });
  for (const d of nodes) {
    const ip = d.nodeIP ? `${d.nodeIP}/32` : undefined;
    const first = d.interfaces?.[0];
    const addr = ip ?? first?.ip ?? first?.ips?.[0];
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind: 'Node',
      metadata: { name: d.name, labels: { 'kubernetes.io/hostname': d.name, ...(d.labels ?? {}) } },
      spec: { bgp: { ipv4Address: addr, ...(d.as !== undefined && d.as !== clusterAs ? { asNumber: d.as } : {}), ...(d.routeReflectorClusterID ? { routeReflectorClusterID: d.routeReflectorClusterID } : {}) } },
    });
  }
  (c.bgpPeers ?? []).forEach((p) => docs.push(peerResource(p, String(p['name']))));
  for (const d of nodes) (d.peers ?? []).forEach((p, i) => docs.push(peerResource(p, `${d.name}-peer-${i}`, d.name)));
  const text = docs.map((d) => toGoYaml(d)).join('---\n');
  void scName;
  return { cluster: new CalicoCluster(cname, hosts), text, nodes };
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('conformance: compiled peers match the configs rendered for real BIRD', () => {
  it.each(files)('%s', (f) => {
    const rec = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { scenarioYaml: string; configs: Record<string, string> };
    const sc = toPlain(parseYaml(rec.scenarioYaml).docs[0]!.root) as { clusters?: Record<string, ScCluster>; devices: ScDevice[] };
    const clusters = sc.clusters ?? { default: {} };
    const first = Object.keys(clusters)[0]!;
    let compared = 0;
    let protocols = 0;
    for (const [cname, c] of Object.entries(clusters)) {
      const { cluster, text, nodes } = clusterFrom(f, cname, c, sc.devices, first);
      const r = cluster.applyFile('scenario.yaml', text);
      expect(r.ok, r.message).toBe(true);
      const compiled = cluster.compile();
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      for (const n of nodes) {
        const recorded = rec.configs[n.name];
        if (recorded === undefined) continue;
        const e = compiled.explain.get(n.name)!;
        const ours = parseProtocols(e.files['bird.cfg']);
        expect({ node: n.name, protocols: ours }).toEqual({ node: n.name, protocols: parseProtocols(recorded) });
        protocols += ours.length;
        expect(/router id (\S+);/.exec(e.files['bird.cfg'])?.[1]).toBe(/router id (\S+);/.exec(recorded)?.[1]);
        expect(/local as (\d+);/.exec(e.files['bird.cfg'])?.[1]).toBe(/template bgp bgp_template \{[\s\S]*?local as (\d+);/.exec(recorded)?.[1]);
        // The harness's "originate" (not a Calico feature) adds blackholes we do not model.
        const originate = new Set(n.originate ?? []);
        expect(staticBlackholes(e.files['bird_aggr.cfg'])).toEqual(staticBlackholes(recorded).filter((p) => !originate.has(p)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
    expect(protocols).toBeGreaterThan(0);
  });
});
