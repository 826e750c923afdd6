// The conformance scenario format (tests/conformance/README.md): devices, L2 segments, Calico
// clusters, router BGP configs, phases of actions and probes. Parsed leniently into typed
// values with defaults the recording harness applies (shared/conformance/lib/scenario.py).

import { parse as parseYamlPlain } from 'yaml';
import { error, type Diagnostic } from '../core/diagnostics.ts';

export interface ScenarioInterface {
  readonly name: string;
  readonly segment?: string;
  readonly ips: readonly string[];
}

export interface ScenarioRoute {
  readonly dst: string;
  readonly via: readonly string[];
  readonly dev?: string;
  readonly metric?: number;
  readonly type?: 'blackhole';
}

export interface ScenarioNeighbor {
  readonly ip: string;
  readonly as: number;
  readonly ebgpMultihop?: number;
  readonly updateSource?: string;
  readonly routeReflectorClient?: boolean;
  readonly nextHopSelf?: boolean | 'force';
  readonly prefixListIn?: string;
  readonly prefixListOut?: string;
  readonly routeMapIn?: string;
  readonly routeMapOut?: string;
  readonly allowasIn?: number;
  readonly asOverride?: boolean;
  readonly passive?: boolean;
  readonly shutdown?: boolean;
}

export interface ScenarioDevice {
  readonly name: string;
  readonly kind: 'calico-node' | 'router' | 'host';
  readonly as?: number;
  readonly routerId?: string;
  readonly interfaces: readonly ScenarioInterface[];
  readonly routes: readonly ScenarioRoute[];
  readonly prefixLists: Readonly<Record<string, readonly { seq: number; action: 'permit' | 'deny'; prefix: string; ge?: number; le?: number }[]>>;
  readonly rawConfig: readonly string[];
  readonly bgp?: {
    readonly clusterId?: string;
    readonly networks: readonly string[];
    readonly networkImportCheck: boolean;
    readonly redistribute: readonly string[];
    readonly maximumPaths?: number;
    readonly maximumPathsIbgp?: number;
    readonly multipathRelax: boolean;
    readonly ebgpRequiresPolicy: boolean;
    readonly neighbors: readonly ScenarioNeighbor[];
  };
  // calico-node
  readonly cluster?: string;
  readonly nodeIP?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly routeReflectorClusterID?: string;
  readonly blocks: readonly string[];
  readonly pods: readonly { readonly name: string; readonly ip: string }[];
  readonly peers: readonly Record<string, unknown>[];
  readonly originate: readonly string[];
  readonly explicitAs: boolean;
}

export interface ScenarioCluster {
  readonly name: string;
  readonly as: number;
  readonly nodeToNodeMesh: boolean;
  readonly ipPools: readonly Record<string, unknown>[];
  readonly serviceClusterIPs: readonly string[];
  readonly serviceExternalIPs: readonly string[];
  readonly bgpFilters: Readonly<Record<string, Record<string, unknown>>>;
  readonly bgpPeers: readonly Record<string, unknown>[];
}

export interface ScenarioProbe {
  readonly name: string;
  readonly type: 'ping' | 'traceroute' | 'both';
  readonly from: string;
  readonly fromPod?: string;
  readonly toPod?: string;
  readonly to?: string;
  readonly source?: string;
  readonly count: number;
  readonly maxHops: number;
}

export type ScenarioAction =
  | { readonly kind: 'stop' | 'kill' | 'start'; readonly device: string }
  | { readonly kind: 'linkDown' | 'linkUp'; readonly device: string; readonly iface: string }
  | { readonly kind: 'sleep'; readonly seconds: number }
  | { readonly kind: 'waitForChange'; readonly seconds: number }
  | { readonly kind: 'exec' | 'birdc'; readonly device: string; readonly cmd: string }
  | { readonly kind: 'vtysh'; readonly device: string; readonly cmds: readonly string[] };

export interface ScenarioPhase {
  readonly name: string;
  readonly actions: readonly ScenarioAction[];
  readonly probes: readonly ScenarioProbe[];
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly clusters: readonly ScenarioCluster[];
  readonly devices: readonly ScenarioDevice[];
  readonly phases: readonly ScenarioPhase[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

export function parseScenario(text: string, file: string): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYamlPlain(text);
  } catch (e) {
    diagnostics.push(error('scenario.syntax', `${file}: ${(e as Error).message}`));
    return { diagnostics };
  }
  if (!isObj(data) || !Array.isArray(data['devices'])) {
    diagnostics.push(error('scenario.schema', `${file}: a scenario is a mapping with "devices"`));
    return { diagnostics };
  }
  const clustersIn = isObj(data['clusters']) ? data['clusters'] : { default: {} };
  const clusters: ScenarioCluster[] = Object.entries(clustersIn).map(([name, c]) => {
    const o = isObj(c) ? c : {};
    return {
      name,
      as: Number(o['as'] ?? 64512),
      nodeToNodeMesh: o['nodeToNodeMesh'] !== false,
      ipPools: list(o['ipPools'] ?? [{ cidr: '10.244.0.0/16' }]).filter(isObj),
      serviceClusterIPs: list(o['serviceClusterIPs']).map(String),
      serviceExternalIPs: list(o['serviceExternalIPs']).map(String),
      bgpFilters: (isObj(o['bgpFilters']) ? o['bgpFilters'] : {}) as Record<string, Record<string, unknown>>,
      bgpPeers: list(o['bgpPeers']).filter(isObj),
    };
  });
  const devices: ScenarioDevice[] = [];
  for (const raw of data['devices'] as unknown[]) {
    if (!isObj(raw) || typeof raw['name'] !== 'string') {
      diagnostics.push(error('scenario.schema', `${file}: every device needs a name`));
      continue;
    }
    const kind = (raw['kind'] ?? 'router') as ScenarioDevice['kind'];
    if (!['calico-node', 'router', 'host'].includes(kind)) diagnostics.push(error('scenario.schema', `${file}: device ${raw['name']}: unknown kind ${kind}`));
    const interfaces = list(raw['interfaces']).filter(isObj).map((i) => ({
      name: String(i['name']),
      ...(i['segment'] ? { segment: String(i['segment']) } : {}),
      ips: [...list(i['ips']), ...list(i['ip'])].map(String),
    }));
    const routes = list(raw['routes']).filter(isObj).map((r) => ({
      dst: String(r['dst']),
      via: list(r['via']).map(String),
      ...(r['dev'] ? { dev: String(r['dev']) } : {}),
      ...(r['metric'] !== undefined ? { metric: Number(r['metric']) } : {}),
      ...(r['type'] === 'blackhole' ? { type: 'blackhole' as const } : {}),
    }));
    const bgpIn = isObj(raw['bgp']) ? raw['bgp'] : undefined;
    const bgp = bgpIn
      ? {
          ...(bgpIn['clusterId'] ? { clusterId: String(bgpIn['clusterId']) } : {}),
          networks: list(bgpIn['networks']).map(String),
          networkImportCheck: bgpIn['networkImportCheck'] !== false,
          redistribute: list(bgpIn['redistribute']).map(String),
          ...(bgpIn['maximumPaths'] != null ? { maximumPaths: Number(bgpIn['maximumPaths']) } : {}),
          ...(bgpIn['maximumPathsIbgp'] != null ? { maximumPathsIbgp: Number(bgpIn['maximumPathsIbgp']) } : {}),
          multipathRelax: bgpIn['multipathRelax'] === true,
          ebgpRequiresPolicy: bgpIn['ebgpRequiresPolicy'] === true,
          neighbors: list(bgpIn['neighbors']).filter(isObj).map((n) => n as unknown as ScenarioNeighbor),
        }
      : undefined;
    const prefixLists: ScenarioDevice['prefixLists'] = {};
    if (isObj(raw['prefixLists'])) {
      for (const [name, entries] of Object.entries(raw['prefixLists'])) {
        (prefixLists as Record<string, unknown>)[name] = list(entries).filter(isObj);
      }
    }
    devices.push({
      name: raw['name'],
      kind,
      ...(raw['as'] !== undefined ? { as: Number(raw['as']) } : {}),
      ...(raw['routerId'] ? { routerId: String(raw['routerId']) } : {}),
      interfaces,
      routes,
      prefixLists,
      rawConfig: list(raw['rawConfig']).map(String),
      ...(bgp ? { bgp } : {}),
      ...(raw['cluster'] ? { cluster: String(raw['cluster']) } : kind === 'calico-node' ? { cluster: clusters[0]?.name ?? 'default' } : {}),
      ...(raw['nodeIP'] ? { nodeIP: String(raw['nodeIP']) } : {}),
      labels: Object.fromEntries(Object.entries(isObj(raw['labels']) ? raw['labels'] : {}).map(([k, v]) => [k, String(v)])),
      ...(raw['routeReflectorClusterID'] ? { routeReflectorClusterID: String(raw['routeReflectorClusterID']) } : {}),
      blocks: list(raw['blocks']).map(String),
      pods: list(raw['pods'])
        .filter(isObj)
        .map((p, i) => ({ name: str(p['name']) ?? `pod${i}`, ip: String(p['ip']) })),
      peers: list(raw['peers']).filter(isObj),
      originate: list(raw['originate']).map(String),
      explicitAs: raw['as'] !== undefined,
    });
  }
  const probesIn = list(data['probes']).filter(isObj);
  const probes = probesIn.map(probeOf);
  const phases: ScenarioPhase[] = [{ name: 'initial', actions: [], probes }];
  for (const p of list(data['phases']).filter(isObj)) {
    phases.push({
      name: String(p['name'] ?? `phase${phases.length}`),
      actions: list(p['actions']).filter(isObj).flatMap((a) => actionOf(a, diagnostics, file)),
      probes: p['probes'] !== undefined ? list(p['probes']).filter(isObj).map(probeOf) : probes,
    });
  }
  return {
    scenario: { name: String(data['name'] ?? file), description: String(data['description'] ?? ''), clusters, devices, phases },
    diagnostics,
  };
}

function probeOf(p: Obj): ScenarioProbe {
  return {
    name: String(p['name'] ?? 'probe'),
    type: (p['type'] ?? 'ping') as ScenarioProbe['type'],
    from: String(p['from']),
    ...(p['fromPod'] ? { fromPod: String(p['fromPod']) } : {}),
    ...(p['toPod'] ? { toPod: String(p['toPod']) } : {}),
    ...(p['to'] ? { to: String(p['to']) } : {}),
    ...(p['source'] ? { source: String(p['source']) } : {}),
    count: Number(p['count'] ?? 3),
    maxHops: Number(p['maxHops'] ?? 8),
  };
}

function actionOf(a: Obj, diagnostics: Diagnostic[], file: string): ScenarioAction[] {
  for (const k of ['stop', 'kill', 'start'] as const) if (a[k] !== undefined) return [{ kind: k, device: String(a[k]) }];
  for (const k of ['linkDown', 'linkUp'] as const) {
    const v = a[k];
    if (isObj(v)) return [{ kind: k, device: String(v['device']), iface: String(v['interface']) }];
  }
  if (a['sleep'] !== undefined) return [{ kind: 'sleep', seconds: Number(a['sleep']) }];
  if (a['waitForChange'] !== undefined) return [{ kind: 'waitForChange', seconds: Number(a['waitForChange']) }];
  for (const k of ['exec', 'birdc'] as const) {
    const v = a[k];
    if (isObj(v)) return [{ kind: k, device: String(v['device']), cmd: String(v['cmd']) }];
  }
  if (isObj(a['vtysh'])) return [{ kind: 'vtysh', device: String(a['vtysh']['device']), cmds: list(a['vtysh']['cmds']).map(String) }];
  diagnostics.push(error('scenario.schema', `${file}: unknown action ${JSON.stringify(a)}`));
  return [];
}
