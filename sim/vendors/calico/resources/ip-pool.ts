// IPPool (projectcalico.org/v3). Schema from api/.../v3/ippool.go; defaults and checks from
// clientv3/ippool.go validateAndSetDefaults (runs first, returns early) and validator.go
// validateIPPoolSpec (C331). A disabled pool only stops IPAM: BIRD still exports its routes.

import type { ErroredField } from '../errors.ts';
import { tagReason } from '../errors.ts';
import { formatIp } from '../../../core/ip.ts';
import { BOOL, INT, RAW, STRING, STRING_LIST, enumString, struct } from '../schema.ts';
import { isSelector, parseCidrOrIp } from './field-checks.ts';
import type { KindDef, ValidateContext } from './kind.ts';
import { envelope, validateObjectMeta } from './meta.ts';
import type { IPPoolSpec, Resource } from './types.ts';
import { CALICO_API } from './types.ts';

const SPEC = struct('v3.IPPoolSpec', {
  cidr: STRING,
  vxlanMode: enumString('v3.VXLANMode'),
  ipipMode: enumString('v3.IPIPMode'),
  natOutgoing: BOOL,
  disabled: BOOL,
  disableBGPExport: BOOL,
  blockSize: INT,
  nodeSelector: STRING,
  namespaceSelector: STRING,
  ipip: RAW,
  'nat-outgoing': BOOL,
  allowedUses: STRING_LIST,
  assignmentMode: enumString('v3.AssignmentMode'),
});

/** Canonical "A.B.C.D/len" of a (possibly unmasked) CIDR, as cnet.ParseCIDR normalises it. */
function normalCidr(text: string): string | null {
  const c = parseCidrOrIp(text);
  if (!c || c.v6 || !text.includes('/')) return c && c.v6 ? text : null;
  const mask = c.len === 0 ? 0 : (0xffffffff << (32 - c.len)) >>> 0;
  return `${formatIp((c.ip & mask) >>> 0)}/${c.len}`;
}

function overlaps(a: string, b: string): boolean {
  const x = parseCidrOrIp(a);
  const y = parseCidrOrIp(b);
  if (!x || !y || x.v6 || y.v6) return false;
  const len = Math.min(x.len, y.len);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return ((x.ip & mask) >>> 0) === ((y.ip & mask) >>> 0);
}

/** clientv3/ippool.go validateAndSetDefaults: returns errors or the defaulted spec. */
function validateAndSetDefaults(r: Resource, ctx: ValidateContext): { errors: ErroredField[]; spec: IPPoolSpec } {
  const spec: IPPoolSpec = { ...((r.spec ?? {}) as IPPoolSpec) };
  const errors: ErroredField[] = [];
  const cidrText = spec.cidr ?? '';
  if (cidrText === '') return { errors: [{ name: 'IPPool.Spec.CIDR', reason: 'IPPool CIDR must be specified', path: 'spec.cidr' }], spec };
  // cnet.ParseCIDR needs a prefix length here (a bare IP is not a valid subnet).
  const c = cidrText.includes('/') ? parseCidrOrIp(cidrText) : null;
  if (!c) return { errors: [{ name: 'IPPool.Spec.CIDR', value: cidrText, reason: 'IPPool CIDR must be a valid subnet', path: 'spec.cidr' }], spec };
  spec.cidr = normalCidr(cidrText) ?? cidrText;
  if (!spec.nodeSelector) spec.nodeSelector = 'all()';
  const old = ctx.old?.spec as IPPoolSpec | undefined;
  if (old && old.cidr !== spec.cidr) errors.push({ name: 'IPPool.Spec.CIDR', value: spec.cidr, reason: 'IPPool CIDR cannot be modified', path: 'spec.cidr' });
  if (!spec.blockSize) spec.blockSize = c.v6 ? 122 : 26;
  if (!spec.allowedUses || spec.allowedUses.length === 0) spec.allowedUses = ['Workload', 'Tunnel'];
  if (old && (old.allowedUses ?? []).includes('LoadBalancer') && spec.allowedUses.some((u) => u !== 'LoadBalancer')) {
    return {
      errors: [{ name: 'IPPool.Spec.AllowedUses', value: spec.allowedUses, reason: 'IPPool allowed use cannot be changed from LoadBalacer to Workload or Tunnel', path: 'spec.allowedUses' }],
      spec,
    };
  }
  if (!spec.assignmentMode) spec.assignmentMode = 'Automatic';
  if (old && old.blockSize !== spec.blockSize) errors.push({ name: 'IPPool.Spec.BlockSize', value: spec.blockSize, reason: 'IPPool BlockSize cannot be modified', path: 'spec.blockSize' });
  if (!c.v6 && (spec.blockSize > 32 || spec.blockSize < 20)) {
    errors.push({ name: 'IPPool.Spec.BlockSize', value: spec.blockSize, reason: 'IPv4 block size must be between 20 and 32', path: 'spec.blockSize' });
  }
  if (c.v6 && (spec.blockSize > 128 || spec.blockSize < 116)) {
    errors.push({ name: 'IPPool.Spec.BlockSize', value: spec.blockSize, reason: 'IPv6 block size must be between 116 and 128', path: 'spec.blockSize' });
  }
  if (!spec.disabled && c.len > spec.blockSize) {
    errors.push({
      name: 'IPPool.Spec.CIDR',
      value: spec.cidr,
      reason: 'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.',
      path: 'spec.cidr',
    });
  }
  if (ctx.op === 'create') {
    for (const other of ctx.list('IPPool')) {
      if (other.metadata.name === r.metadata.name) continue;
      const oc = (other.spec as IPPoolSpec | undefined)?.cidr ?? '';
      if (overlaps(oc, spec.cidr)) {
        errors.push({
          name: 'IPPool.Spec.CIDR',
          value: spec.cidr,
          reason: `IPPool(${r.metadata.name ?? ''}) CIDR overlaps with IPPool(${other.metadata.name ?? ''}) CIDR ${oc}`,
          path: 'spec.cidr',
        });
      }
    }
  }
  if (!spec.ipipMode) spec.ipipMode = 'Never';
  if (!spec.vxlanMode) spec.vxlanMode = 'Never';
  if (spec.vxlanMode !== 'Never' && spec.ipipMode !== 'Never') {
    errors.push({ name: 'IPPool.Spec.VXLANMode', value: spec.vxlanMode, reason: 'Cannot enable both VXLAN and IPIP on the same IPPool', path: 'spec.vxlanMode' });
  }
  if (c.v6 && spec.ipipMode !== 'Never') errors.push({ name: 'IPPool.Spec.IPIPMode', value: spec.ipipMode, reason: 'IPIP is not supported on an IPv6 IP pool', path: 'spec.ipipMode' });
  if (!c.masked) errors.push({ name: 'IPPool.Spec.CIDR', value: spec.cidr, reason: 'IPPool CIDR is not strictly masked', path: 'spec.cidr' });
  if (!c.v6 && overlaps(spec.cidr, '169.254.0.0/16')) {
    errors.push({ name: 'IPPool.Spec.CIDR', value: spec.cidr, reason: 'IPPool CIDR overlaps with IPv4 Link Local range 169.254.0.0/16', path: 'spec.cidr' });
  }
  return { errors, spec };
}

/** validator.go: field tags and validateIPPoolSpec on the defaulted pool. */
function validatorChecks(spec: IPPoolSpec): ErroredField[] {
  const out: ErroredField[] = [];
  const tag = (bad: boolean, field: string, json: string, value: unknown, t: string): void => {
    if (bad) out.push({ name: field, value, reason: tagReason(field, t), path: `spec.${json}` });
  };
  const c = parseCidrOrIp(spec.cidr ?? '');
  tag(c === null || !c.masked, 'CIDR', 'cidr', spec.cidr, 'net');
  tag(!!spec.vxlanMode && !/^(Always|CrossSubnet|Never)$/.test(spec.vxlanMode), 'VXLANMode', 'vxlanMode', spec.vxlanMode, 'vxlanMode');
  tag(!!spec.ipipMode && !/^(Always|CrossSubnet|Never)$/.test(spec.ipipMode), 'IPIPMode', 'ipipMode', spec.ipipMode, 'ipIpMode');
  tag(!!spec.nodeSelector && !isSelector(spec.nodeSelector), 'NodeSelector', 'nodeSelector', spec.nodeSelector, 'selector');
  tag(!!spec.namespaceSelector && !isSelector(spec.namespaceSelector), 'NamespaceSelector', 'namespaceSelector', spec.namespaceSelector, 'selector');
  tag(!!spec.assignmentMode && !/^(Automatic|Manual)$/.test(spec.assignmentMode), 'AssignmentMode', 'assignmentMode', spec.assignmentMode, 'assignmentMode');
  const lb = (spec.allowedUses ?? []).includes('LoadBalancer');
  const on = (m?: string) => m === 'Always' || m === 'CrossSubnet';
  if (on(spec.ipipMode) && on(spec.vxlanMode)) {
    out.push({ name: 'IPpool.IPIPMode', value: spec.ipipMode, reason: 'IPIPMode and VXLANMode cannot be enabled on LoadBalancer IP pool', path: 'spec.ipipMode' });
  }
  if (lb && (on(spec.ipipMode) || on(spec.vxlanMode))) {
    out.push({ name: 'IPpool.IPIPMode', value: spec.ipipMode, reason: 'Neither IPIPMode nor VXLANMode can be enabled on AllowedUses LoadBalancer IP pool', path: 'spec.ipipMode' });
  }
  for (const a of spec.allowedUses ?? []) {
    if (a === 'LoadBalancer') continue;
    if (a === 'Workload' || a === 'Tunnel') {
      if (lb) out.push({ name: 'IPpool.AllowedUses', value: spec.allowedUses, reason: `LoadBalancer cannot be used at the same time as: ${a}`, path: 'spec.allowedUses' });
      continue;
    }
    out.push({ name: 'IPpool.AllowedUses', value: spec.allowedUses, reason: `unknown use: ${a}`, path: 'spec.allowedUses' });
  }
  // Worded inversely in Calico: emitted when disableBGPExport IS true on an LB pool.
  if (lb && spec.disableBGPExport) {
    out.push({ name: 'IPpool.DisableBGPExport', value: spec.cidr, reason: 'IP Pool with AllowedUse LoadBalancer must have DisableBGPExport set to true', path: 'spec.disableBGPExport' });
  }
  if (lb && spec.nodeSelector !== 'all()') {
    out.push({ name: 'IPpool.NodeSelector', value: spec.cidr, reason: 'IP Pool with AllowedUse LoadBalancer must have node selector set to all()', path: 'spec.nodeSelector' });
  }
  if ((spec.allowedUses ?? []).includes('Tunnel') && spec.namespaceSelector) {
    out.push({
      name: 'IPpool.NamespaceSelector',
      value: spec.namespaceSelector,
      reason: 'IP Pool with AllowedUse Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources',
      path: 'spec.namespaceSelector',
    });
  }
  if (spec.nodeSelector && spec.nodeSelector.includes('global(')) {
    out.push({ name: 'IPpool.NodeSelector', value: spec.nodeSelector, reason: 'global() selector is not valid for IPPool nodeSelector - use all() instead', path: 'spec.nodeSelector' });
  }
  return out;
}

export const IPPoolKind: KindDef = {
  kind: 'IPPool',
  listKind: 'IPPoolList',
  apiVersion: CALICO_API,
  namespaced: false,
  group: 'calico',
  schema: envelope('v3.IPPool', { spec: SPEC }),
  aliases: ['ippool', 'ippools', 'ipp', 'ipps', 'pool', 'pools'],
  normalize(r: Resource): Resource {
    const d = validateAndSetDefaults(r, { op: 'update', lookup: () => undefined, list: () => [] });
    return { ...r, spec: d.spec as Record<string, unknown> };
  },
  validate(r: Resource, ctx) {
    const d = validateAndSetDefaults(r, ctx);
    if (d.errors.length > 0) return d.errors;
    return [...validateObjectMeta(r.metadata), ...validatorChecks(d.spec)];
  },
};
