// Where device front ends come from. Vendor modules register a factory per platform; the lab
// asks the registry, so sim/lab does not import every vendor (and a Web Worker bundle can
// leave out what a lab does not use).

import type { ApplyResult } from '../api-types.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { DeviceConfig, InterfaceConfig, PacketFilterRule, StaticRoute } from '../model/device.ts';
import type { DeviceFrontEnd } from '../model/frontend.ts';
import type { Prefix } from '../core/ip.ts';

export interface RouterFactoryOptions {
  readonly device: string;
  readonly hostname?: string;
  readonly ports: readonly { readonly name: string; readonly segment?: string }[];
  readonly startupConfig?: string;
  readonly file?: string;
  /** Routes the lab file puts in the device's kernel (Linux-based routers: FRR shows them as K). */
  readonly kernelRoutes?: readonly StaticRoute[];
}

export type RouterFactory = (opts: RouterFactoryOptions) => { frontEnd: DeviceFrontEnd; diagnostics: Diagnostic[] };

/** A Linux host / VM shell (no BGP): ip, ping, traceroute, curl, dig. */
export type HostShellFactory = (opts: { readonly device: string; readonly base: () => DeviceConfig; readonly setBase: (cfg: DeviceConfig) => void }) => DeviceFrontEnd;

/** A machine that runs as a Kubernetes node in a Calico cluster. */
export interface ClusterHost {
  readonly name: string;
  readonly interfaces: readonly InterfaceConfig[];
  readonly staticRoutes: readonly StaticRoute[];
  readonly labels: Readonly<Record<string, string>>;
  /** IPAM blocks pinned to this node (published lab addresses). */
  readonly blocks: readonly Prefix[];
  /** Packet filter rules on the machine (lab `blockBgp`, `iptables`). */
  readonly filters?: readonly PacketFilterRule[];
  readonly pods: readonly { readonly name: string; readonly namespace: string; readonly ip?: number; readonly labels: Readonly<Record<string, string>>; readonly ports: readonly number[] }[];
}

/** The Calico layer as the lab sees it: a datastore, its files, and the compiled devices. */
export interface ClusterRuntime {
  readonly name: string;
  /** `calicoctl apply -f` / `kubectl apply -f` of a whole file. */
  apply(file: string, text: string): ApplyResult;
  validate(file: string, text: string): readonly Diagnostic[];
  /** Node and pod devices compiled from the datastore. */
  devices(): { readonly devices: readonly DeviceConfig[]; readonly diagnostics: readonly Diagnostic[] };
  /** The shell on a node (calicoctl, kubectl, birdcl, ip, ping, …). */
  frontEnd(node: string): DeviceFrontEnd;
}

export interface ClusterOptionsDef {
  /** kube-apiserver --service-cluster-ip-range (default 10.96.0.0/12). */
  readonly serviceClusterIPRange?: string;
  /** kubelet --cluster-domain (default cluster.local). */
  readonly clusterDomain?: string;
}

export type ClusterFactory = (opts: {
  readonly name: string;
  readonly hosts: readonly ClusterHost[];
  readonly seed: number;
  readonly options?: ClusterOptionsDef;
  /** Device names the rest of the lab uses (pod devices must not take them). */
  readonly reservedNames?: ReadonlySet<string>;
}) => ClusterRuntime;

const routers = new Map<string, RouterFactory>();
let hostShell: HostShellFactory | undefined;
let cluster: ClusterFactory | undefined;

export function registerRouterPlatform(platform: string, factory: RouterFactory): void {
  routers.set(platform, factory);
}

export function registerHostShell(factory: HostShellFactory): void {
  hostShell = factory;
}

export function registerClusterRuntime(factory: ClusterFactory): void {
  cluster = factory;
}

export function routerFactory(platform: string): RouterFactory | undefined {
  return routers.get(platform);
}

export function hostShellFactory(): HostShellFactory | undefined {
  return hostShell;
}

export function clusterFactory(): ClusterFactory | undefined {
  return cluster;
}
