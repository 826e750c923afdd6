// The lab file format (lab.yaml): the topology, each device's start configuration, the
// Calico clusters and their editable YAML files. Documented in sim/lab/README.md.

import { error, type Diagnostic } from '../core/diagnostics.ts';
import { parseIfAddr, parseIp, parsePrefix, type IfAddr, type Ip, type Prefix } from '../core/ip.ts';
import { parseYaml, type YNode } from '../vendors/calico/yaml/source.ts';
import { Decoder } from './decode.ts';

export type LabDeviceKind = 'router' | 'switch' | 'calico-node' | 'host';

export interface LabInterfaceDef {
  readonly name: string;
  readonly segment?: string;
  readonly addresses: readonly IfAddr[];
  readonly loopback?: boolean;
}

export interface LabRouteDef {
  readonly prefix: Prefix;
  readonly via: readonly Ip[];
  readonly dev?: string;
  readonly type: 'unicast' | 'blackhole';
  readonly metric?: number;
}

export interface LabPodDef {
  readonly name: string;
  readonly namespace: string;
  readonly ip?: Ip;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly number[];
}

export interface LabDeviceDef {
  readonly name: string;
  readonly kind: LabDeviceKind;
  readonly platform: 'frr' | 'cisco-ios' | 'huawei-vrp' | 'bird' | 'linux';
  readonly interfaces: readonly LabInterfaceDef[];
  readonly routes: readonly LabRouteDef[];
  /** Router startup configuration: a path inside the lesson folder, or inline text. */
  readonly configFile?: string;
  readonly configText?: string;
  readonly cluster?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly blocks: readonly Prefix[];
  readonly pods: readonly LabPodDef[];
  readonly terminal: boolean;
  readonly position?: { readonly x: number; readonly y: number };
  /** Packet filter shorthand for scenarios: drop TCP/179 in and out. */
  readonly blockBgp?: boolean;
}

export interface LabClusterDef {
  readonly name: string;
  /** Calico / Kubernetes YAML files applied at start, in order (paths in the lesson folder). */
  readonly files: readonly string[];
  /** Which of them the learner edits in the YAML pane (default: all). */
  readonly editable: readonly string[];
  readonly serviceClusterIPRange?: string;
  readonly clusterDomain?: string;
}

export interface LabDef {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly seed: number;
  readonly devices: readonly LabDeviceDef[];
  readonly clusters: readonly LabClusterDef[];
}

const DEVICE_FIELDS = ['name', 'kind', 'platform', 'interfaces', 'ports', 'routes', 'config', 'configText', 'cluster', 'labels', 'blocks', 'pods', 'terminal', 'position', 'blockBgp'];

export function parseLabFile(text: string, file = 'lab.yaml'): { lab: LabDef | undefined; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(text, file, '1.2');
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const root = parsed.docs[0]?.root ?? null;
  if (parsed.docs.length > 1) diagnostics.push(error('lab.schema', 'a lab file holds one YAML document', { file, line: 1, column: 1 }));
  const d = new Decoder(file);
  const m = d.map(root, 'the lab', ['id', 'title', 'description', 'seed', 'devices', 'clusters']);
  if (!m) {
    if (!root) d.fail(undefined, 'the lab file is empty');
    return { lab: undefined, diagnostics: [...diagnostics, ...d.diagnostics] };
  }
  const devices: LabDeviceDef[] = [];
  const names = new Set<string>();
  for (const node of d.seq(m, 'devices', 'the lab')) {
    const dev = decodeDevice(d, node);
    if (!dev) continue;
    if (names.has(dev.name)) d.fail(node.span, `device "${dev.name}" is defined twice`);
    names.add(dev.name);
    devices.push(dev);
  }
  const clusters: LabClusterDef[] = [];
  for (const node of d.seq(m, 'clusters', 'the lab')) {
    const c = d.map(node, 'a cluster', ['name', 'files', 'editable', 'serviceClusterIPRange', 'clusterDomain']);
    if (!c) continue;
    const name = d.str(c, 'name', 'cluster', true) ?? 'default';
    const files = d.strList(c, 'files', `cluster ${name}`);
    const editable = d.get(c, 'editable') ? d.strList(c, 'editable', `cluster ${name}`) : files;
    const range = d.str(c, 'serviceClusterIPRange', `cluster ${name}`);
    if (range !== undefined && !parsePrefix(range, true)) d.fail(d.get(c, 'serviceClusterIPRange')?.span, `cluster ${name}: serviceClusterIPRange "${range}" is not a masked prefix`);
    const domain = d.str(c, 'clusterDomain', `cluster ${name}`);
    clusters.push({ name, files, editable, ...(range ? { serviceClusterIPRange: range } : {}), ...(domain ? { clusterDomain: domain } : {}) });
  }
  for (const dev of devices) {
    if (dev.kind === 'calico-node' && !clusters.some((c) => c.name === (dev.cluster ?? clusters[0]?.name))) {
      d.fail(undefined, `calico node ${dev.name}: no cluster ${dev.cluster ?? ''} defined under "clusters"`);
    }
  }
  const lab: LabDef = {
    id: d.str(m, 'id', 'the lab', true) ?? 'lab',
    title: d.str(m, 'title', 'the lab') ?? 'Lab',
    description: d.str(m, 'description', 'the lab') ?? '',
    seed: d.num(m, 'seed', 'the lab') ?? 1,
    devices,
    clusters,
  };
  return { lab, diagnostics: [...diagnostics, ...d.diagnostics] };
}

function decodeDevice(d: Decoder, node: YNode): LabDeviceDef | undefined {
  const m = d.map(node, 'a device', DEVICE_FIELDS);
  if (!m) return undefined;
  const name = d.str(m, 'name', 'device', true);
  if (!name) return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/.test(name)) d.fail(m.span, `device name "${name}" may use letters, digits, '-', '_' and '.'`);
  const what = `device ${name}`;
  const kind = (d.str(m, 'kind', what, true) ?? 'host') as LabDeviceKind;
  if (!['router', 'switch', 'calico-node', 'host'].includes(kind)) d.fail(d.get(m, 'kind')?.span, `${what}: kind must be router, switch, calico-node or host`);
  const defaultPlatform = kind === 'calico-node' ? 'bird' : kind === 'host' ? 'linux' : 'frr';
  const platform = (d.str(m, 'platform', what) ?? defaultPlatform) as LabDeviceDef['platform'];
  if (!['frr', 'cisco-ios', 'huawei-vrp', 'bird', 'linux'].includes(platform)) d.fail(d.get(m, 'platform')?.span, `${what}: platform must be frr, cisco-ios, huawei-vrp, bird or linux`);
  const interfaces: LabInterfaceDef[] = [];
  for (const n of [...d.seq(m, 'interfaces', what), ...d.seq(m, 'ports', what)]) {
    const im = d.map(n, `an interface of ${name}`, ['name', 'segment', 'ip', 'ips', 'loopback']);
    if (!im) continue;
    const iname = d.str(im, 'name', `interface of ${name}`, true) ?? 'eth0';
    const ips = [...d.strList(im, 'ip', `${name} ${iname}`), ...d.strList(im, 'ips', `${name} ${iname}`)];
    const addresses: IfAddr[] = [];
    for (const t of ips) {
      const a = parseIfAddr(t);
      if (!a) d.fail(d.get(im, 'ip')?.span ?? im.span, `${name} ${iname}: "${t}" is not an address like 10.0.0.1/24`);
      else addresses.push(a);
    }
    const segment = d.str(im, 'segment', `${name} ${iname}`);
    const loopback = d.bool(im, 'loopback', `${name} ${iname}`);
    interfaces.push({ name: iname, addresses, ...(segment ? { segment } : {}), ...(loopback ? { loopback } : {}) });
  }
  const routes: LabRouteDef[] = [];
  for (const n of d.seq(m, 'routes', what)) {
    const rm = d.map(n, `a route of ${name}`, ['dst', 'via', 'dev', 'type', 'metric']);
    if (!rm) continue;
    const dst = d.str(rm, 'dst', `route of ${name}`, true) ?? '';
    const prefix = parsePrefix(dst);
    if (!prefix) {
      d.fail(d.get(rm, 'dst')?.span, `${name}: route destination "${dst}" is not a prefix (or "default")`);
      continue;
    }
    const via: Ip[] = [];
    for (const t of d.strList(rm, 'via', `route of ${name}`)) {
      const ip = parseIp(t);
      if (ip === null) d.fail(d.get(rm, 'via')?.span, `${name}: gateway "${t}" is not an IPv4 address`);
      else via.push(ip);
    }
    const type = d.str(rm, 'type', `route of ${name}`) === 'blackhole' ? 'blackhole' : 'unicast';
    const dev = d.str(rm, 'dev', `route of ${name}`);
    const metric = d.num(rm, 'metric', `route of ${name}`);
    routes.push({ prefix, via, type, ...(dev ? { dev } : {}), ...(metric !== undefined ? { metric } : {}) });
  }
  const blocks: Prefix[] = [];
  for (const t of d.strList(m, 'blocks', what)) {
    const p = parsePrefix(t, true);
    if (!p) d.fail(d.get(m, 'blocks')?.span, `${name}: block "${t}" is not a masked prefix`);
    else blocks.push(p);
  }
  const pods: LabPodDef[] = [];
  for (const n of d.seq(m, 'pods', what)) {
    const pm = d.map(n, `a pod of ${name}`, ['name', 'namespace', 'ip', 'labels', 'ports']);
    if (!pm) continue;
    const pname = d.str(pm, 'name', `pod of ${name}`, true) ?? 'pod';
    const ipText = d.str(pm, 'ip', `pod ${pname}`);
    const ip = ipText !== undefined ? parseIp(ipText) : undefined;
    if (ipText !== undefined && ip === null) d.fail(d.get(pm, 'ip')?.span, `pod ${pname}: "${ipText}" is not an IPv4 address`);
    const ports = d.seq(pm, 'ports', `pod ${pname}`).flatMap((p) => (p.kind === 'scalar' && typeof p.value === 'number' ? [p.value] : []));
    pods.push({ name: pname, namespace: d.str(pm, 'namespace', `pod ${pname}`) ?? 'default', labels: d.strMap(pm, 'labels', `pod ${pname}`), ports, ...(ip != null ? { ip } : {}) });
  }
  const configFile = d.str(m, 'config', what);
  const configText = d.str(m, 'configText', what);
  const cluster = d.str(m, 'cluster', what);
  const pos = d.map(d.get(m, 'position'), `${what} position`, ['x', 'y']);
  const terminal = d.bool(m, 'terminal', what);
  const blockBgp = d.bool(m, 'blockBgp', what);
  return {
    name,
    kind,
    platform,
    interfaces,
    routes,
    labels: d.strMap(m, 'labels', what),
    blocks,
    pods,
    terminal: terminal ?? true,
    ...(configFile ? { configFile } : {}),
    ...(configText ? { configText } : {}),
    ...(cluster ? { cluster } : {}),
    ...(pos ? { position: { x: d.num(pos, 'x', 'position') ?? 0, y: d.num(pos, 'y', 'position') ?? 0 } } : {}),
    ...(blockBgp ? { blockBgp } : {}),
  };
}
