// libcalico-go's validation error type and its exact rendering
// (lib/errors/errors.go ErrorValidation / ErroredField, C331), plus the other datastore
// errors calicoctl prints. `path` (ours) locates the field in the source document.

export interface ErroredField {
  /** Go-side field name as libcalico-go reports it ("PeerIP", "IPPool.Spec.CIDR", "Metadata.Name"). */
  readonly name: string;
  /** The offending value, printed with %v; undefined = Go nil (then only the name is printed). */
  readonly value?: unknown;
  readonly reason: string;
  /** Where the field lives in the resource document ("spec.peerIP"), for the marker. */
  readonly path?: string;
  /**
   * A complete error text that is not an ErrorValidation (e.g. the Kubernetes API server
   * rejecting a CRD enum value). When set, it is printed instead of the field rendering.
   */
  readonly text?: string;
}

/** The error text for a failed validation stage. */
export function fieldsErrorText(fields: readonly ErroredField[]): string {
  const raw = fields.find((f) => f.text !== undefined);
  return raw ? raw.text! : validationErrorText(fields);
}

/**
 * The API server's rejection of a value outside a CRD enum (the v3 CRDs carry kubebuilder
 * Enum markers that libcalico-go v3.31 does not check itself).
 */
export function crdEnumError(kind: string, name: string, path: string, value: string, allowed: readonly string[]): ErroredField {
  return {
    name: path,
    value,
    reason: 'Unsupported value',
    path,
    text: `${kind}.crd.projectcalico.org ${JSON.stringify(name)} is invalid: ${path}: Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
  };
}

/** Go's %v for the values validation errors carry. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    // %v of a struct prints {a b}; of a map, map[k:v]. Our objects come from JSON maps.
    const entries = Object.entries(v as Record<string, unknown>);
    return `map[${entries.map(([k, x]) => `${k}:${goValue(x)}`).join(' ')}]`;
  }
  return String(v);
}

/** ErroredField.String(): `Name = 'value' (reason)`. */
export function erroredFieldString(f: ErroredField): string {
  let s = f.value === undefined ? f.name : `${f.name} = '${goValue(f.value)}'`;
  if (f.reason !== '') s = `${s} (${f.reason})`;
  return s;
}

/** ErrorValidation.Error(). */
export function validationErrorText(fields: readonly ErroredField[]): string {
  if (fields.length === 0) return 'unknown validation error';
  if (fields.length === 1) return `error with field ${erroredFieldString(fields[0]!)}`;
  let s = 'error with the following fields:\n';
  for (const f of fields) s += `-  ${erroredFieldString(f)}\n`;
  return s;
}

/** Reason text of a failed field tag (validator.go extractReason; note the kept "Reason: " prefix). */
export function tagReason(field: string, tag: string): string {
  return `Reason: failed to validate Field: ${field} because of Tag: ${tag} `;
}

/** ResourceKey.String() of the v3 resources: `BGPPeer(foo)`, namespaced `Pod(ns/foo)`. */
export function resourceIdentifier(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind}(${namespace}/${name})` : `${kind}(${name})`;
}

/**
 * ErrorResourceDoesNotExist.Error(). With the Kubernetes datastore the inner error is the
 * API server's NotFound text, e.g. `bgppeers.crd.projectcalico.org "foo" not found`.
 */
export function doesNotExistText(kind: string, name: string, namespace?: string): string {
  return `resource does not exist: ${resourceIdentifier(kind, name, namespace)} with error: ${crdPlural(kind)} "${name}" not found`;
}

export function alreadyExistsText(kind: string, name: string, namespace?: string): string {
  return `resource already exists: ${resourceIdentifier(kind, name, namespace)}`;
}

/** The CRD resource name the Kubernetes API server uses in NotFound messages. */
export function crdPlural(kind: string): string {
  switch (kind) {
    case 'BGPConfiguration':
      return 'bgpconfigurations.crd.projectcalico.org';
    case 'BGPPeer':
      return 'bgppeers.crd.projectcalico.org';
    case 'BGPFilter':
      return 'bgpfilters.crd.projectcalico.org';
    case 'IPPool':
      return 'ippools.crd.projectcalico.org';
    case 'CalicoNodeStatus':
      return 'caliconodestatuses.crd.projectcalico.org';
    case 'Node':
      // Calico Nodes are Kubernetes Nodes in the Kubernetes datastore.
      return 'nodes';
    default:
      return `${kind.toLowerCase()}s`;
  }
}
