// BGPPeer (projectcalico.org/v3). Schema from api/.../v3/bgppeer.go; checks from
// clientv3/bgppeer.go (filters must exist — runs first) then validator.go field tags and
// validateBGPPeerSpec (C331). Note what is NOT checked: a peerIP without asNumber passes
// (confd renders `as 0` and BIRD refuses the config — see compile/).

import type { ErroredField } from '../errors.ts';
import { crdEnumError, tagReason } from '../errors.ts';
import { ASN, BOOL, DURATION, INT32, STRING, STRING_LIST, UINT8, enumString, struct } from '../schema.ts';
import { BGP_PASSWORD } from './bgp-configuration.ts';
import { isIP, isName, isSelector, parseIpPort } from './field-checks.ts';
import type { KindDef } from './kind.ts';
import { envelope, validateObjectMeta } from './meta.ts';
import type { BGPPeerSpec, Resource } from './types.ts';
import { CALICO_API } from './types.ts';

const SPEC = struct('v3.BGPPeerSpec', {
  node: STRING,
  nodeSelector: STRING,
  peerIP: STRING,
  asNumber: ASN,
  localASNumber: ASN,
  peerSelector: STRING,
  keepOriginalNextHop: BOOL,
  nextHopMode: enumString('v3.NextHopMode'),
  password: BGP_PASSWORD,
  sourceAddress: enumString('v3.SourceAddress'),
  maxRestartTime: DURATION,
  numAllowedLocalASNumbers: INT32,
  ttlSecurity: UINT8,
  reachableBy: STRING,
  filters: STRING_LIST,
  localWorkloadSelector: STRING,
  reversePeering: enumString('v3.ReversePeering'),
});

function fieldTags(s: BGPPeerSpec): ErroredField[] {
  const out: ErroredField[] = [];
  const tag = (bad: boolean, field: string, json: string, value: unknown, t: string): void => {
    if (bad) out.push({ name: field, value, reason: tagReason(field, t), path: `spec.${json}` });
  };
  tag(!!s.node && !isName(s.node), 'Node', 'node', s.node, 'name');
  tag(!!s.nodeSelector && !isSelector(s.nodeSelector), 'NodeSelector', 'nodeSelector', s.nodeSelector, 'selector');
  tag(!!s.peerIP && parseIpPort(s.peerIP) === null, 'PeerIP', 'peerIP', s.peerIP, 'IP:port');
  tag(!!s.peerSelector && !isSelector(s.peerSelector), 'PeerSelector', 'peerSelector', s.peerSelector, 'selector');
  tag(!!s.sourceAddress && !/^(UseNodeIP|None)$/.test(s.sourceAddress), 'SourceAddress', 'sourceAddress', s.sourceAddress, 'sourceAddress');
  tag(!!s.reachableBy && !isIP(s.reachableBy), 'ReachableBy', 'reachableBy', s.reachableBy, 'reachableBy');
  (s.filters ?? []).forEach((f, i) => {
    if (!isName(f)) out.push({ name: `Filters[${i}]`, value: f, reason: tagReason(`Filters[${i}]`, 'name'), path: `spec.filters[${i}]` });
  });
  tag(!!s.localWorkloadSelector && !isSelector(s.localWorkloadSelector), 'LocalWorkloadSelector', 'localWorkloadSelector', s.localWorkloadSelector, 'selector');
  return out;
}

/** validator.go validateReachableBy. */
function reachableByProblem(reachableBy: string, peerIP: string): string | undefined {
  if (reachableBy === '') return undefined;
  if (peerIP === '') return 'ReachablyBy field must be empty when PeerIP is empty';
  if (!isIP(reachableBy)) return 'ReachableBy is invalid address';
  const p = parseIpPort(peerIP);
  if (!p) return 'PeerIP is invalid address';
  if (reachableBy.includes(':') !== p.ip.includes(':')) return 'ReachableBy and PeerIP address family mismatched';
  return undefined;
}

function structLevel(s: BGPPeerSpec): ErroredField[] {
  const out: ErroredField[] = [];
  const r = (bad: boolean, name: string, value: unknown, reason: string, path: string): void => {
    if (bad) out.push({ name, value, reason, path });
  };
  r(!!s.node && !!s.nodeSelector, 'Node', s.node, 'Node field must be empty when NodeSelector is specified', 'spec.node');
  r(!!s.peerIP && !!s.peerSelector, 'PeerIP', s.peerIP, 'PeerIP field must be empty when PeerSelector is specified', 'spec.peerIP');
  r((s.asNumber ?? 0) !== 0 && !!s.peerSelector, 'ASNumber', s.asNumber, 'ASNumber field must be empty when PeerSelector is specified', 'spec.asNumber');
  r((s.asNumber ?? 0) === 0 && !!s.localWorkloadSelector, 'ASNumber', s.asNumber ?? 0, 'ASNumber field must NOT be empty when LocalWorkloadSelector is specified', 'spec.localWorkloadSelector');
  r(!!s.peerIP && !!s.localWorkloadSelector, 'PeerIP', s.peerIP, 'PeerIP field must be empty when LocalWorkloadSelector is specified', 'spec.peerIP');
  // validator.go reports the PeerIP value for this one (a copy-paste in Calico, kept).
  r(!!s.peerSelector && !!s.localWorkloadSelector, 'PeerSelector', s.peerIP ?? '', 'PeerSelector field must be empty when LocalWorkloadSelector is specified', 'spec.peerSelector');
  const rb = reachableByProblem(s.reachableBy ?? '', s.peerIP ?? '');
  r(rb !== undefined, 'ReachableBy', s.reachableBy, rb ?? '', 'spec.reachableBy');
  r(
    s.keepOriginalNextHop === true && s.nextHopMode !== undefined,
    'KeepOriginalNextHop',
    s.peerIP ?? '',
    'The KeepOriginalNextHop field is deprecated. It must not be set to true when NextHopMode is configured.',
    'spec.keepOriginalNextHop',
  );
  return out;
}

export const BGPPeerKind: KindDef = {
  kind: 'BGPPeer',
  listKind: 'BGPPeerList',
  apiVersion: CALICO_API,
  namespaced: false,
  group: 'calico',
  schema: envelope('v3.BGPPeer', { spec: SPEC }),
  aliases: ['bgppeer', 'bgppeers', 'bgpp', 'bgpps', 'bp', 'bps'],
  validate(r: Resource, ctx) {
    const s = (r.spec ?? {}) as BGPPeerSpec;
    // clientv3 bgpPeers.validate: every listed BGPFilter must exist (checked before the validator).
    const missing = (s.filters ?? []).filter((f) => ctx.lookup('BGPFilter', f) === undefined);
    if (missing.length > 0) {
      const idx = (s.filters ?? []).indexOf(missing[0]!);
      return [{ name: 'BGPPeer.Spec.Filters', value: missing, reason: 'BGPFilter(s) not found', path: `spec.filters[${idx}]` }];
    }
    const v = [...validateObjectMeta(r.metadata), ...fieldTags(s), ...structLevel(s)];
    if (v.length > 0) return v;
    // CRD schema enums, enforced by the API server when the object is written.
    const name = r.metadata.name ?? '';
    if (s.nextHopMode !== undefined && !['Auto', 'Self', 'Keep'].includes(s.nextHopMode)) {
      return [crdEnumError('BGPPeer', name, 'spec.nextHopMode', s.nextHopMode, ['Auto', 'Self', 'Keep'])];
    }
    if (s.reversePeering !== undefined && !['Auto', 'Manual'].includes(s.reversePeering)) {
      return [crdEnumError('BGPPeer', name, 'spec.reversePeering', s.reversePeering, ['Auto', 'Manual'])];
    }
    return [];
  },
};
