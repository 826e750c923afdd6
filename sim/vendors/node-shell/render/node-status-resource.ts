// The status calico-node writes into a CalicoNodeStatus (node/pkg/status/populators, C331),
// computed from the engine's views when the object is read.

import { formatIp, formatPrefix } from '../../../core/ip.ts';
import type { CalicoNodeStatusSpec, Resource } from '../../calico/resources/types.ts';
import type { ShellEnv } from '../types.ts';
import { BIRD_VERSION, birdStart } from './bird.ts';
import { birdDateTime, hms } from './clock.ts';
import { formatTimestamp } from '../../calico/datastore.ts';

const TYPE: Record<string, string> = { Mesh: 'NodeMesh', Global: 'GlobalPeer', Node: 'NodePeer' };

export function calicoNodeStatusStatus(env: ShellEnv, r: Resource): Record<string, unknown> {
  const spec = (r.spec ?? {}) as CalicoNodeStatusSpec;
  const node = spec.node ?? '';
  const net = env.ctx.net;
  if (!net.deviceNames().includes(node)) return {};
  const classes = new Set(spec.classes ?? []);
  const status: Record<string, unknown> = { lastUpdated: formatTimestamp(env.wall(net.time)) };
  const running = net.running(node);
  const c = { net, device: node, wall: (t: number) => env.wall(t) };
  if (classes.has('Agent')) {
    const start = birdDateTime(env.wall(birdStart(c)));
    status['agent'] = {
      birdV4: running
        ? { lastBootTime: start, lastReconfigurationTime: start, routerID: formatIp(net.routerId(node)), state: 'Ready', version: BIRD_VERSION }
        : { state: 'NotReady' },
      birdV6: { state: 'NotReady' },
    };
  }
  if (classes.has('BGP')) {
    const peers = running
      ? net
          .sessions(node)
          .filter((s) => /^(Global|Node|Mesh)_/.test(s.name))
          .map((s) => ({ peerIP: formatIp(s.peer), since: hms(env.wall(s.since)), state: s.state, type: TYPE[s.name.split('_')[0]!] }))
      : [];
    const est = peers.filter((p) => p.state === 'Established').length;
    status['bgp'] = {
      numberEstablishedV4: est,
      numberEstablishedV6: 0,
      numberNotEstablishedV4: peers.length - est,
      numberNotEstablishedV6: 0,
      ...(peers.length ? { peersV4: peers } : {}),
    };
  }
  if (classes.has('Routes')) {
    const sessions = new Map(net.sessions(node).map((s) => [s.name, s]));
    const routes: Record<string, unknown>[] = [];
    for (const e of running ? net.bgpRoutes(node) : []) {
      for (const p of e.paths) {
        const nh = p.nexthops[0];
        const proto = p.protocol ?? p.session ?? '';
        const s = sessions.get(proto);
        const sourceType = p.source === 'kernel' ? 'Kernel' : p.source === 'static' ? 'Static' : p.source === 'direct' ? 'Direct' : proto.startsWith('Mesh_') ? 'NodeMesh' : 'BGPPeer';
        routes.push({
          destination: formatPrefix(e.prefix),
          gateway: nh?.gateway !== undefined ? formatIp(nh.gateway) : 'N/A',
          interface: p.routeType === 'blackhole' ? 'blackhole' : p.routeType === 'unreachable' ? 'unreachable' : nh?.dev ?? 'N/A',
          learnedFrom: { ...(s ? { peerIP: formatIp(s.peer) } : {}), sourceType },
          type: p.best ? 'FIB' : 'RIB',
        });
      }
    }
    status['routes'] = { routesV4: routes };
  }
  return status;
}
