// CalicoNodeStatus (projectcalico.org/v3): asks calico-node to publish agent/BGP/route status
// into the object's status (api/.../v3/nodestatus.go, C331). The status is filled by the
// simulator from its state views (node-shell), never from the applied YAML.

import type { ErroredField } from '../errors.ts';
import { tagReason } from '../errors.ts';
import { RAW, STRING, STRING_LIST, struct } from '../schema.ts';
import { isName } from './field-checks.ts';
import type { KindDef } from './kind.ts';
import { envelope, validateObjectMeta } from './meta.ts';
import type { CalicoNodeStatusSpec, Resource } from './types.ts';
import { CALICO_API } from './types.ts';

const SPEC = struct('v3.CalicoNodeStatusSpec', {
  node: STRING,
  classes: STRING_LIST,
  updatePeriodSeconds: { t: 'int', go: 'uint32' },
});

function validateSpec(s: CalicoNodeStatusSpec): ErroredField[] {
  const out: ErroredField[] = [];
  const tag = (bad: boolean, field: string, json: string, value: unknown, t: string): void => {
    if (bad) out.push({ name: field, value, reason: tagReason(field, t), path: `spec.${json}` });
  };
  if (!s.node) tag(true, 'Node', 'node', '', 'required');
  else tag(!isName(s.node), 'Node', 'node', s.node, 'name');
  if (!s.classes || s.classes.length === 0) tag(true, 'Classes', 'classes', [], 'required');
  else tag(new Set(s.classes).size !== s.classes.length, 'Classes', 'classes', s.classes, 'unique');
  if (s.updatePeriodSeconds === undefined) tag(true, 'UpdatePeriodSeconds', 'updatePeriodSeconds', '<nil>', 'required');
  else tag(s.updatePeriodSeconds > 86400, 'UpdatePeriodSeconds', 'updatePeriodSeconds', s.updatePeriodSeconds, 'lte');
  return out;
}

export const CalicoNodeStatusKind: KindDef = {
  kind: 'CalicoNodeStatus',
  listKind: 'CalicoNodeStatusList',
  apiVersion: CALICO_API,
  namespaced: false,
  group: 'k8s',
  schema: envelope('v3.CalicoNodeStatus', { spec: SPEC, status: RAW }),
  aliases: ['caliconodestatus', 'caliconodestatuses', 'cns'],
  validate(r: Resource) {
    const v = [...validateObjectMeta(r.metadata), ...validateSpec((r.spec ?? {}) as CalicoNodeStatusSpec)];
    if (v.length > 0) return v;
    const bad = ((r.spec as CalicoNodeStatusSpec).classes ?? []).find((c) => !['Agent', 'BGP', 'Routes'].includes(c));
    if (bad !== undefined) {
      return [
        {
          name: 'spec.classes',
          value: bad,
          reason: 'Unsupported value',
          path: 'spec.classes',
          text: `CalicoNodeStatus.crd.projectcalico.org ${JSON.stringify(r.metadata.name ?? '')} is invalid: spec.classes[${((r.spec as CalicoNodeStatusSpec).classes ?? []).indexOf(bad)}]: Unsupported value: ${JSON.stringify(bad)}: supported values: "Agent", "BGP", "Routes"`,
        },
      ];
    }
    return [];
  },
};
