// One node's BIRD configuration as confd renders it (bird.cfg.template, bird_aggr.cfg.template,
// bird_ipam.cfg.template, C331), as data: router id, the static routes, the filter inputs and
// the BGP protocols in config order with the statements each gets. Both the neutral
// DeviceConfig and the BIRD config text are produced from this one model.

import { formatIp, networkOf, parseIp } from '../../../core/ip.ts';
import type { Ip, Prefix } from '../../../core/ip.ts';
import type { BlockAffinity } from './ipam.ts';
import type { PeerEntry, PeerKeyspace } from './peers.ts';
import { protocolName } from './peers.ts';
import { sortedBlocks } from './bird-policy.ts';
import type { ServiceRoutes } from './services.ts';
import { sha256Bytes } from './sha256.ts';
import type { ClusterView, NodeView, PrefixAdvertisement } from './view.ts';
import { nodeAs, nodeListenPort } from './view.ts';

export interface BirdProtocol {
  readonly name: string;
  readonly kind: 'mesh' | 'global' | 'node';
  readonly neighbor: Ip;
  readonly port: number;
  /** Remote AS as rendered (0 = `as 0`, which BIRD refuses). */
  readonly asn: number;
  /** `local as` statement inside the protocol (localASNumber). */
  readonly localAs?: number;
  /** Effective local AS for Calico's iBGP/eBGP decisions. */
  readonly effectiveLocalAs: number;
  readonly sourceAddress?: Ip;
  /** undefined: no multihop statement (mesh). 64 for BIRD's bare `multihop;`. */
  readonly multihop?: number;
  readonly ttlSecurity: boolean;
  readonly passive: boolean;
  readonly restartTime?: number;
  readonly rrClient: boolean;
  readonly rrClusterId?: string;
  readonly password?: string;
  readonly nextHop: 'auto' | 'self' | 'keep';
  readonly allowLocalAs?: number;
  /** BGPFilter names whose import/export function is called (existing, with v4 rules). */
  readonly importFilters: readonly string[];
  readonly exportFilters: readonly string[];
  /** The argument of calico_export_to_bgp_peers(). */
  readonly internalFlag: boolean;
  /** Mesh sessions use `import all` instead of an import filter. */
  readonly importAll: boolean;
  /** A sentence: why this session exists and why it has its flags. */
  readonly why: string;
  readonly entry?: PeerEntry;
}

export interface BirdNodeModel {
  readonly node: string;
  /** `router id` text ('' renders `router id ;`, which BIRD refuses). */
  readonly routerId: string;
  readonly nodeIp?: Ip;
  readonly nodeIpText: string;
  /** network_v4: the node address masked to its prefix length (IPIP CrossSubnet test). */
  readonly nodeNetwork?: Prefix;
  readonly asn: number;
  readonly rrClusterId: string;
  readonly listen?: { readonly address?: string; readonly port?: number; readonly fromNode: boolean };
  readonly blocks: readonly BlockAffinity[];
  readonly services: ServiceRoutes;
  readonly reachableBy: readonly { readonly peer: Ip; readonly via: Ip; readonly scope: 'global' | 'node' }[];
  readonly advertisements: readonly PrefixAdvertisement[];
  readonly ignoredInterfaces: readonly string[];
  readonly logLevel: 'debug' | 'info' | 'none' | 'other';
  readonly meshState: 'rr' | 'enabled' | 'disabled';
  /** Template comments in order ("# Skipping ourselves (…)", RR skips). */
  readonly comments: readonly { readonly section: 'mesh' | 'global' | 'node'; readonly text: string }[];
  readonly protocols: readonly BirdProtocol[];
  /** The RR LoadBalancer exception ranges (bird_ipam.cfg.template). */
  readonly rrLbRanges: readonly Prefix[];
}

/** template_funcs.go hashToIPv4: first 4 bytes of SHA-256(nodename), first octet - 32 if > 223. */
export function hashToIPv4(nodeName: string): string {
  const b = sha256Bytes(nodeName);
  const first = b[0]! > 223 ? b[0]! - 32 : b[0]!;
  return `${first}.${b[1]}.${b[2]}.${b[3]}`;
}

function logLevelOf(sev: string): BirdNodeModel['logLevel'] {
  // client.go getLogSeverityKVPair: Debug → debug, Info → info, others as lowercase words.
  const s = sev.toLowerCase();
  return s === 'debug' ? 'debug' : s === 'info' ? 'info' : s === 'none' ? 'none' : 'other';
}

function strGreater(a: string, b: string): boolean {
  // Go template `gt` on strings: byte-wise lexicographic (so "172.17.0.10" < "172.17.0.5").
  return a > b;
}

export function buildBirdModel(
  v: ClusterView,
  n: NodeView,
  keys: PeerKeyspace,
  blocks: readonly BlockAffinity[],
  services: ServiceRoutes,
): BirdNodeModel {
  const nodeIpText = n.ipv4 ? formatIp(n.ipv4.ip) : '';
  const asn = nodeAs(v, n);
  const routerId = v.routerIdEnv === 'hash' ? hashToIPv4(n.name) : v.routerIdEnv !== '' ? v.routerIdEnv : nodeIpText;
  const comments: { section: 'mesh' | 'global' | 'node'; text: string }[] = [];
  const protocols: BirdProtocol[] = [];
  const isRR = n.rrClusterId !== '';
  const meshState: BirdNodeModel['meshState'] = isRR ? 'rr' : v.meshEnabled ? 'enabled' : 'disabled';

  if (n.ipv4 && !isRR && v.meshEnabled) {
    for (const o of v.nodes) {
      if (!o.ipv4 && o.ipv4Text === '') continue;
      const oip = o.ipv4 ? formatIp(o.ipv4.ip) : '';
      if (oip === nodeIpText) {
        comments.push({ section: 'mesh', text: `# Skipping ourselves (${nodeIpText})` });
        continue;
      }
      if (o.rrClusterId !== '') {
        comments.push({ section: 'mesh', text: `# Skipping ${oip} (${o.name}) as it is a route reflector with cluster ID ${o.rrClusterId}` });
        continue;
      }
      if (!o.ipv4) continue;
      const passive = strGreater(oip, nodeIpText);
      const oas = nodeAs(v, o);
      protocols.push({
        name: protocolName('Mesh', oip, 0),
        kind: 'mesh',
        neighbor: o.ipv4.ip,
        port: nodeListenPort(v, o),
        asn: oas,
        effectiveLocalAs: asn,
        sourceAddress: n.ipv4.ip,
        ttlSecurity: false,
        passive,
        ...(v.meshRestartTime !== undefined ? { restartTime: v.meshRestartTime } : {}),
        rrClient: false,
        ...(v.meshPassword !== undefined && v.meshPassword !== '' ? { password: v.meshPassword } : {}),
        nextHop: 'auto',
        importFilters: [],
        exportFilters: [],
        internalFlag: true,
        importAll: true,
        why: `node-to-node mesh with ${o.name}${passive ? `; passive on because "${oip}" > "${nodeIpText}" (string order), so ${o.name} connects` : ''}`,
      });
    }
  }

  const reachableBy: { peer: Ip; via: Ip; scope: 'global' | 'node' }[] = [];
  const addEntries = (entries: readonly PeerEntry[], scope: 'global' | 'node'): void => {
    for (const e of entries) {
      if (e.ip === null) {
        comments.push({ section: scope, text: `# IPv6 peer ${e.ipText} (BGPPeer ${e.from}) is configured in bird6 (not simulated)` });
        continue;
      }
      if (e.reachableBy) {
        const via = parseIp(e.reachableBy);
        if (via !== null) reachableBy.push({ peer: e.ip, via, scope });
      }
      if (e.ipText === nodeIpText) {
        comments.push({ section: scope, text: `# Skipping ourselves (${nodeIpText})` });
        continue;
      }
      if (!n.ipv4) continue;
      const effectiveLocalAs = e.localAsn !== 0 ? e.localAsn : asn;
      const ibgp = e.asn === effectiveLocalAs;
      // bird.cfg.template: rr client when iBGP, this node has a cluster ID and the entry's differs.
      const rrClient = ibgp && isRR && e.rrClusterId !== n.rrClusterId;
      // Global section only: a Calico node with the greater address string waits for us.
      const passive = scope === 'global' && e.calicoNode && strGreater(e.ipText, nodeIpText);
      let nextHop: BirdProtocol['nextHop'] = 'auto';
      if (!ibgp && e.keepNextHop) nextHop = 'keep';
      if (e.nextHopMode === 'Self') nextHop = 'self';
      if (e.nextHopMode === 'Keep') nextHop = 'keep';
      const existing = (dir: 'importV4' | 'exportV4'): string[] => e.filters.filter((f) => (v.filters.get(f)?.[dir] ?? []).length > 0);
      const whyParts = [`BGPPeer ${e.from}${e.pass === 'reverse' ? ' (automatic reverse peering)' : ''}`, ibgp ? 'iBGP' : 'eBGP'];
      if (e.asn === 0) whyParts.push('no asNumber: renders "as 0"');
      if (rrClient) whyParts.push(`route-reflector client: this node has cluster ID ${n.rrClusterId} and the peer ${e.rrClusterId === '' ? 'has none' : `has ${e.rrClusterId}`}`);
      else if (isRR && ibgp) whyParts.push(`not an RR client: same cluster ID ${n.rrClusterId}`);
      if (passive) whyParts.push(`passive on because "${e.ipText}" > "${nodeIpText}"`);
      protocols.push({
        name: protocolName(scope === 'global' ? 'Global' : 'Node', e.ipText, e.port),
        kind: scope,
        neighbor: e.ip,
        port: e.port,
        asn: e.asn,
        ...(e.localAsn !== 0 ? { localAs: e.localAsn } : {}),
        effectiveLocalAs,
        ...(e.sourceAddr === 'UseNodeIP' ? { sourceAddress: n.ipv4.ip } : {}),
        multihop: e.ttlSecurity > 0 ? e.ttlSecurity : 64,
        ttlSecurity: e.ttlSecurity > 0,
        passive,
        ...(e.restartTime !== '' ? { restartTime: Number(e.restartTime) } : {}),
        rrClient,
        ...(rrClient ? { rrClusterId: n.rrClusterId } : {}),
        ...(e.password ? { password: e.password } : {}),
        nextHop,
        ...(e.numAllowLocalAs ? { allowLocalAs: e.numAllowLocalAs } : {}),
        importFilters: existing('importV4'),
        exportFilters: existing('exportV4'),
        internalFlag: ibgp,
        importAll: false,
        why: whyParts.join('; '),
        entry: e,
      });
    }
  };
  addEntries(keys.global, 'global');
  addEntries(keys.byNode.get(n.name) ?? [], 'node');

  const listenPortNode = n.listenPort;
  const listenPort = listenPortNode ?? v.globalListenPort;
  const listenAddress = v.bindMode === 'NodeIP' && nodeIpText !== '' ? nodeIpText : undefined;
  const listen =
    listenPort !== undefined || listenAddress !== undefined
      ? { ...(listenAddress ? { address: listenAddress } : {}), ...(listenPort !== undefined ? { port: listenPort } : {}), fromNode: listenPortNode !== undefined }
      : undefined;

  return {
    node: n.name,
    routerId,
    ...(n.ipv4 ? { nodeIp: n.ipv4.ip, nodeNetwork: { addr: networkOf(n.ipv4.ip, n.ipv4.len), len: n.ipv4.len } } : {}),
    nodeIpText,
    asn,
    rrClusterId: n.rrClusterId,
    ...(listen ? { listen } : {}),
    blocks: sortedBlocks(blocks),
    services,
    reachableBy,
    advertisements: v.nodePrefixAdvertisements.get(n.name) ?? v.globalPrefixAdvertisements,
    ignoredInterfaces: v.ignoredInterfaces,
    logLevel: logLevelOf(v.logSeverity),
    meshState,
    comments,
    protocols,
    rrLbRanges: isRR ? v.serviceLoadBalancerIPs : [],
  };
}

/** BIRD's own checks that make `bird -p` fail (bgp.c bgp_check_config, the config grammar). */
export function birdConfigErrors(m: BirdNodeModel): string[] {
  const errs: string[] = [];
  if (m.routerId === '' || parseIp(m.routerId) === null) errs.push('syntax error');
  for (const p of m.protocols) {
    if (p.asn === 0) errs.push(`Remote AS number must be set`);
    if (p.rrClient && p.asn !== p.effectiveLocalAs) errs.push('Only internal neighbor can be RR client');
  }
  return errs;
}
