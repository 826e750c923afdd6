// BGPFilter (projectcalico.org/v3): ordered import/export rules per address family.
// Schema from api/.../v3/bgpfilter.go; checks from validator.go (field tags and
// validateBGPFilterRule, C331).

import type { ErroredField } from '../errors.ts';
import { tagReason } from '../errors.ts';
import { INT32, STRING, enumString, list, struct } from '../schema.ts';
import { isBgpFilterInterface, parseCidrOrIp } from './field-checks.ts';
import type { KindDef } from './kind.ts';
import { envelope, validateObjectMeta } from './meta.ts';
import type { BGPFilterRule, BGPFilterSpec, Resource } from './types.ts';
import { CALICO_API } from './types.ts';

const rule = (v: 4 | 6) =>
  struct(`v3.BGPFilterRuleV${v}`, {
    cidr: STRING,
    prefixLength: struct(`v3.BGPFilterPrefixLengthV${v}`, { min: INT32, max: INT32 }),
    source: enumString('v3.BGPFilterMatchSource'),
    interface: STRING,
    matchOperator: enumString('v3.BGPFilterMatchOperator'),
    action: enumString('v3.BGPFilterAction'),
  });

const SPEC = struct('v3.BGPFilterSpec', {
  exportV4: list(rule(4)),
  importV4: list(rule(4)),
  exportV6: list(rule(6)),
  importV6: list(rule(6)),
});

export const FILTER_DIRECTIONS = ['exportV4', 'importV4', 'exportV6', 'importV6'] as const;

function validateRule(r: BGPFilterRule, v: 4 | 6, path: string): ErroredField[] {
  const out: ErroredField[] = [];
  const maxLen = v === 4 ? 32 : 128;
  const tag = (bad: boolean, field: string, json: string, value: unknown, t: string): void => {
    if (bad) out.push({ name: field, value, reason: tagReason(field, t), path: `${path}.${json}` });
  };
  const c = r.cidr ? parseCidrOrIp(r.cidr) : null;
  tag(!!r.cidr && (c === null || c.v6 !== (v === 6) || !c.masked), 'CIDR', 'cidr', r.cidr, `netv${v}`);
  const pl = r.prefixLength;
  const plTag = `bgpFilterPrefixLengthV${v}`;
  tag(pl?.min !== undefined && (pl.min < 0 || pl.min > maxLen), 'Min', 'prefixLength.min', pl?.min, plTag);
  tag(pl?.max !== undefined && (pl.max < 0 || pl.max > maxLen), 'Max', 'prefixLength.max', pl?.max, plTag);
  tag(!!r.source && r.source !== 'RemotePeers', 'Source', 'source', r.source, 'oneof');
  tag(!!r.interface && !isBgpFilterInterface(r.interface), 'Interface', 'interface', r.interface, 'bgpFilterInterface');
  tag(!!r.matchOperator && !/^(Equal|In|NotEqual|NotIn)$/.test(r.matchOperator), 'MatchOperator', 'matchOperator', r.matchOperator, 'matchOperator');
  tag(!r.action, 'Action', 'action', r.action ?? '', 'required');
  tag(!!r.action && !/^(Accept|Reject)$/.test(r.action), 'Action', 'action', r.action, 'filterAction');
  // validateBGPFilterRule (struct level).
  const cidr = r.cidr ?? '';
  const op = r.matchOperator ?? '';
  if (cidr !== '' && op === '') out.push({ name: 'CIDR', value: cidr, reason: 'MatchOperator cannot be empty when CIDR is not', path: `${path}.cidr` });
  if (cidr === '' && op !== '') out.push({ name: 'MatchOperator', value: op, reason: 'CIDR cannot be empty when MatchOperator is not', path: `${path}.matchOperator` });
  if (cidr === '' && pl !== undefined) {
    out.push({ name: 'PrefixLength', value: `&{${pl.min ?? '<nil>'} ${pl.max ?? '<nil>'}}`, reason: 'CIDR cannot be empty when PrefixLength is not', path: `${path}.prefixLength` });
  }
  return out;
}

export const BGPFilterKind: KindDef = {
  kind: 'BGPFilter',
  listKind: 'BGPFilterList',
  apiVersion: CALICO_API,
  namespaced: false,
  group: 'calico',
  schema: envelope('v3.BGPFilter', { spec: SPEC }),
  aliases: ['bgpfilter', 'bgpfilters', 'bgpf', 'bgpfs', 'bf', 'bfs'],
  validate(r: Resource) {
    const spec = (r.spec ?? {}) as BGPFilterSpec;
    const out = validateObjectMeta(r.metadata);
    for (const dir of FILTER_DIRECTIONS) {
      (spec[dir] ?? []).forEach((rule, i) => out.push(...validateRule(rule, dir.endsWith('V6') ? 6 : 4, `spec.${dir}[${i}]`)));
    }
    return out;
  },
};
