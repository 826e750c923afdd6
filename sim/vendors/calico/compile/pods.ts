// Pods as devices, wired the way the Calico CNI plugin wires them: a veth pair whose pod end
// is eth0 with the pod IP/32 and a default route via 169.254.1.1 (answered by proxy-ARP on the
// host end), and whose host end is cali<11 hex> with no address, proxy_arp=1, plus Felix's
// `<podIP>/32 dev cali… scope link` route on the node.

import { formatIp } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import { sha1Hex } from '../../../core/sha1.ts';
import { emptyDevice } from '../../../model/device.ts';
import type { DeviceConfig, InterfaceConfig, ServiceListener, StaticRoute } from '../../../model/device.ts';
import type { PodInfo } from './services.ts';

/** Calico CNI VethNameForWorkload: "cali" + first 11 hex chars of sha1("<namespace>.<pod>"). */
export function caliName(namespace: string, pod: string): string {
  return `cali${sha1Hex(`${namespace}.${pod}`).slice(0, 11)}`;
}

/** The link-local gateway every Calico pod routes through (CNI plugin, static ARP/proxy ARP). */
export const POD_GATEWAY: Ip = ((169 << 24) | (254 << 16) | (1 << 8) | 1) >>> 0;

/**
 * Device names for pods: the pod name when it is unique among pods and not taken by another
 * device; else `<node>-<pod>`; else `<node>-<namespace>-<pod>`.
 */
export function podDeviceNames(pods: readonly PodInfo[], reserved: ReadonlySet<string>): Map<string, string> {
  const count = new Map<string, number>();
  for (const p of pods) count.set(p.name, (count.get(p.name) ?? 0) + 1);
  const out = new Map<string, string>();
  const used = new Set(reserved);
  const sorted = [...pods].sort((a, b) => (`${a.node}/${a.namespace}/${a.name}` < `${b.node}/${b.namespace}/${b.name}` ? -1 : 1));
  for (const p of sorted) {
    const key = `${p.namespace}/${p.name}`;
    const candidates = [p.name, `${p.node}-${p.name}`, `${p.node}-${p.namespace}-${p.name}`];
    let name = candidates.find((c, i) => !used.has(c) && (i > 0 || count.get(p.name) === 1)) ?? `${candidates[2]}-${used.size}`;
    if (used.has(name)) name = `${candidates[2]}-${used.size}`;
    used.add(name);
    out.set(key, name);
  }
  return out;
}

export interface PodWiring {
  readonly device: DeviceConfig;
  /** Host-side veth on the node. */
  readonly hostIface: InterfaceConfig;
  /** Felix's route on the node. */
  readonly hostRoute: StaticRoute;
}

export function wirePod(p: PodInfo, deviceName: string, listeners: readonly ServiceListener[]): PodWiring {
  const cali = caliName(p.namespace, p.name);
  const segment = `veth:${p.node}:${cali}`;
  const device: DeviceConfig = {
    ...emptyDevice(deviceName, 'pod', 'linux'),
    hostname: p.name,
    interfaces: [{ name: 'eth0', addresses: [{ ip: p.ip, len: 32 }], segment, description: `veth to ${p.node} ${cali}` }],
    staticRoutes: [
      // `169.254.1.1 dev eth0 scope link` then `default via 169.254.1.1 dev eth0`.
      { prefix: { addr: POD_GATEWAY, len: 32 }, nexthops: [{ dev: 'eth0' }], type: 'unicast', scopeLink: true, origin: 'admin' },
      { prefix: { addr: 0, len: 0 }, nexthops: [{ gateway: POD_GATEWAY, dev: 'eth0' }], type: 'unicast', origin: 'admin' },
    ],
    listeners,
    forwarding: false,
  };
  return {
    device,
    hostIface: { name: cali, addresses: [], segment, proxyArp: true, peerDevice: deviceName, description: `pod ${p.namespace}/${p.name} ${formatIp(p.ip)}` },
    hostRoute: { prefix: { addr: p.ip, len: 32 }, nexthops: [{ dev: cali }], type: 'unicast', scopeLink: true, origin: 'felix' },
  };
}
