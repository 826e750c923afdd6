// The Calico layer as the lab sees it (sim/lab/registry.ts ClusterRuntime): a CalicoCluster
// plus a shell per node. `registerCalico()` plugs it into the lab's registry.

import type { ApplyResult } from '../../api-types.ts';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { DeviceConfig } from '../../model/device.ts';
import type { DeviceFrontEnd } from '../../model/frontend.ts';
import type { ClusterFactory, ClusterHost, ClusterRuntime } from '../../lab/registry.ts';
import { registerClusterRuntime } from '../../lab/registry.ts';
import { CalicoCluster } from './cluster.ts';
import type { LabPod } from './cluster-init.ts';
import type { ClusterOptions } from './datastore.ts';

export type NodeShellFactory = (cluster: CalicoCluster, node: string) => DeviceFrontEnd;

let nodeShellFactory: NodeShellFactory | undefined;

/** The node shell module registers itself here (kept apart so the compile core stays small). */
export function setNodeShellFactory(f: NodeShellFactory): void {
  nodeShellFactory = f;
}

function placeholderShell(cluster: CalicoCluster, node: string): DeviceFrontEnd {
  const prompt = `root@${node}:~# `;
  return {
    device: node,
    deviceConfig: () => {
      const d = cluster.devices().devices.find((x) => x.name === node);
      return { config: d as DeviceConfig, diagnostics: [] };
    },
    prompt: () => prompt,
    exec: () => ({ output: 'the node shell is not available in this build', prompt, changed: false }),
    complete: (line) => ({ line, candidates: [], help: '' }),
    help: () => '',
    interrupt: () => '',
  };
}

export class CalicoRuntime implements ClusterRuntime {
  readonly cluster: CalicoCluster;
  private readonly shells = new Map<string, DeviceFrontEnd>();

  constructor(name: string, hosts: readonly ClusterHost[], options: Partial<ClusterOptions> = {}, reservedNames: ReadonlySet<string> = new Set()) {
    const pods: LabPod[] = hosts.flatMap((h) =>
      h.pods.map((p) => ({ name: p.name, namespace: p.namespace, node: h.name, labels: p.labels, ports: p.ports, ...(p.ip !== undefined ? { ip: p.ip } : {}) })),
    );
    this.cluster = new CalicoCluster(
      name,
      hosts.map((h) => ({ name: h.name, interfaces: h.interfaces, staticRoutes: h.staticRoutes, labels: h.labels, blocks: h.blocks, ...(h.filters ? { filters: h.filters } : {}) })),
      pods,
      options,
      reservedNames,
    );
  }

  get name(): string {
    return this.cluster.name;
  }

  apply(file: string, text: string): ApplyResult {
    return this.cluster.applyFile(file, text);
  }

  validate(file: string, text: string): readonly Diagnostic[] {
    return this.cluster.validate(file, text);
  }

  devices(): { readonly devices: readonly DeviceConfig[]; readonly diagnostics: readonly Diagnostic[] } {
    return this.cluster.devices();
  }

  frontEnd(node: string): DeviceFrontEnd {
    let fe = this.shells.get(node);
    if (!fe) {
      fe = (nodeShellFactory ?? placeholderShell)(this.cluster, node);
      this.shells.set(node, fe);
    }
    return fe;
  }
}

export const calicoClusterFactory: ClusterFactory = (opts) =>
  new CalicoRuntime(
    opts.name,
    opts.hosts,
    {
      ...(opts.options?.serviceClusterIPRange ? { serviceClusterIPRange: opts.options.serviceClusterIPRange } : {}),
      ...(opts.options?.clusterDomain ? { clusterDomain: opts.options.clusterDomain } : {}),
    },
    opts.reservedNames ?? new Set(),
  );

export function registerCalico(): void {
  registerClusterRuntime(calicoClusterFactory);
}
