// calicoctl get / patch / label / delete <kind> <name>: the by-name verbs, with calicoctl's
// texts (commands/{get,patch,label,delete}.go, common/resources.go, C331). Arguments arrive
// parsed (the node shell owns the command line); every function returns the new store and
// what to print, and never throws.

import type { Datastore } from '../datastore.ts';
import { doesNotExistText } from '../errors.ts';
import { withoutStringify } from '../resources/decode-file.ts';
import type { KindDef } from '../resources/kind.ts';
import { calicoKindByAlias } from '../resources/kinds.ts';
import type { BGPConfigurationSpec, Resource } from '../resources/types.ts';
import { CALICO_API } from '../resources/types.ts';
import { decodeResource, yamlJsonErrorText } from '../schema.ts';
import { jsonToYNode } from '../yaml/source.ts';
import { listObject, renderJson, renderTable, renderYaml } from './output.ts';
import { writeResource } from './write.ts';

export interface CommandResult {
  readonly store: Datastore;
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly changed: boolean;
}

export type OutputFormat = 'ps' | 'wide' | 'yaml' | 'json';

function done(store: Datastore, ok: boolean, stdout: string, stderr = '', changed = false): CommandResult {
  return { store, ok, stdout, stderr, changed };
}

function unsupported(store: Datastore, alias: string): CommandResult {
  return done(store, false, '', `resource type '${alias}' is not supported`);
}

/** The AS number `calicoctl get nodes -o wide` shows in parentheses (printer.go config "asnumber"). */
export function globalAsText(store: Datastore): string {
  const cfg = store.get(CALICO_API, 'BGPConfiguration', 'default');
  const asn = (cfg?.spec as BGPConfigurationSpec | undefined)?.asNumber;
  return asn !== undefined ? String(asn) : '64512';
}

function lookup(store: Datastore, def: KindDef, name: string): Resource | undefined {
  return def.kind === 'Node' ? store.calicoNode(name) : store.get(def.apiVersion, def.kind, name);
}

function listAll(store: Datastore, def: KindDef): Resource[] {
  return def.kind === 'Node' ? store.calicoNodes() : store.list(def.apiVersion, def.kind);
}

/** `calicoctl get <kind> [<name>...] [-o ps|wide|yaml|json]`. */
export function calicoctlGet(store: Datastore, kindAlias: string, names: readonly string[], output: OutputFormat = 'ps'): CommandResult {
  const def = calicoKindByAlias(kindAlias);
  if (!def) return unsupported(store, kindAlias);
  const found: Resource[] = [];
  const errs: string[] = [];
  for (const n of names) {
    const r = lookup(store, def, n);
    if (r) found.push(r);
    else errs.push(doesNotExistText(def.kind, n));
  }
  let stdout = '';
  if (names.length === 0) {
    const items = listAll(store, def);
    const list = listObject(def, items, store.revision);
    if (output === 'yaml') stdout = renderYaml([list]);
    else if (output === 'json') stdout = renderJson(def, [list]);
    else stdout = renderTable(def.kind, items, output === 'wide', globalAsText(store));
  } else if (found.length > 0) {
    if (output === 'yaml') stdout = renderYaml(found);
    else if (output === 'json') stdout = renderJson(def, found);
    // ResourcePrinterTable prints one table per resource when names are given.
    else stdout = found.map((r) => renderTable(def.kind, [r], output === 'wide', globalAsText(store))).join('');
  }
  return done(store, errs.length === 0, stdout, errs.join('\n'));
}

/** RFC 7386 JSON merge patch (strategic merge patch behaves so for these CRD types). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

/** `calicoctl patch <kind> <name> -p '<json>'`. */
export function calicoctlPatch(store: Datastore, kindAlias: string, name: string, patchText: string): CommandResult {
  const def = calicoKindByAlias(kindAlias);
  if (!def) return unsupported(store, kindAlias);
  const current = lookup(store, def, name);
  if (!current) return done(store, false, '', `hit error: ${doesNotExistText(def.kind, name)}`);
  let patch: unknown;
  try {
    patch = JSON.parse(patchText);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return done(store, false, '', `hit error: performing strategic merge patch: invalid character in patch (${detail})`);
  }
  const merged = mergePatch(current, patch) as Resource;
  const decoded = decodeResource(jsonToYNode(merged), withoutStringify(def.schema));
  if (decoded.errors.length > 0) return done(store, false, '', `hit error: ${yamlJsonErrorText(decoded.errors[0]!.message)}`);
  const resource = { ...(decoded.value as Resource), apiVersion: def.apiVersion, kind: def.kind };
  const out = writeResource(store, def, resource, 'update');
  if (out.error !== undefined) return done(store, false, '', `hit error: ${out.error}`);
  return done(out.store, true, `Successfully patched 1 '${def.kind}' resource`, '', true);
}

/** `calicoctl label <kind> <name> key=value [--overwrite]` / `--remove key`. */
export function calicoctlLabel(
  store: Datastore,
  kindAlias: string,
  name: string,
  keyValue: string,
  options: { overwrite?: boolean; remove?: boolean } = {},
): CommandResult {
  let key: string;
  let value = '';
  if (options.remove) key = keyValue;
  else {
    const kv = keyValue.split('=');
    if (kv.length !== 2) return done(store, false, '', `invalid label ${keyValue}`);
    [key, value] = [kv[0]!, kv[1]!];
  }
  const def = calicoKindByAlias(kindAlias);
  if (!def) return done(store, false, '', `failed to get ${kindAlias} ${name}, error resource type '${kindAlias}' is not supported`);
  const current = lookup(store, def, name);
  if (!current) return done(store, false, '', `${kindAlias} ${name} not found`);
  const labels = { ...(current.metadata.labels ?? {}) };
  let overwritten = false;
  if (options.remove) {
    if (!(key in labels)) return done(store, false, '', `cannot remove label of ${kindAlias} ${name}, key ${key} does not exist`);
    delete labels[key];
  } else if (key in labels) {
    if (options.overwrite || labels[key] === value) {
      labels[key] = value;
      overwritten = true;
    } else {
      return done(store, false, '', `failed to update label of ${kindAlias} ${name}, key ${key} is already present. please use '--overwrite' to set a new value`);
    }
  } else labels[key] = value;
  const updated: Resource = { ...current, metadata: { ...current.metadata, labels } };
  const out = writeResource(store, def, updated, 'update');
  if (out.error !== undefined) return done(store, false, '', `failed to update ${kindAlias} ${name}, label not changed`);
  const msg = options.remove
    ? `Successfully removed label ${key} from ${kindAlias} ${name}`
    : overwritten
      ? `Successfully updated label ${key} on ${kindAlias} ${name}`
      : `Successfully set label ${key} on ${kindAlias} ${name}`;
  return done(out.store, true, msg, '', true);
}

/** `calicoctl delete <kind> <name>...`. */
export function calicoctlDelete(store: Datastore, kindAlias: string, names: readonly string[]): CommandResult {
  const def = calicoKindByAlias(kindAlias);
  if (!def) return unsupported(store, kindAlias);
  let cur = store;
  let handled = 0;
  const errs: string[] = [];
  for (const n of names) {
    const r = lookup(cur, def, n) ?? { apiVersion: def.apiVersion, kind: def.kind, metadata: { name: n } };
    const out = writeResource(cur, def, r, 'delete');
    if (out.error !== undefined) errs.push(`Failed to delete '${def.kind}' resource: ${out.error}`);
    else {
      cur = out.store;
      handled++;
    }
  }
  const stdout = handled > 0 ? `Successfully deleted ${handled} '${def.kind}' resource(s)` : '';
  return done(cur, errs.length === 0, stdout, errs.join('\n'), handled > 0);
}
