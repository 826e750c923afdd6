// BIRD filters as Calico renders them (bird_ipam.cfg.template, bird_aggr.cfg.template,
// template_funcs.go BGPFilterBIRDFuncs, C331), expressed in the neutral policy language.
// Statement labels read like the rendered BIRD text so a learner recognises them.

import { formatPrefix } from '../../../core/ip.ts';
import type { IfAddr, Prefix } from '../../../core/ip.ts';
import { networkOf } from '../../../core/ip.ts';
import type { Cond, Policy, PolicyAction, PolicyStatement } from '../../../model/policy.ts';
import type { BGPFilterRule, BGPFilterSpec } from '../resources/types.ts';
import { sha256Hex } from './sha256.ts';
import type { BlockAffinity } from './ipam.ts';
import type { PoolView, PrefixAdvertisement } from './view.ts';

const MAX_BIRD_SYMBOL = 64;

/** template_funcs.go BGPFilterFunctionName (with truncateAndHashName), quotes included. */
export function filterFunctionName(filter: string, direction: 'import' | 'export', version: '4' | '6' = '4'): string {
  const fixed = `bgp__${direction}FilterV${version}`.length;
  const maxLen = MAX_BIRD_SYMBOL - fixed;
  let name = filter;
  if (name.length > maxLen) name = `${name.slice(0, maxLen - 17)}_${sha256Hex(filter).toUpperCase().slice(0, 16)}`;
  return `'bgp_${name}_${direction}FilterV${version}'`;
}

/** The BIRD condition text of one rule (template_funcs.go filterStatement), for labels and the config. */
export function ruleBirdText(r: BGPFilterRule): string {
  const conds: string[] = [];
  if (r.cidr) {
    const op = { Equal: '=', NotEqual: '!=', In: '~', NotIn: '!~' }[r.matchOperator ?? ''] ?? '?';
    let set = r.cidr;
    if (r.prefixLength) {
      const len = Number(r.cidr.split('/')[1] ?? 32);
      const lo = Math.max(len, r.prefixLength.min ?? len);
      const hi = Math.min(32, r.prefixLength.max ?? 32);
      set = `[ ${r.cidr}{${lo},${hi}} ]`;
    }
    conds.push(`(net ${op} ${set})`);
  }
  if (r.source === 'RemotePeers') conds.push('((defined(source))&&(source ~ [ RTS_BGP ]))');
  if (r.interface) conds.push(`((defined(ifname))&&(ifname ~ "${r.interface}"))`);
  const act = `${(r.action ?? '').toLowerCase()};`;
  return conds.length > 0 ? `if (${conds.join('&&')}) then { ${act} }` : act;
}

function parseCidr(text: string): Prefix | undefined {
  const [ip, len] = text.split('/');
  const parts = (ip ?? '').split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const addr = (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0;
  const l = len === undefined ? 32 : Number(len);
  return { addr: networkOf(addr, l), len: l };
}

/** One BGPFilter rule → condition (all parts ANDed; none = unconditional). */
function ruleCond(r: BGPFilterRule): Cond {
  const parts: Cond[] = [];
  if (r.cidr) {
    const p = parseCidr(r.cidr);
    if (p) {
      if (r.prefixLength) {
        const lo = Math.max(p.len, r.prefixLength.min ?? p.len);
        const hi = Math.min(32, r.prefixLength.max ?? 32);
        const inSet: Cond = { op: 'prefixIn', ranges: [{ prefix: p, minLen: lo, maxLen: hi }] };
        // BIRD 1.6.8 (tested): `net = [ set ]` compares a prefix with a prefix set, val_compare
        // fails ("Types do not match in val_compare") and `=` is false, `!=` true — always.
        switch (r.matchOperator) {
          case 'Equal':
            parts.push({ op: 'not', arg: { op: 'true' } });
            break;
          case 'NotEqual':
            parts.push({ op: 'true' });
            break;
          case 'NotIn':
            parts.push({ op: 'not', arg: inSet });
            break;
          default:
            parts.push(inSet);
        }
      } else {
        switch (r.matchOperator) {
          case 'Equal':
            parts.push({ op: 'prefixEq', prefix: p });
            break;
          case 'NotEqual':
            parts.push({ op: 'not', arg: { op: 'prefixEq', prefix: p } });
            break;
          case 'NotIn':
            parts.push({ op: 'not', arg: { op: 'prefixIn', ranges: [{ prefix: p }] } });
            break;
          default:
            parts.push({ op: 'prefixIn', ranges: [{ prefix: p }] });
        }
      }
    }
  }
  if (r.source === 'RemotePeers') parts.push({ op: 'source', sources: ['bgp'] });
  if (r.interface) parts.push({ op: 'ifname', glob: r.interface });
  if (parts.length === 0) return { op: 'true' };
  return parts.length === 1 ? parts[0]! : { op: 'and', args: parts };
}

/** A BGPFilter's import or export function for IPv4, or undefined when it has no such rules. */
export function bgpFilterPolicy(name: string, spec: BGPFilterSpec, direction: 'import' | 'export'): Policy | undefined {
  const rules = direction === 'import' ? spec.importV4 : spec.exportV4;
  if (!rules || rules.length === 0) return undefined;
  const fn = filterFunctionName(name, direction);
  const statements: PolicyStatement[] = rules.map((r, i) => ({
    label: `BGPFilter ${name} ${direction}V4 rule ${i + 1}: ${ruleBirdText(r)}`,
    when: ruleCond(r),
    actions: [],
    result: r.action === 'Accept' ? 'accept' : 'reject',
  }));
  return { name: fn, statements, fallthrough: 'next', fallthroughLabel: `${fn}: no rule matched, on to the next filter` };
}

export interface ExportContext {
  readonly pools: readonly PoolView[];
  /** This node's block affinities. */
  readonly blocks: readonly BlockAffinity[];
  /** /staticroutes of this node: service ranges and per-service /32s. */
  readonly staticRoutes: readonly Prefix[];
  /** IPv4 serviceLoadBalancerIPs ranges, when this node is a route reflector. */
  readonly rrLbRanges: readonly Prefix[];
  readonly advertisements: readonly PrefixAdvertisement[];
}

/** bird_ipam.cfg.template calico_export_to_bgp_peers(internal_peer), steps 1–8 (spec §4.2). */
export function calicoExportPolicy(ctx: ExportContext, internal: boolean): Policy {
  const s: PolicyStatement[] = [];
  const P = formatPrefix;
  for (const pool of sortedPools(ctx.pools)) {
    if (pool.disableBGPExport) {
      s.push({ label: `reject_disabled_pools: net ~ ${pool.cidrText} (IPPool ${pool.name} has disableBGPExport) → reject`, when: inP(pool.cidr), actions: [], result: 'reject' });
    }
  }
  if (internal) {
    s.push({
      label: 'reject_tunnel_routes: ifname ~ "*.cali" or "*.calico" (Felix VXLAN/WireGuard routes) → reject',
      when: { op: 'or', args: [{ op: 'ifname', glob: '*.cali' }, { op: 'ifname', glob: '*.calico' }] },
      actions: [],
      result: 'reject',
    });
  }
  s.push({ label: 'reject_local_routes: ifname ~ "bpf*.cali" → reject', when: { op: 'ifname', glob: 'bpf*.cali' }, actions: [], result: 'reject' });
  for (const a of ctx.advertisements) {
    s.push({ label: `apply_communities: net ~ ${P(a.cidr)} → add ${a.communities.join(', ')}`, when: inP(a.cidr), actions: [{ kind: 'addCommunities', values: a.communities }], result: 'continue' });
  }
  for (const b of sortedBlocks(ctx.blocks)) {
    // bird_aggr.cfg.template: only confirmed (or state-less) blocks get the aggregation pair.
    if (b.state !== 'confirmed') continue;
    s.push({ label: `calico_aggr: net = ${P(b.prefix)} → accept (own block)`, when: { op: 'prefixEq', prefix: b.prefix }, actions: [], result: 'accept' });
    s.push({ label: `calico_aggr: net ~ ${P(b.prefix)} → reject (inside own block)`, when: inP(b.prefix), actions: [], result: 'reject' });
  }
  for (const r of sortedStatic(ctx.staticRoutes)) {
    s.push({ label: `static route: net ~ ${P(r)} → accept`, when: inP(r), actions: [], result: 'accept' });
  }
  for (const r of ctx.rrLbRanges) {
    s.push({ label: `route reflector, LoadBalancer range: net ~ ${P(r)} → accept`, when: inP(r), actions: [], result: 'accept' });
  }
  for (const pool of sortedPools(ctx.pools)) {
    if (pool.disableBGPExport) continue;
    s.push({ label: `IP pool ${pool.cidrText} (${pool.name}${pool.disabled ? ', disabled' : ''}) → accept`, when: inP(pool.cidr), actions: [], result: 'accept' });
  }
  return {
    name: `calico_export_to_bgp_peers(${internal})`,
    statements: s,
    fallthrough: 'next',
    fallthroughLabel: 'calico_export_to_bgp_peers: not in an IP pool, own block or service range',
  };
}

export interface KernelContext {
  readonly pools: readonly PoolView[];
  readonly rejectCidrs: readonly Prefix[];
  /** The node's IPv4 network (spec.bgp.ipv4Address masked); absent = no pool statements. */
  readonly network?: IfAddr;
}

/** bird_ipam.cfg.template `filter calico_kernel_programming` (spec §4.4). */
export function kernelProgrammingPolicy(ctx: KernelContext): Policy {
  const s: PolicyStatement[] = [];
  for (const r of sortedStatic(ctx.rejectCidrs)) {
    s.push({ label: `service range: net ~ ${formatPrefix(r)} → reject (not programmed into the kernel)`, when: inP(r), actions: [], result: 'reject' });
  }
  if (ctx.network) {
    const net: Prefix = { addr: networkOf(ctx.network.ip, ctx.network.len), len: ctx.network.len };
    for (const pool of sortedPools(ctx.pools)) {
      const tunnel: PolicyAction = { kind: 'krtTunnel', value: 'tunl0' };
      const none: PolicyAction = { kind: 'krtTunnel', value: '' };
      if (pool.vxlanMode !== 'Never') {
        s.push({ label: `IP pool ${pool.cidrText}: VXLAN, Felix programs it → reject`, when: inP(pool.cidr), actions: [], result: 'reject' });
      } else if (pool.ipipMode === 'CrossSubnet') {
        s.push({
          label: `IP pool ${pool.cidrText}: IPIP CrossSubnet, next hop in ${formatPrefix(net)} → no tunnel, accept`,
          when: { op: 'and', args: [inP(pool.cidr), { op: 'nextHopIn', prefix: net }] },
          actions: [none],
          result: 'accept',
        });
        s.push({ label: `IP pool ${pool.cidrText}: IPIP CrossSubnet, other subnet → krt_tunnel = "tunl0", accept`, when: inP(pool.cidr), actions: [tunnel], result: 'accept' });
      } else if (pool.ipipMode === 'Always') {
        s.push({ label: `IP pool ${pool.cidrText}: IPIP Always → krt_tunnel = "tunl0", accept`, when: inP(pool.cidr), actions: [tunnel], result: 'accept' });
      } else {
        s.push({ label: `IP pool ${pool.cidrText} → krt_tunnel = "", accept`, when: inP(pool.cidr), actions: [none], result: 'accept' });
      }
    }
  }
  return { name: 'calico_kernel_programming', statements: s, fallthrough: 'accept', fallthroughLabel: 'calico_kernel_programming: not in a pool → accept' };
}

function inP(p: Prefix): Cond {
  return { op: 'prefixIn', ranges: [{ prefix: p }] };
}

/** confd lists keys with `ls`, sorted as strings: "10.244.0.0-16" before "10.96.0.0-12". */
function keyText(p: Prefix): string {
  return formatPrefix(p).replace('/', '-');
}

export function sortedPools(pools: readonly PoolView[]): PoolView[] {
  return [...pools].sort((a, b) => cmpText(keyText(a.cidr), keyText(b.cidr)));
}

export function sortedBlocks(blocks: readonly BlockAffinity[]): BlockAffinity[] {
  return [...blocks].sort((a, b) => cmpText(keyText(a.prefix), keyText(b.prefix)));
}

export function sortedStatic(ps: readonly Prefix[]): Prefix[] {
  return [...ps].sort((a, b) => cmpText(keyText(a), keyText(b)));
}

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
