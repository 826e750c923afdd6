// The resource objects the datastore holds, shaped like their JSON (Go struct) form so that
// `calicoctl get -o yaml|json` can print them directly. Fields absent = Go zero value /
// omitempty. One interface per spec; the decoding schemas live beside each kind.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [k: string]: unknown;
}

export interface Resource<S = Record<string, unknown>> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: S;
  status?: unknown;
  [k: string]: unknown;
}

export interface SecretKeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface BGPPassword {
  secretKeyRef?: SecretKeyRef;
}

export interface CidrBlock {
  cidr?: string;
}

export interface BGPConfigurationSpec {
  logSeverityScreen?: string;
  nodeToNodeMeshEnabled?: boolean;
  asNumber?: number;
  serviceLoadBalancerIPs?: CidrBlock[];
  serviceExternalIPs?: CidrBlock[];
  serviceClusterIPs?: CidrBlock[];
  serviceLoadBalancerAggregation?: string;
  communities?: { name?: string; value?: string }[];
  prefixAdvertisements?: { cidr?: string; communities?: string[] }[];
  listenPort?: number;
  nodeMeshPassword?: BGPPassword;
  nodeMeshMaxRestartTime?: string;
  bindMode?: string;
  ignoredInterfaces?: string[];
  localWorkloadPeeringIPV4?: string;
  localWorkloadPeeringIPV6?: string;
}

export interface BGPPeerSpec {
  node?: string;
  nodeSelector?: string;
  peerIP?: string;
  asNumber?: number;
  localASNumber?: number;
  peerSelector?: string;
  keepOriginalNextHop?: boolean;
  nextHopMode?: string;
  password?: BGPPassword;
  sourceAddress?: string;
  maxRestartTime?: string;
  numAllowedLocalASNumbers?: number;
  ttlSecurity?: number;
  reachableBy?: string;
  filters?: string[];
  localWorkloadSelector?: string;
  reversePeering?: string;
}

export interface BGPFilterRule {
  cidr?: string;
  prefixLength?: { min?: number; max?: number };
  source?: string;
  interface?: string;
  matchOperator?: string;
  action?: string;
}

export interface BGPFilterSpec {
  exportV4?: BGPFilterRule[];
  importV4?: BGPFilterRule[];
  exportV6?: BGPFilterRule[];
  importV6?: BGPFilterRule[];
}

export interface IPPoolSpec {
  cidr?: string;
  vxlanMode?: string;
  ipipMode?: string;
  natOutgoing?: boolean;
  disabled?: boolean;
  disableBGPExport?: boolean;
  blockSize?: number;
  nodeSelector?: string;
  namespaceSelector?: string;
  allowedUses?: string[];
  assignmentMode?: string;
}

export interface NodeBGPSpec {
  asNumber?: number;
  ipv4Address?: string;
  ipv6Address?: string;
  ipv4IPIPTunnelAddr?: string;
  routeReflectorClusterID?: string;
}

export interface CalicoNodeSpec {
  bgp?: NodeBGPSpec;
  ipv4VXLANTunnelAddr?: string;
  vxlanTunnelMACAddr?: string;
  orchRefs?: { nodeName?: string; orchestrator?: string }[];
  addresses?: { address?: string; type?: string }[];
  [k: string]: unknown;
}

export interface CalicoNodeStatusSpec {
  node?: string;
  classes?: string[];
  updatePeriodSeconds?: number;
}

// --- Kubernetes objects (only what the simulator uses; the rest is kept verbatim) ---

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
  hostPort?: number;
}

export interface Container {
  name?: string;
  image?: string;
  ports?: ContainerPort[];
  env?: { name?: string; value?: string; [k: string]: unknown }[];
  [k: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  containers?: Container[];
  hostNetwork?: boolean;
  [k: string]: unknown;
}

export interface PodStatus {
  podIP?: string;
  podIPs?: { ip?: string }[];
  hostIP?: string;
  phase?: string;
  [k: string]: unknown;
}

export interface ServicePort {
  name?: string;
  protocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalIPs?: string[];
  loadBalancerIP?: string;
  externalTrafficPolicy?: string;
  [k: string]: unknown;
}

export interface ServiceStatus {
  loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}

export interface K8sNodeSpec {
  podCIDR?: string;
  podCIDRs?: string[];
  unschedulable?: boolean;
  taints?: { key?: string; value?: string; effect?: string }[];
  [k: string]: unknown;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: ObjectMeta; spec?: PodSpec };
  [k: string]: unknown;
}

export interface DaemonSetSpec {
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: ObjectMeta; spec?: PodSpec };
  [k: string]: unknown;
}

export const CALICO_API = 'projectcalico.org/v3';
