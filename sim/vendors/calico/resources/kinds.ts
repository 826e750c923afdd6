// The registry of resource kinds the simulator understands, by apiVersion + kind.

import { BGPConfigurationKind } from './bgp-configuration.ts';
import { BGPFilterKind } from './bgp-filter.ts';
import { BGPPeerKind } from './bgp-peer.ts';
import { CalicoNodeStatusKind } from './calico-node-status.ts';
import { CalicoNodeKind } from './calico-node.ts';
import { IPPoolKind } from './ip-pool.ts';
import { K8sNodeKind } from './k8s-node.ts';
import { NamespaceKind, SecretKind } from './k8s-misc.ts';
import type { KindDef } from './kind.ts';
import { PodKind } from './pod.ts';
import { ServiceKind } from './service.ts';
import { DaemonSetKind, DeploymentKind } from './workloads.ts';

export const CALICO_KINDS: readonly KindDef[] = [
  BGPConfigurationKind,
  BGPPeerKind,
  BGPFilterKind,
  IPPoolKind,
  CalicoNodeKind,
];

// CalicoNodeStatus is not a calicoctl resource in v3.31 (no resourcemgr for it): it is
// written with kubectl through the Calico API server.
export const K8S_KINDS: readonly KindDef[] = [
  K8sNodeKind,
  PodKind,
  ServiceKind,
  DeploymentKind,
  DaemonSetKind,
  NamespaceKind,
  SecretKind,
  CalicoNodeStatusKind,
];

export const ALL_KINDS: readonly KindDef[] = [...CALICO_KINDS, ...K8S_KINDS];

/** The kind for an apiVersion/kind pair, or a list kind's element kind. */
export function findKind(apiVersion: string, kind: string): { def: KindDef; list: boolean } | undefined {
  for (const def of ALL_KINDS) {
    if (def.apiVersion !== apiVersion) continue;
    if (def.kind === kind) return { def, list: false };
    if (def.listKind === kind) return { def, list: true };
  }
  return undefined;
}

/** calicoctl's name for a kind on the command line ("bgppeers", "bgpp", "ippool"). */
export function calicoKindByAlias(alias: string): KindDef | undefined {
  const a = alias.toLowerCase();
  return CALICO_KINDS.find((k) => k.aliases.includes(a));
}

export function k8sKindByAlias(alias: string): KindDef | undefined {
  const a = alias.toLowerCase().split('.')[0]!;
  return K8S_KINDS.find((k) => k.aliases.includes(a));
}
