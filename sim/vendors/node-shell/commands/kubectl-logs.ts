// The calico-node DaemonSet's pods (one per node, host network) as kubectl shows them, and
// `kubectl logs`. They are not objects of the datastore (they would become pod devices);
// kubectl get pods adds them to kube-system listings.

import { hash32 } from '../../../core/rng.ts';
import type { CalicoCluster } from '../../calico/cluster.ts';
import { safeString } from '../../calico/kube/controllers.ts';
import type { Resource } from '../../calico/resources/types.ts';
import type { CommandResult, ShellEnv } from '../types.ts';
import { fail, ok } from '../types.ts';

/** `calico-node-xxxxx` per node; the suffix changes with each rollout, as new pods are created. */
export function calicoNodePods(cluster: CalicoCluster): Resource[] {
  const ns = cluster.store.options.calicoNamespace;
  return cluster.hosts
    .map((h): Resource => {
      const ip = cluster.store.get('v1', 'Node', h.name);
      const internal = ((ip?.status as { addresses?: { type?: string; address?: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address;
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `calico-node-${safeString(hash32('calico-node', h.name, cluster.rollouts), 5)}`,
          namespace: ns,
          labels: { 'k8s-app': 'calico-node' },
          creationTimestamp: ip?.metadata.creationTimestamp ?? '2025-01-01T10:00:00Z',
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'calico-node', controller: true }],
        },
        spec: { nodeName: h.name, hostNetwork: true, containers: [{ name: 'calico-node', image: 'docker.io/calico/node:v3.31.0' }] },
        status: { phase: 'Running', ...(internal ? { podIP: internal, hostIP: internal } : {}) },
      };
    })
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

function stamp(env: ShellEnv, t: number): string {
  const unix = env.wall(Math.floor(t));
  const d = new Date(unix * 1000).toISOString();
  const ms = String(Math.floor((t - Math.floor(t)) * 1000)).padStart(3, '0');
  return `${d.slice(0, 10)} ${d.slice(11, 19)}.${ms}`;
}

/** `kubectl logs [-n ns] POD|ds/calico-node [-c container] [--tail N]`. */
export function kubectlLogs(env: ShellEnv, pos: readonly string[], ns: string | undefined, tail: number | undefined): CommandResult {
  const cluster = env.cluster!;
  const what = pos[0];
  if (!what) return fail('error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee \'kubectl logs -h\' for help and examples', 1);
  const namespace = ns ?? 'default';
  const pods = namespace === cluster.store.options.calicoNamespace ? calicoNodePods(cluster) : [];
  let pod: Resource | undefined;
  let prefix = '';
  if (/^(ds|daemonset|daemonsets)(\.apps)?\//.test(what)) {
    const name = what.split('/')[1];
    if (name !== 'calico-node' || pods.length === 0) return fail(`Error from server (NotFound): daemonsets.apps "${name ?? ''}" not found`, 1);
    pod = pods[0];
    if (pods.length > 1) prefix = `Found ${pods.length} pods, using pod/${pod!.metadata.name}\n`;
  } else {
    const name = what.replace(/^(po|pod|pods)\//, '');
    pod = pods.find((p) => p.metadata.name === name);
    if (!pod) {
      const real = cluster.store.get('v1', 'Pod', name, namespace);
      if (!real) return fail(`Error from server (NotFound): pods "${name}" not found`, 1);
      return ok('');
    }
  }
  const node = (pod!.spec as { nodeName?: string }).nodeName ?? '';
  let lines = cluster.nodeLog(node).map((l) => `${stamp(env, l.t)} [${l.level}][${l.source.startsWith('confd') ? 86 : 9}] ${l.source}: ${l.text}`);
  if (tail !== undefined && tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
  return { stdout: lines.length ? `${lines.join('\n')}\n` : '', ...(prefix ? { stderrHead: prefix } : {}), code: 0 };
}
