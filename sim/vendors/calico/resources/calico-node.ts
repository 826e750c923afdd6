// The Calico Node resource (projectcalico.org/v3 Node). With the Kubernetes datastore it is a
// view of the Kubernetes Node: labels are the Node's labels and spec.bgp lives in the
// projectcalico.org/* annotations (libcalico-go lib/backend/k8s/resources/node.go).
// Schema from libcalico-go/lib/apis/v3/node.go; checks from validator.go validateNodeSpec.

import type { ErroredField } from '../errors.ts';
import { tagReason } from '../errors.ts';
import { ASN, RAW, STRING, list, openStruct, struct } from '../schema.ts';
import { isCidrV4, isIPv4, parseCidrOrIp } from './field-checks.ts';
import type { KindDef } from './kind.ts';
import { envelope, validateObjectMeta } from './meta.ts';
import type { CalicoNodeSpec, NodeBGPSpec, Resource } from './types.ts';
import { CALICO_API } from './types.ts';

export const NODE_BGP = struct('v3.NodeBGPSpec', {
  asNumber: ASN,
  ipv4Address: STRING,
  ipv6Address: STRING,
  ipv4IPIPTunnelAddr: STRING,
  routeReflectorClusterID: STRING,
});

const SPEC = openStruct('v3.NodeSpec', {
  bgp: NODE_BGP,
  ipv4VXLANTunnelAddr: STRING,
  vxlanTunnelMACAddr: STRING,
  ipv6VXLANTunnelAddr: STRING,
  vxlanTunnelMACAddrV6: STRING,
  orchRefs: list(struct('v3.OrchRef', { nodeName: STRING, orchestrator: STRING })),
  wireguard: RAW,
  addresses: list(struct('v3.NodeAddress', { address: STRING, type: STRING })),
  interfaces: RAW,
});

/** Kubernetes Node annotations that carry the Calico Node's BGP spec (KDD). */
export const ANNOTATION = {
  ipv4: 'projectcalico.org/IPv4Address',
  ipv6: 'projectcalico.org/IPv6Address',
  asn: 'projectcalico.org/ASNumber',
  rrClusterId: 'projectcalico.org/RouteReflectorClusterID',
  ipipTunnel: 'projectcalico.org/IPv4IPIPTunnelAddr',
} as const;

function validateBgp(bgp: NodeBGPSpec | undefined): ErroredField[] {
  const out: ErroredField[] = [];
  if (!bgp) return out;
  const tag = (bad: boolean, field: string, json: string, value: unknown, t: string): void => {
    if (bad) out.push({ name: field, value, reason: tagReason(field, t), path: `spec.bgp.${json}` });
  };
  tag(!!bgp.ipv4Address && !isCidrV4(bgp.ipv4Address), 'IPv4Address', 'ipv4Address', bgp.ipv4Address, 'cidrv4');
  tag(!!bgp.ipv6Address && !(parseCidrOrIp(bgp.ipv6Address)?.v6 ?? false), 'IPv6Address', 'ipv6Address', bgp.ipv6Address, 'cidrv6');
  tag(!!bgp.ipv4IPIPTunnelAddr && !isIPv4(bgp.ipv4IPIPTunnelAddr), 'IPv4IPIPTunnelAddr', 'ipv4IPIPTunnelAddr', bgp.ipv4IPIPTunnelAddr, 'ipv4');
  tag(!!bgp.routeReflectorClusterID && !isIPv4(bgp.routeReflectorClusterID), 'RouteReflectorClusterID', 'routeReflectorClusterID', bgp.routeReflectorClusterID, 'ipv4');
  if (Object.keys(bgp).length === 0) out.push({ name: 'BGP', value: '&{}', reason: 'Spec.BGP should not be empty', path: 'spec.bgp' });
  return out;
}

export const CalicoNodeKind: KindDef = {
  kind: 'Node',
  listKind: 'NodeList',
  apiVersion: CALICO_API,
  namespaced: false,
  group: 'calico',
  schema: envelope('v3.Node', { spec: SPEC, status: RAW }),
  aliases: ['node', 'nodes', 'no', 'nos'],
  validate(r: Resource) {
    return [...validateObjectMeta(r.metadata), ...validateBgp(((r.spec ?? {}) as CalicoNodeSpec).bgp)];
  },
};
