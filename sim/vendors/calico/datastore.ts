// The cluster datastore: an immutable value holding Calico and Kubernetes objects, as the
// Kubernetes API server (Calico's "Kubernetes datastore", KDD) would. Writes return a new
// Datastore; nothing is mutated, so a rejected apply simply keeps the old value.
//
// Calico Nodes are not stored: with KDD a Calico Node is a view of the Kubernetes Node
// (labels = Node labels, spec.bgp = projectcalico.org/* annotations), see calicoNodeView().

import { rfc3339 } from '../../core/clock.ts';
import { hash32 } from '../../core/rng.ts';
import type { ValidateContext } from './resources/kind.ts';
import { ANNOTATION } from './resources/calico-node.ts';
import type { CalicoNodeSpec, NodeBGPSpec, Resource } from './resources/types.ts';
import { CALICO_API } from './resources/types.ts';

export interface ClusterOptions {
  /** kube-apiserver --service-cluster-ip-range (ClusterIP allocation, `cluster-info dump`). */
  readonly serviceClusterIPRange: string;
  /** kubelet --cluster-domain (DNS names). */
  readonly clusterDomain: string;
  /** Unix time (s) of the lab's start, for creationTimestamp; virtual time is added to it. */
  readonly epoch: number;
  /** The namespace calico-node runs in (DaemonSet, BGP password secrets). */
  readonly calicoNamespace: string;
}

export const DEFAULT_OPTIONS: ClusterOptions = {
  serviceClusterIPRange: '10.96.0.0/12',
  clusterDomain: 'cluster.local',
  // 2025-01-01T10:00:00Z: a fixed date keeps outputs deterministic (the lab "starts at 10:00").
  epoch: 1735725600,
  calicoNamespace: 'kube-system',
};

export function objectKey(apiVersion: string, kind: string, name: string, namespace?: string): string {
  return `${apiVersion}|${kind}|${namespace ?? ''}|${name}`;
}

function keyOf(r: Resource): string {
  return objectKey(r.apiVersion, r.kind, r.metadata.name ?? '', r.metadata.namespace);
}

/** RFC 3339 UTC text of a Unix time, as Kubernetes prints creationTimestamp. */
export function formatTimestamp(unixSeconds: number): string {
  return rfc3339(unixSeconds);
}

/** A deterministic UUID-shaped uid. */
function uidFor(seed: string): string {
  const h = [hash32(seed, 1), hash32(seed, 2), hash32(seed, 3), hash32(seed, 4)].map((x) => x.toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class Datastore {
  private constructor(
    private readonly objects: ReadonlyMap<string, Resource>,
    readonly revision: number,
    readonly options: ClusterOptions,
    /** Virtual seconds since the lab started (for timestamps of new objects). */
    readonly now: number,
  ) {}

  static empty(options: Partial<ClusterOptions> = {}): Datastore {
    return new Datastore(new Map(), 1000, { ...DEFAULT_OPTIONS, ...options }, 0);
  }

  /** The same objects with other cluster options (the lab's service range, domain, …). */
  withOptions(options: Partial<ClusterOptions>): Datastore {
    return new Datastore(this.objects, this.revision, { ...this.options, ...options }, this.now);
  }

  /** The same store with the clock moved (the lab passes its virtual time). */
  at(now: number): Datastore {
    return now === this.now ? this : new Datastore(this.objects, this.revision, this.options, now);
  }

  get(apiVersion: string, kind: string, name: string, namespace?: string): Resource | undefined {
    return this.objects.get(objectKey(apiVersion, kind, name, namespace));
  }

  /** Objects of a kind, sorted by namespace then name (the API server's list order). */
  list(apiVersion: string, kind: string, namespace?: string): Resource[] {
    const out: Resource[] = [];
    for (const r of this.objects.values()) {
      if (r.apiVersion !== apiVersion || r.kind !== kind) continue;
      if (namespace !== undefined && (r.metadata.namespace ?? '') !== namespace) continue;
      out.push(r);
    }
    return out.sort(
      (a, b) =>
        cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''),
    );
  }

  all(): Resource[] {
    return [...this.objects.values()];
  }

  /** Stores `r` (create or replace) with server-side metadata, returning the new store. */
  put(r: Resource): { store: Datastore; stored: Resource } {
    const key = keyOf(r);
    const old = this.objects.get(key);
    const revision = this.revision + 1;
    const metadata = { ...r.metadata };
    if (old) {
      metadata.uid = old.metadata.uid;
      metadata.creationTimestamp = old.metadata.creationTimestamp;
    } else {
      metadata.uid = uidFor(`${key}|${revision}`);
      metadata.creationTimestamp = formatTimestamp(this.options.epoch + this.now);
    }
    metadata.resourceVersion = String(revision);
    const stored = sortKeys({ ...r, metadata });
    const next = new Map(this.objects);
    next.set(key, stored);
    return { store: new Datastore(next, revision, this.options, this.now), stored };
  }

  remove(r: Resource): Datastore {
    const key = keyOf(r);
    if (!this.objects.has(key)) return this;
    const next = new Map(this.objects);
    next.delete(key);
    return new Datastore(next, this.revision + 1, this.options, this.now);
  }

  /** A validation context over this store (lookups for cross-object checks). */
  validateContext(op: 'create' | 'update', old?: Resource): ValidateContext {
    return {
      op,
      old,
      lookup: (kind, name, namespace) => this.lookupAny(kind, name, namespace),
      list: (kind) => this.list(kind === 'Node' || kind === 'Pod' || kind === 'Service' ? 'v1' : CALICO_API, kind),
    };
  }

  private lookupAny(kind: string, name: string, namespace?: string): Resource | undefined {
    if (kind === 'Node') return this.get('v1', 'Node', name);
    return this.get(CALICO_API, kind, name, namespace) ?? this.get('v1', kind, name, namespace);
  }

  // --- Calico views over Kubernetes objects ---

  /** Every Calico Node (one per Kubernetes Node), by name. */
  calicoNodes(): Resource<CalicoNodeSpec>[] {
    return this.list('v1', 'Node').map((n) => calicoNodeView(n));
  }

  calicoNode(name: string): Resource<CalicoNodeSpec> | undefined {
    const n = this.get('v1', 'Node', name);
    return n ? calicoNodeView(n) : undefined;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Object keys in a stable order (Go marshals struct fields in declaration order; we keep insertion order but put the envelope first). */
function sortKeys(r: Resource): Resource {
  const { apiVersion, kind, metadata, ...rest } = r;
  return { apiVersion, kind, metadata, ...rest };
}

/** libcalico-go K8sNodeToCalico (lib/backend/k8s/resources/node.go, C331), reduced. */
export function calicoNodeView(k8s: Resource): Resource<CalicoNodeSpec> {
  const ann = k8s.metadata.annotations ?? {};
  const bgp: NodeBGPSpec = {};
  if (ann[ANNOTATION.ipv4]) bgp.ipv4Address = ann[ANNOTATION.ipv4];
  if (ann[ANNOTATION.ipv6]) bgp.ipv6Address = ann[ANNOTATION.ipv6];
  if (ann[ANNOTATION.asn] && /^\d+$/.test(ann[ANNOTATION.asn]!)) bgp.asNumber = Number(ann[ANNOTATION.asn]);
  if (ann[ANNOTATION.rrClusterId]) bgp.routeReflectorClusterID = ann[ANNOTATION.rrClusterId];
  if (ann[ANNOTATION.ipipTunnel]) bgp.ipv4IPIPTunnelAddr = ann[ANNOTATION.ipipTunnel];
  const spec: CalicoNodeSpec = {};
  const addresses: { address: string; type: string }[] = [];
  if (bgp.ipv4Address) addresses.push({ address: bgp.ipv4Address, type: 'CalicoNodeIP' });
  const internal = ((k8s.status as { addresses?: { type?: string; address?: string }[] } | undefined)?.addresses ?? []).filter(
    (a) => a.type === 'InternalIP' || a.type === 'ExternalIP',
  );
  for (const a of internal) if (a.address) addresses.push({ address: a.address, type: a.type! });
  if (addresses.length > 0) spec.addresses = addresses;
  if (Object.keys(bgp).length > 0) spec.bgp = bgp;
  spec.orchRefs = [{ nodeName: k8s.metadata.name ?? '', orchestrator: 'k8s' }];
  // SetCalicoMetadataFromK8sAnnotations + mergeCalicoAndK8sLabels: the Calico labels and
  // annotations live in the projectcalico.org/labels and /annotations annotations; the Node's
  // Kubernetes labels are laid over the labels (they win) and stashed, as JSON, in the
  // projectcalico.org/kube-labels annotation so a write-back can tell them apart.
  const k8sLabels = k8s.metadata.labels ?? {};
  const labels: Record<string, string> = { ...parseJsonMap(ann[LABELS_ANNOTATION]), ...k8sLabels };
  const annotations: Record<string, string> = { ...parseJsonMap(ann[ANNOTATIONS_ANNOTATION]), [KUBE_LABELS_ANNOTATION]: goJsonMap(k8s.metadata.labels) };
  const metadata = {
    name: k8s.metadata.name,
    resourceVersion: k8s.metadata.resourceVersion,
    uid: k8s.metadata.uid,
    creationTimestamp: k8s.metadata.creationTimestamp,
    annotations,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
  const podCIDRs = (k8s.spec as { podCIDRs?: string[] } | undefined)?.podCIDRs;
  const out: Resource<CalicoNodeSpec> = { apiVersion: CALICO_API, kind: 'Node', metadata, spec };
  if (podCIDRs && podCIDRs.length > 0) out.status = { podCIDRs: [...podCIDRs] };
  return out;
}

/**
 * mergeCalicoNodeIntoK8sNode (libcalico-go lib/backend/k8s/resources/node.go, C331): the
 * Kubernetes labels are never touched. restoreCalicoLabels drops from the Calico labels every
 * key listed in projectcalico.org/kube-labels (labels the view inherited); the rest, and the
 * Calico annotations, are stored as JSON in projectcalico.org/labels / annotations; spec.bgp
 * becomes the projectcalico.org/* BGP annotations.
 */
export function mergeCalicoNodeIntoK8s(calico: Resource<CalicoNodeSpec>, k8s: Resource): Resource {
  const calAnn = { ...(calico.metadata.annotations ?? {}) };
  const calLabels = { ...(calico.metadata.labels ?? {}) };
  const stashed = calAnn[KUBE_LABELS_ANNOTATION];
  if (stashed !== undefined && stashed !== '') {
    for (const k of Object.keys(parseJsonMap(stashed))) delete calLabels[k];
    delete calAnn[KUBE_LABELS_ANNOTATION];
  }
  const ann: Record<string, string> = {};
  for (const [k, v] of Object.entries(k8s.metadata.annotations ?? {})) {
    if (!(Object.values(ANNOTATION) as string[]).includes(k) && k !== LABELS_ANNOTATION && k !== ANNOTATIONS_ANNOTATION) ann[k] = v;
  }
  if (Object.keys(calLabels).length > 0) ann[LABELS_ANNOTATION] = goJsonMap(calLabels);
  if (Object.keys(calAnn).length > 0) ann[ANNOTATIONS_ANNOTATION] = goJsonMap(calAnn);
  const bgp = calico.spec?.bgp;
  if (bgp?.ipv4Address) ann[ANNOTATION.ipv4] = bgp.ipv4Address;
  if (bgp?.ipv6Address) ann[ANNOTATION.ipv6] = bgp.ipv6Address;
  if (bgp?.asNumber !== undefined && bgp.asNumber !== 0) ann[ANNOTATION.asn] = String(bgp.asNumber);
  if (bgp?.routeReflectorClusterID) ann[ANNOTATION.rrClusterId] = bgp.routeReflectorClusterID;
  if (bgp?.ipv4IPIPTunnelAddr) ann[ANNOTATION.ipipTunnel] = bgp.ipv4IPIPTunnelAddr;
  return { ...k8s, metadata: { ...k8s.metadata, annotations: ann } };
}

const LABELS_ANNOTATION = 'projectcalico.org/labels';
const ANNOTATIONS_ANNOTATION = 'projectcalico.org/annotations';
const KUBE_LABELS_ANNOTATION = 'projectcalico.org/kube-labels';

/** A JSON object of strings, or {} (libcalico-go logs and ignores an unparsable annotation). */
function parseJsonMap(text: string | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
    return out;
  } catch {
    return {};
  }
}

/** Go json.Marshal of a map[string]string: keys sorted, compact, HTML-escaped; nil map = "null". */
function goJsonMap(m: Readonly<Record<string, string>> | undefined): string {
  if (!m) return 'null';
  const keys = Object.keys(m).sort();
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(m[k]!)}`).join(',')}}`;
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
