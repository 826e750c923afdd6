// `calicoctl get` output: ps-style tables (commands/common/printer.go + the column templates in
// resourcemgr/*.go, C331), -o yaml and -o json.
//
// Tables go through Go's tabwriter (minwidth 5, tabwidth 1, padding 3, pad ' ', flags 0):
// every cell, including the last of a line, is tab-terminated in calicoctl's template, so
// every column (the last one too) is padded to max(width)+3 — real output has trailing spaces.
// A blank line follows each table.

import type { FieldType } from '../schema.ts';
import type { KindDef } from '../resources/kind.ts';
import type { BGPConfigurationSpec, BGPFilterSpec, BGPPeerSpec, CalicoNodeSpec, IPPoolSpec, Resource } from '../resources/types.ts';
import { toGoJson, toGoYaml } from '../yaml/emit.ts';

/** Go text/tabwriter with calicoctl's settings; each row is a list of tab-terminated cells. */
export function tabwrite(rows: readonly (readonly string[])[], minwidth = 5, padding = 3): string {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    let w = minwidth;
    for (const r of rows) if (c < r.length) w = Math.max(w, r[c]!.length + padding);
    widths.push(w);
  }
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('')).join('\n') + '\n';
}

interface TableDef {
  readonly headings: readonly string[];
  readonly wide: readonly string[];
  cell(r: Resource, heading: string, globalAs: string): string;
}

const b = (v: boolean | undefined): string => (v ? 'true' : 'false');

const TABLES: Record<string, TableDef> = {
  BGPPeer: {
    headings: ['NAME', 'PEERIP', 'NODE', 'ASN'],
    wide: ['NAME', 'PEERIP', 'NODE', 'ASN'],
    cell(r, h) {
      const s = (r.spec ?? {}) as BGPPeerSpec;
      switch (h) {
        case 'NAME':
          return r.metadata.name ?? '';
        case 'PEERIP':
          return s.peerIP ?? '';
        case 'NODE':
          return s.node ? s.node : s.nodeSelector ? s.nodeSelector : '(global)';
        default:
          return String(s.asNumber ?? 0);
      }
    },
  },
  IPPool: {
    headings: ['NAME', 'CIDR', 'SELECTOR'],
    wide: ['NAME', 'CIDR', 'NAT', 'IPIPMODE', 'VXLANMODE', 'DISABLED', 'DISABLEBGPEXPORT', 'SELECTOR', 'ASSIGNMENTMODE'],
    cell(r, h) {
      const s = (r.spec ?? {}) as IPPoolSpec;
      switch (h) {
        case 'NAME':
          return r.metadata.name ?? '';
        case 'CIDR':
          return s.cidr ?? '';
        case 'NAT':
          return b(s.natOutgoing);
        case 'IPIPMODE':
          return s.ipipMode || 'Never';
        case 'VXLANMODE':
          return s.vxlanMode || 'Never';
        case 'DISABLED':
          return b(s.disabled);
        case 'DISABLEBGPEXPORT':
          return b(s.disableBGPExport);
        case 'SELECTOR':
          return s.nodeSelector ?? '';
        default:
          return s.assignmentMode ?? '<nil>';
      }
    },
  },
  Node: {
    headings: ['NAME'],
    wide: ['NAME', 'ASN', 'IPV4', 'IPV6'],
    cell(r, h, globalAs) {
      const bgp = ((r.spec ?? {}) as CalicoNodeSpec).bgp;
      switch (h) {
        case 'NAME':
          return r.metadata.name ?? '';
        case 'ASN':
          // resourcemgr/node.go: inherited AS shown in parentheses from `config "asnumber"`.
          return bgp ? (bgp.asNumber ? String(bgp.asNumber) : `(${globalAs})`) : '';
        case 'IPV4':
          return bgp?.ipv4Address ?? '';
        default:
          return bgp?.ipv6Address ?? '';
      }
    },
  },
  BGPConfiguration: {
    headings: ['NAME', 'LOGSEVERITY', 'MESHENABLED', 'ASNUMBER'],
    wide: ['NAME', 'LOGSEVERITY', 'MESHENABLED', 'ASNUMBER'],
    cell(r, h) {
      const s = (r.spec ?? {}) as BGPConfigurationSpec;
      switch (h) {
        case 'NAME':
          return r.metadata.name ?? '';
        case 'LOGSEVERITY':
          return s.logSeverityScreen ?? '';
        case 'MESHENABLED':
          return s.nodeToNodeMeshEnabled === undefined ? '-' : b(s.nodeToNodeMeshEnabled);
        default:
          return s.asNumber === undefined ? '-' : String(s.asNumber);
      }
    },
  },
  BGPFilter: {
    headings: ['NAME', 'NUMEXPORTV4', 'NUMIMPORTV4', 'NUMEXPORTV6', 'NUMIMPORTV6'],
    wide: ['NAME', 'NUMEXPORTV4', 'NUMIMPORTV4', 'NUMEXPORTV6', 'NUMIMPORTV6'],
    cell(r, h) {
      const s = (r.spec ?? {}) as BGPFilterSpec;
      switch (h) {
        case 'NAME':
          return r.metadata.name ?? '';
        case 'NUMEXPORTV4':
          return String((s.exportV4 ?? []).length);
        case 'NUMIMPORTV4':
          return String((s.importV4 ?? []).length);
        case 'NUMEXPORTV6':
          return String((s.exportV6 ?? []).length);
        default:
          return String((s.importV6 ?? []).length);
      }
    },
  },
};

/** One table (headings + one row per resource), followed by calicoctl's blank line. */
export function renderTable(kind: string, resources: readonly Resource[], wide: boolean, globalAs: string): string {
  const t = TABLES[kind];
  if (!t) return '';
  const headings = wide ? t.wide : t.headings;
  const rows = [headings.slice(), ...resources.map((r) => headings.map((h) => t.cell(r, h, globalAs)))];
  return tabwrite(rows) + '\n';
}

/** Re-orders an object's keys as the Go struct declares its fields (for -o json). */
export function goOrder(value: unknown, type: FieldType | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => goOrder(v, type && type.t === 'list' ? type.of : undefined));
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (type && type.t === 'map') {
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, goOrder(v, type.of)]));
  }
  if (!type || type.t !== 'struct') return value;
  const out: Record<string, unknown> = {};
  for (const [k, ft] of Object.entries(type.fields)) if (k in obj) out[k] = goOrder(obj[k], ft);
  for (const [k, v] of Object.entries(obj)) if (!(k in out)) out[k] = v;
  return out;
}

/** The List object calicoctl prints when getting a whole kind. */
export function listObject(def: KindDef, items: readonly Resource[], revision: number): Record<string, unknown> {
  return { apiVersion: def.apiVersion, kind: def.listKind, metadata: { resourceVersion: String(revision) }, items: [...items] };
}

export function renderYaml(objects: readonly unknown[]): string {
  const v = objects.length === 1 ? objects[0] : objects;
  return toGoYaml(v);
}

export function renderJson(def: KindDef, objects: readonly unknown[]): string {
  const ordered = objects.map((o) => {
    const r = o as Record<string, unknown>;
    if (r['kind'] === def.listKind) {
      return {
        kind: r['kind'],
        apiVersion: r['apiVersion'],
        metadata: r['metadata'],
        items: (r['items'] as unknown[]).map((i) => goOrder(i, def.schema)),
      };
    }
    return goOrder(o, def.schema);
  });
  return toGoJson(ordered.length === 1 ? ordered[0] : ordered) + '\n';
}
