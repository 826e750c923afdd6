// JSON Schemas for the Calico kinds the lab's YAML pane edits, hand-written from the project's
// semantics spec (§1). monaco-yaml uses them for completion, hover and validation; the
// simulator's own diagnostics (lab.validate) add the cross-field rules a schema cannot say.

import common from './common.json';
import bgpconfiguration from './bgpconfiguration.json';
import bgppeer from './bgppeer.json';
import node from './node.json';
import ippool from './ippool.json';
import bgpfilter from './bgpfilter.json';
import caliconodestatus from './caliconodestatus.json';

export const KIND_SCHEMAS = { BGPConfiguration: bgpconfiguration, BGPPeer: bgppeer, Node: node, IPPool: ippool, BGPFilter: bgpfilter, CalicoNodeStatus: caliconodestatus } as const;

const URI = 'https://calico-bgp-lab.invalid/schemas/';

/** One schema per YAML document: picks the kind's schema by `kind` (also the List kinds). */
export function calicoDocumentSchema(): object {
  const kinds = Object.keys(KIND_SCHEMAS);
  const byKind = Object.entries(KIND_SCHEMAS).map(([kind]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: { $ref: `${URI}${kind.toLowerCase()}.json` },
  }));
  const lists = kinds.map((kind) => ({
    if: { properties: { kind: { const: `${kind}List` } }, required: ['kind'] },
    then: {
      type: 'object',
      properties: {
        apiVersion: { $ref: `${URI}common.json#/definitions/apiVersion` },
        kind: { const: `${kind}List` },
        metadata: { type: 'object' },
        items: { type: 'array', items: { $ref: `${URI}${kind.toLowerCase()}.json` } },
      },
    },
  }));
  return {
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { $ref: `${URI}common.json#/definitions/apiVersion` },
      kind: {
        description: 'The Calico resource kind.',
        enum: [...kinds, ...kinds.map((k) => `${k}List`)],
      },
    },
    allOf: [...byKind, ...lists],
  };
}

/** Schema entries for monaco-yaml: the dispatcher for every lab file plus each kind by URI. */
export function monacoYamlSchemas(fileMatch: string[]): { uri: string; fileMatch: string[]; schema: object }[] {
  // The files carry short $ids for reading; monaco-yaml resolves by URI, so refs are rewritten.
  const rewrite = (schema: object): object => {
    const copy = JSON.parse(JSON.stringify(schema).replace(/"calico-common#/g, `"${URI}common.json#`)) as Record<string, unknown>;
    delete copy.$id;
    return copy;
  };
  return [
    { uri: `${URI}calico.json`, fileMatch, schema: calicoDocumentSchema() },
    // Kind schemas are reached through the dispatcher's $refs only (no files of their own).
    { uri: `${URI}common.json`, fileMatch: [], schema: rewrite(common) },
    ...Object.entries(KIND_SCHEMAS).map(([kind, schema]) => ({ uri: `${URI}${kind.toLowerCase()}.json`, fileMatch: [], schema: rewrite(schema) })),
  ];
}
