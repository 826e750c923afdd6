// Which BGP sessions each node gets — confd's peer computation (client.go updatePeersV1,
// nodeAsBGPPeers, nodesWithIPPortAndAS) plus the bird.cfg.template rules that turn the
// resulting keys into protocols (mesh, global, node-specific), C331.
//
// Determinism: confd iterates BGPPeers and nodes as Go maps (unspecified order), which only
// matters when two BGPPeers produce the same (IP, port) key — then "the first one wins". We
// process BGPPeers sorted by name and nodes sorted by name, and record the loser.

import { formatIp, parseIp } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import { parseIpPort } from '../resources/field-checks.ts';
import type { BGPPeerSpec, Resource } from '../resources/types.ts';
import { parseGoDuration } from '../schema.ts';
import { compileSelector } from '../selector/selector.ts';
import type { ClusterView, NodeView } from './view.ts';
import { nodeAs, nodeListenPort, resolvePassword } from './view.ts';
import type { Diagnostic } from '../../../core/diagnostics.ts';

/** One confd peering key's value (client.go bgpPeer) plus where it came from. */
export interface PeerEntry {
  readonly scope: 'global' | 'node';
  readonly ipText: string;
  readonly ip: Ip | null; // null for IPv6 (bird6, not simulated)
  readonly port: number; // 0 = not given
  readonly asn: number; // 0 = not given (BIRD refuses `as 0`)
  readonly localAsn: number; // 0 = none
  readonly rrClusterId: string;
  readonly calicoNode: boolean;
  readonly sourceAddr: string;
  readonly keepNextHop: boolean;
  readonly nextHopMode: string;
  readonly restartTime: string;
  readonly numAllowLocalAs: number;
  readonly ttlSecurity: number;
  readonly reachableBy: string;
  readonly filters: readonly string[];
  readonly password?: string;
  /** The BGPPeer resource and the pass (forward global/node, or automatic reverse). */
  readonly from: string;
  readonly pass: 'global' | 'node' | 'reverse';
}

export interface PeerKeyspace {
  /** Global entries, sorted by key as confd's `gets` returns them. */
  readonly global: readonly PeerEntry[];
  /** Node-specific entries per node name, sorted by key. */
  readonly byNode: ReadonlyMap<string, readonly PeerEntry[]>;
  /** Why entries were dropped or BGPPeers produced nothing (for explanations and hints). */
  readonly notes: readonly { readonly node?: string; readonly text: string }[];
}

/** model/bgppeer.go combineIPAndPort: port 0 and 179 are the same key. */
function keyPart(ipText: string, port: number): string {
  return port === 0 || port === 179 ? ipText : `${ipText}-${port}`;
}

function splitIpPort(s: string): { host: string; port: number } {
  const p = parseIpPort(s);
  if (p) return { host: p.ip, port: p.port };
  return { host: s, port: 0 };
}

function nodesMatching(v: ClusterView, selector: string): NodeView[] {
  const sel = compileSelector(selector);
  return v.nodes.filter((n) => sel.matches(n.labels));
}

/** client.go nodesWithIPPortAndAS, including its else-if quirk on the global listen port. */
function nodesWithIpPortAndAs(v: ClusterView, ip: string, asn: number, port: number): NodeView[] {
  const want = asn === 0 ? v.globalAs : asn;
  return v.nodes.filter((n) => {
    if (n.ipv4 === undefined || formatIp(n.ipv4.ip) !== ip) return false;
    if (nodeAs(v, n) !== want) return false;
    if (port !== 0) {
      if (n.listenPort !== undefined && port !== n.listenPort) return false;
      else if (v.globalListenPort !== undefined && v.globalListenPort !== port) return false;
    }
    return true;
  });
}

function restartTime(spec: BGPPeerSpec): string {
  if (spec.maxRestartTime === undefined) return '';
  const s = parseGoDuration(spec.maxRestartTime);
  return typeof s === 'number' ? String(Math.round(s)) : '';
}

function nextHop(spec: BGPPeerSpec): { keepNextHop: boolean; nextHopMode: string } {
  // getNextHopMode: nextHopMode set → keepOriginalNextHop ignored.
  if (spec.nextHopMode !== undefined) return { keepNextHop: false, nextHopMode: spec.nextHopMode };
  return { keepNextHop: spec.keepOriginalNextHop === true, nextHopMode: '' };
}

/** client.go nodeAsBGPPeers (IPv4 only): the entry for peering with Calico node `n`. */
function nodeAsPeer(v: ClusterView, n: NodeView, spec: BGPPeerSpec, common: Common, from: string, pass: PeerEntry['pass'], scope: PeerEntry['scope']): PeerEntry | undefined {
  if (!n.ipv4) return undefined;
  return {
    scope,
    ipText: formatIp(n.ipv4.ip),
    ip: n.ipv4.ip,
    port: nodeListenPort(v, n),
    asn: nodeAs(v, n),
    localAsn: 0,
    rrClusterId: n.rrClusterId,
    calicoNode: false,
    ...nextHop(spec),
    numAllowLocalAs: 0,
    ttlSecurity: spec.ttlSecurity ?? 0,
    reachableBy: spec.reachableBy ?? '',
    filters: spec.filters ?? [],
    ...common,
    from,
    pass,
  };
}

interface Common {
  readonly sourceAddr: string;
  readonly restartTime: string;
  readonly password?: string;
}

export function computePeers(v: ClusterView, diagnostics: Diagnostic[]): PeerKeyspace {
  const emitted = new Map<string, PeerEntry>();
  const globalKeys = new Set<string>();
  const notes: { node?: string; text: string }[] = [];
  const peers = [...v.peers].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const nodeIps = new Set(v.nodes.flatMap((n) => (n.ipv4 ? [formatIp(n.ipv4.ip)] : [])));

  const emit = (node: string | undefined, e: PeerEntry): void => {
    const k = keyPart(e.ipText, e.port);
    const key = node === undefined ? `global|${k}` : `node|${node}|${k}`;
    const other = emitted.get(key);
    if (other) {
      if (other.from !== e.from) {
        notes.push({ ...(node ? { node } : {}), text: `BGPPeer ${e.from} (${e.pass}) to ${e.ipText}: the same peering already exists from BGPPeer ${other.from} (${other.pass}); the first one wins.` });
      }
      return;
    }
    if (node !== undefined && globalKeys.has(k)) {
      notes.push({ node, text: `BGPPeer ${e.from} (${e.pass}) to ${e.ipText}: dropped, a global peering to the same address exists.` });
      return;
    }
    emitted.set(key, e);
    if (node === undefined) globalKeys.add(k);
  };

  const commonOf = (r: Resource): Common => {
    const spec = (r.spec ?? {}) as BGPPeerSpec;
    const password = resolvePassword(v.store, spec.password, `BGPPeer ${r.metadata.name ?? ''}`, diagnostics);
    return { sourceAddr: spec.sourceAddress || 'UseNodeIP', restartTime: restartTime(spec), ...(password !== undefined ? { password } : {}) };
  };

  for (const globalPass of [true, false]) {
    for (const r of peers) {
      const name = r.metadata.name ?? '';
      const spec = (r.spec ?? {}) as BGPPeerSpec;
      const isGlobal = !spec.nodeSelector && !spec.node;
      if (globalPass !== isGlobal) continue;
      const localNodes = spec.nodeSelector ? nodesMatching(v, spec.nodeSelector).map((n) => n.name) : spec.node ? [spec.node] : [];
      if (!isGlobal && localNodes.length === 0) {
        notes.push({ text: `BGPPeer ${name}: ${spec.nodeSelector ? `nodeSelector "${spec.nodeSelector}" matches no node` : `node ${spec.node} does not exist`}, so no node gets this peering.` });
      }
      const scope: PeerEntry['scope'] = isGlobal ? 'global' : 'node';
      const pass: PeerEntry['pass'] = isGlobal ? 'global' : 'node';
      const common = commonOf(r);
      let entries: PeerEntry[] = [];
      if (spec.localWorkloadSelector) {
        notes.push({ text: `BGPPeer ${name}: localWorkloadSelector peerings (BGP to pods) are not simulated.` });
        continue;
      } else if (spec.peerSelector) {
        const matched = nodesMatching(v, spec.peerSelector);
        if (matched.length === 0) notes.push({ text: `BGPPeer ${name}: peerSelector "${spec.peerSelector}" matches no node.` });
        for (const n of matched) {
          const e = nodeAsPeer(v, n, spec, common, name, pass, scope);
          if (e) entries.push(e);
        }
      } else {
        const { host, port: givenPort } = splitIpPort(spec.peerIP ?? '');
        const ip = parseIp(host);
        const v6 = ip === null && host.includes(':');
        if (ip === null && !v6) continue; // "PeerIP is not assigned or is malformed"
        let port = givenPort;
        if (port === 0) {
          const match = nodesWithIpPortAndAs(v, host, spec.asNumber ?? 0, 0);
          if (match.length > 0) port = match[0]!.listenPort ?? v.globalListenPort ?? 0;
        }
        entries = [
          {
            scope,
            ipText: host,
            ip,
            port,
            asn: spec.asNumber ?? 0,
            localAsn: spec.localASNumber ?? 0,
            rrClusterId: '',
            calicoNode: nodeIps.has(host),
            ...nextHop(spec),
            numAllowLocalAs: spec.numAllowedLocalASNumbers ?? 0,
            ttlSecurity: spec.ttlSecurity ?? 0,
            reachableBy: spec.reachableBy ?? '',
            filters: spec.filters ?? [],
            ...common,
            from: name,
            pass,
          },
        ];
      }
      for (const e of entries) {
        if (globalPass) emit(undefined, e);
        else for (const ln of localNodes) emit(ln, e);
      }
    }
  }

  // Reverse pass: make peerings symmetric (explicit entries win, emit() keeps the first).
  for (const r of peers) {
    const name = r.metadata.name ?? '';
    const spec = (r.spec ?? {}) as BGPPeerSpec;
    if (spec.reversePeering === 'Manual' || spec.localWorkloadSelector) continue;
    let local: NodeView[];
    if (spec.peerSelector) local = nodesMatching(v, spec.peerSelector);
    else {
      const { host, port } = splitIpPort(spec.peerIP ?? '');
      if (host.includes(':')) continue; // IPv6 reverse peerings belong to bird6.
      local = nodesWithIpPortAndAs(v, host, spec.asNumber ?? 0, port);
    }
    if (local.length === 0) continue;
    const peerNodes = spec.nodeSelector ? nodesMatching(v, spec.nodeSelector) : spec.node ? v.nodes.filter((n) => n.name === spec.node) : v.nodes;
    const common = commonOf(r);
    for (const pn of peerNodes) {
      const e = nodeAsPeer(v, pn, spec, common, name, 'reverse', 'node');
      if (!e) continue;
      for (const ln of local) emit(ln.name, e);
    }
  }

  const sortKey = (e: PeerEntry): string => keyPart(e.ipText, e.port);
  const global = [...emitted.entries()].filter(([k]) => k.startsWith('global|')).map(([, e]) => e);
  global.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const byNode = new Map<string, PeerEntry[]>();
  for (const [k, e] of emitted) {
    if (!k.startsWith('node|')) continue;
    const node = k.split('|')[1]!;
    const list = byNode.get(node) ?? [];
    list.push(e);
    byNode.set(node, list);
  }
  for (const list of byNode.values()) list.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return { global, byNode, notes };
}

/** BIRD protocol name for an entry (bird.cfg.template: `Global_10_0_0_1_port_1790`). */
export function protocolName(prefix: 'Mesh' | 'Global' | 'Node', ipText: string, port: number): string {
  const id = ipText.split('.').join('_');
  return prefix === 'Mesh' || port === 0 ? `${prefix}_${id}` : `${prefix}_${id}_port_${port}`;
}
