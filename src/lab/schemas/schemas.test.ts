import { describe, expect, it } from 'vitest';
import { KIND_SCHEMAS, monacoYamlSchemas } from './index.ts';

describe('Calico JSON schemas', () => {
  it('cover the six kinds, each with apiVersion/kind/metadata', () => {
    expect(Object.keys(KIND_SCHEMAS).sort()).toEqual(['BGPConfiguration', 'BGPFilter', 'BGPPeer', 'CalicoNodeStatus', 'IPPool', 'Node']);
    for (const [kind, schema] of Object.entries(KIND_SCHEMAS)) {
      const props = (schema as { properties: Record<string, { const?: string }> }).properties;
      expect(props.kind?.const).toBe(kind);
      expect(props.metadata).toBeDefined();
    }
  });
  it('every $ref resolves to a registered schema URI', () => {
    const entries = monacoYamlSchemas(['*.yaml']);
    const uris = new Set(entries.map((e) => e.uri));
    const refs = JSON.stringify(entries).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const target = ref.slice(8, -1).split('#')[0]!;
      if (target) expect(uris.has(target), target).toBe(true);
    }
    expect(JSON.stringify(entries)).not.toContain('calico-common#');
  });
  it('documents the traps learners hit (quoted selectors and label values)', () => {
    const text = JSON.stringify(monacoYamlSchemas([]));
    expect(text).toContain('unquoted !has(...) is a YAML tag');
    expect(text).toContain('Quote values like');
  });
});
