// BGPConfiguration (projectcalico.org/v3): `default` is cluster-wide, `node.<name>` per node.
// Schema from api/pkg/apis/projectcalico/v3/bgpconfig.go; checks from validator.go
// validateBGPConfigurationSpec and clientv3/bgpconfig.go ValidateDefaultOnlyFields (C331).

import type { ErroredField } from '../errors.ts';
import { crdEnumError, tagReason } from '../errors.ts';
import { ASN, BOOL, DURATION, STRING, STRING_LIST, UINT16, enumString, list, struct } from '../schema.ts';
import { isIgnoredInterface, isIPv4, isIPv6, isNet, parseCidrOrIp } from './field-checks.ts';
import type { KindDef } from './kind.ts';
import { envelope, validateObjectMeta } from './meta.ts';
import type { BGPConfigurationSpec, Resource } from './types.ts';
import { CALICO_API } from './types.ts';

const CIDR_BLOCK = (go: string) => struct(go, { cidr: STRING });
export const BGP_PASSWORD = struct('v3.BGPPassword', {
  secretKeyRef: struct('v1.SecretKeySelector', { name: STRING, key: STRING, optional: BOOL }),
});

const SPEC = struct('v3.BGPConfigurationSpec', {
  logSeverityScreen: STRING,
  nodeToNodeMeshEnabled: BOOL,
  asNumber: ASN,
  serviceLoadBalancerIPs: list(CIDR_BLOCK('v3.ServiceLoadBalancerIPBlock')),
  serviceExternalIPs: list(CIDR_BLOCK('v3.ServiceExternalIPBlock')),
  serviceClusterIPs: list(CIDR_BLOCK('v3.ServiceClusterIPBlock')),
  serviceLoadBalancerAggregation: enumString('v3.ServiceLoadBalancerAggregation'),
  communities: list(struct('v3.Community', { name: STRING, value: STRING })),
  prefixAdvertisements: list(struct('v3.PrefixAdvertisement', { cidr: STRING, communities: STRING_LIST })),
  listenPort: UINT16,
  nodeMeshPassword: BGP_PASSWORD,
  nodeMeshMaxRestartTime: DURATION,
  bindMode: enumString('v3.BindMode'),
  ignoredInterfaces: STRING_LIST,
  localWorkloadPeeringIPV4: STRING,
  localWorkloadPeeringIPV6: STRING,
});

const STANDARD_COMMUNITY = /^(\d+):(\d+)$/;
const LARGE_COMMUNITY = /^(\d+):(\d+):(\d+)$/;

/** validator.go isValidCommunity + validateCommunityValue. */
function communityErrors(value: string, field: string, path: string, out: ErroredField[]): boolean {
  const m = STANDARD_COMMUNITY.exec(value) ?? LARGE_COMMUNITY.exec(value);
  if (!m) return false;
  const bits = m.length === 4 ? 32 : 16;
  for (const part of m.slice(1)) {
    if (Number(part) >= 2 ** bits) {
      out.push({ name: field, value, reason: `invalid community value, expected ${bits} bit value`, path });
    }
  }
  return true;
}

function validateSpec(spec: BGPConfigurationSpec): ErroredField[] {
  const out: ErroredField[] = [];
  // Field tags first (go-playground walks fields before the struct-level function).
  if (spec.logSeverityScreen !== undefined && spec.logSeverityScreen !== '' && !/^(Trace|Debug|Info|Warning|Error|Fatal)$/.test(spec.logSeverityScreen)) {
    out.push({ name: 'LogSeverityScreen', value: spec.logSeverityScreen, reason: tagReason('LogSeverityScreen', 'logLevel'), path: 'spec.logSeverityScreen' });
  }
  const blocks: [keyof BGPConfigurationSpec, string][] = [
    ['serviceLoadBalancerIPs', 'ServiceLoadBalancerIPBlock'],
    ['serviceExternalIPs', 'ServiceExternalIPBlock'],
    ['serviceClusterIPs', 'ServiceClusterIPBlock'],
  ];
  for (const [key] of blocks) {
    ((spec[key] as { cidr?: string }[] | undefined) ?? []).forEach((b, i) => {
      if (b.cidr && !isNet(b.cidr)) out.push({ name: 'CIDR', value: b.cidr, reason: tagReason('CIDR', 'net'), path: `spec.${key}[${i}].cidr` });
    });
  }
  (spec.communities ?? []).forEach((c, i) => {
    if (!c.name) out.push({ name: 'Name', value: c.name ?? '', reason: tagReason('Name', 'required'), path: `spec.communities[${i}].name` });
    if (!c.value) out.push({ name: 'Value', value: c.value ?? '', reason: tagReason('Value', 'required'), path: `spec.communities[${i}].value` });
  });
  (spec.prefixAdvertisements ?? []).forEach((p, i) => {
    if (!p.cidr) out.push({ name: 'CIDR', value: p.cidr ?? '', reason: tagReason('CIDR', 'required'), path: `spec.prefixAdvertisements[${i}].cidr` });
    else if (!isNet(p.cidr)) out.push({ name: 'CIDR', value: p.cidr, reason: tagReason('CIDR', 'net'), path: `spec.prefixAdvertisements[${i}].cidr` });
    if (!p.communities) out.push({ name: 'Communities', value: [], reason: tagReason('Communities', 'required'), path: `spec.prefixAdvertisements[${i}]` });
  });
  if (spec.listenPort !== undefined && spec.listenPort <= 0) {
    out.push({ name: 'ListenPort', value: spec.listenPort, reason: tagReason('ListenPort', 'gt'), path: 'spec.listenPort' });
  }
  (spec.ignoredInterfaces ?? []).forEach((s, i) => {
    if (!isIgnoredInterface(s)) out.push({ name: 'IgnoredInterfaces[' + i + ']', value: s, reason: tagReason('IgnoredInterfaces[' + i + ']', 'ignoredInterface'), path: `spec.ignoredInterfaces[${i}]` });
  });
  if (spec.localWorkloadPeeringIPV4 && !isIPv4(spec.localWorkloadPeeringIPV4)) {
    out.push({ name: 'LocalWorkloadPeeringIPV4', value: spec.localWorkloadPeeringIPV4, reason: tagReason('LocalWorkloadPeeringIPV4', 'ipv4'), path: 'spec.localWorkloadPeeringIPV4' });
  }
  if (spec.localWorkloadPeeringIPV6 && !isIPv6(spec.localWorkloadPeeringIPV6)) {
    out.push({ name: 'LocalWorkloadPeeringIPV6', value: spec.localWorkloadPeeringIPV6, reason: tagReason('LocalWorkloadPeeringIPV6', 'ipv6'), path: 'spec.localWorkloadPeeringIPV6' });
  }

  // validateBGPConfigurationSpec (struct level).
  const communities = spec.communities ?? [];
  communities.forEach((c, i) => {
    const v = c.value ?? '';
    if (!communityErrors(v, 'Spec.Communities[].Value', `spec.communities[${i}].value`, out)) {
      out.push({ name: 'Spec.Communities[].Value', value: v, reason: 'invalid community value or format used.', path: `spec.communities[${i}].value` });
    }
  });
  if ((spec.prefixAdvertisements ?? []).length === 0 && communities.length !== 0) {
    out.push({
      name: 'Spec.Communities[]',
      value: communities.map((c) => ({ name: c.name ?? '', value: c.value ?? '' })),
      reason: 'communities are defined but not used in Spec.PrefixAdvertisement[].',
      path: 'spec.communities',
    });
  }
  (spec.prefixAdvertisements ?? []).forEach((pa, i) => {
    if (parseCidrOrIp(pa.cidr ?? '') === null) {
      out.push({ name: 'Spec.PrefixAdvertisement[].CIDR', value: pa.cidr ?? '', reason: 'invalid CIDR value.', path: `spec.prefixAdvertisements[${i}].cidr` });
    }
    (pa.communities ?? []).forEach((v, j) => {
      const p = `spec.prefixAdvertisements[${i}].communities[${j}]`;
      if (!communityErrors(v, 'Spec.PrefixAdvertisement[].Communities[]', p, out) && !communities.some((c) => c.name === v)) {
        out.push({ name: 'Spec.PrefixAdvertisement[].Communities[]', value: v, reason: 'community used is invalid or not defined.', path: p });
      }
    });
  });
  if (spec.nodeMeshPassword !== undefined && spec.nodeToNodeMeshEnabled === false) {
    out.push({ name: 'Spec.NodeMeshPassword', value: specValue(spec), reason: 'spec.NodeMeshPassword cannot be set if spec.NodeToNodeMesh is disabled', path: 'spec.nodeMeshPassword' });
  }
  if (spec.nodeMeshMaxRestartTime !== undefined && spec.nodeToNodeMeshEnabled === false) {
    out.push({ name: 'Spec.NodeMeshMaxRestartTime', value: specValue(spec), reason: 'spec.NodeMeshMaxRestartTime cannot be set if spec.NodeToNodeMesh is disabled', path: 'spec.nodeMeshMaxRestartTime' });
  }
  return out;
}

/** %v of the whole spec struct is long and unhelpful; Calico prints it, we keep it short. */
function specValue(spec: BGPConfigurationSpec): string {
  return `{${Object.keys(spec).join(' ')}}`;
}

/** clientv3/bgpconfig.go ValidateDefaultOnlyFields. */
function defaultOnly(name: string, spec: BGPConfigurationSpec): ErroredField[] {
  if (name === 'default') return [];
  const out: ErroredField[] = [];
  const f = (set: boolean, field: string, jsonName: string, reason: string): void => {
    if (set) out.push({ name: `BGPConfiguration.Spec.${field}`, reason, path: `spec.${jsonName}` });
  };
  f(spec.nodeToNodeMeshEnabled !== undefined, 'NodeToNodeMeshEnabled', 'nodeToNodeMeshEnabled', 'Cannot set nodeToNodeMeshEnabled on a non default BGP Configuration.');
  f(spec.asNumber !== undefined, 'ASNumber', 'asNumber', 'Cannot set ASNumber on a non default BGP Configuration.');
  f(spec.serviceLoadBalancerIPs !== undefined && spec.serviceLoadBalancerIPs.length > 0, 'ServiceLoadBalancerIPs', 'serviceLoadBalancerIPs', 'Cannot set ServiceLoadBalancerIPs on a non default BGP Configuration.');
  f(spec.serviceExternalIPs !== undefined && spec.serviceExternalIPs.length > 0, 'ServiceExternalIPs', 'serviceExternalIPs', 'Cannot set ServiceExternalIPs on a non default BGP Configuration.');
  f(spec.serviceClusterIPs !== undefined && spec.serviceClusterIPs.length > 0, 'ServiceClusterIPs', 'serviceClusterIPs', 'Cannot set ServiceClusterIPs on a non default BGP Configuration.');
  f(spec.nodeMeshPassword !== undefined, 'NodeMeshPassword', 'nodeMeshPassword', 'Cannot set nodeMeshPassword on a non default BGP Configuration.');
  f(spec.nodeMeshMaxRestartTime !== undefined, 'NodeMeshMaxRestartTime', 'nodeMeshMaxRestartTime', 'Cannot set nodeMeshMaxRestartTime on a non default BGP Configuration.');
  return out;
}

export const BGPConfigurationKind: KindDef = {
  kind: 'BGPConfiguration',
  listKind: 'BGPConfigurationList',
  apiVersion: CALICO_API,
  namespaced: false,
  group: 'calico',
  schema: envelope('v3.BGPConfiguration', { spec: SPEC }),
  aliases: ['bgpconfiguration', 'bgpconfigurations', 'bgpconfig', 'bgpconfigs'],
  validate(r: Resource) {
    const spec = (r.spec ?? {}) as BGPConfigurationSpec;
    const v = [...validateObjectMeta(r.metadata), ...validateSpec(spec)];
    if (v.length > 0) return v;
    const d = defaultOnly(r.metadata.name ?? '', spec);
    if (d.length > 0) return d;
    const name = r.metadata.name ?? '';
    if (spec.bindMode !== undefined && !['None', 'NodeIP'].includes(spec.bindMode)) {
      return [crdEnumError('BGPConfiguration', name, 'spec.bindMode', spec.bindMode, ['None', 'NodeIP'])];
    }
    const agg = spec.serviceLoadBalancerAggregation;
    if (agg !== undefined && !['Enabled', 'Disabled'].includes(agg)) {
      return [crdEnumError('BGPConfiguration', name, 'spec.serviceLoadBalancerAggregation', agg, ['Enabled', 'Disabled'])];
    }
    return [];
  },
};
