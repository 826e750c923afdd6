// What every resource kind module provides: its decoding schema, defaults and validation.

import type { ErroredField } from '../errors.ts';
import type { FieldType } from '../schema.ts';
import type { Resource } from './types.ts';

export interface ValidateContext {
  readonly op: 'create' | 'update';
  /** The stored object being replaced (update). */
  readonly old?: Resource;
  lookup(kind: string, name: string, namespace?: string): Resource | undefined;
  list(kind: string): readonly Resource[];
}

export interface KindDef {
  readonly kind: string;
  readonly listKind: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** Calico resources are handled by calicoctl, the others by kubectl. */
  readonly group: 'calico' | 'k8s';
  readonly schema: FieldType & { t: 'struct' };
  /** Names calicoctl / kubectl accept on the command line (lowercase). */
  readonly aliases: readonly string[];
  /** libcalico-go's defaulting before storing (IPPool CIDR normalisation, blockSize 26, …). */
  normalize?(r: Resource): Resource;
  /**
   * Validation in the order the real client runs its checks; returns the errors of the first
   * failing stage (clientv3 returns early), each with the document path of the field.
   */
  validate(r: Resource, ctx: ValidateContext): ErroredField[];
}

/** Push `e` when `bad`; a tiny helper that keeps validators readable. */
export function check(out: ErroredField[], bad: boolean, e: ErroredField): void {
  if (bad) out.push(e);
}
