// Golden files: Calico YAML in (testdata/*.yaml) → per-node peers, notes, filter statements
// and export decisions out (testdata/*.golden). Regenerate with
//   UPDATE_GOLDEN=1 npx vitest run sim/vendors/calico/compile/golden.test.ts
//
// Input format: the first YAML document is the test header —
//   hosts: [{name, ip: A.B.C.D/len, labels, blocks: [...], pods: [{name, ip, labels, ports}], routes}]
//   probes: [{prefix, source: static|kernel|bgp|direct, ifname}]   (export decisions per peer)
//   steps: ["<yaml>", ...]   (applied one after the other, compiling in between)
// — the other documents are applied as a lab file (Calico and Kubernetes objects mixed).

import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPrefix, parseIfAddr, parseIp, parsePrefix } from '../../../core/ip.ts';
import { CalicoCluster } from '../cluster.ts';
import type { LabPod } from '../cluster-init.ts';
import { parseYaml, toPlain } from '../yaml/source.ts';
import { explainChain } from './policy-explain.ts';
import type { RouteFacts } from './policy-explain.ts';
import type { CalicoHost } from './view.ts';

const DIR = join(__dirname, '..', 'testdata');

interface Header {
  hosts: { name: string; ip: string; labels?: Record<string, string>; blocks?: string[]; pods?: { name: string; namespace?: string; ip?: string; labels?: Record<string, string>; ports?: number[] }[] }[];
  probes?: { prefix: string; source?: RouteFacts['source']; ifname?: string }[];
  steps?: string[];
}

function load(text: string): { cluster: CalicoCluster; header: Header; initial: string } {
  const split = text.split(/^---\s*$/m);
  const header = toPlain(parseYaml(split[0]!).docs[0]?.root ?? null) as Header;
  const hosts: CalicoHost[] = header.hosts.map((h) => ({
    name: h.name,
    interfaces: [{ name: 'eth0', addresses: [parseIfAddr(h.ip)!], segment: 'lan' }],
    staticRoutes: [],
    labels: h.labels ?? {},
    blocks: (h.blocks ?? []).map((b) => parsePrefix(b, true)!),
  }));
  const pods: LabPod[] = header.hosts.flatMap((h) =>
    (h.pods ?? []).map((p) => ({ name: p.name, namespace: p.namespace ?? 'default', node: h.name, labels: p.labels ?? {}, ports: p.ports ?? [8080], ...(p.ip ? { ip: parseIp(p.ip)! } : {}) })),
  );
  return { cluster: new CalicoCluster('test', hosts, pods), header, initial: split.slice(1).join('---\n') };
}

export function render(text: string): string {
  const { cluster, header, initial } = load(text);
  const out: string[] = [];
  const apply = (t: string, label: string): void => {
    const r = cluster.applyFile(label, t);
    out.push(`# apply ${label}: ${r.ok ? 'ok' : 'FAILED'}${r.message ? ` — ${r.message.split('\n').join(' | ')}` : ''}`);
    for (const d of r.diagnostics.filter((d) => d.severity !== 'info')) out.push(`#   ${d.severity} ${d.span?.line ?? '-'}:${d.span?.column ?? '-'} ${d.message}`);
  };
  apply(initial, 'input');
  cluster.compile();
  (header.steps ?? []).forEach((s, i) => {
    apply(s, `step ${i + 1}`);
    cluster.compile();
  });
  const r = cluster.compiled;
  for (const d of r.diagnostics) out.push(`# ${d.severity} [${d.code}] ${d.message}`);
  for (const host of cluster.hosts) {
    const e = r.explain.get(host.name);
    out.push('');
    if (!e) {
      out.push(`== ${host.name}: not a Calico node`);
      continue;
    }
    out.push(`== ${e.node}  AS ${e.asn}  router id ${e.routerId || '(none)'}  node IP ${e.nodeIp || '(none)'}${e.rrClusterId ? `  RR cluster ${e.rrClusterId}` : ''}  mesh ${e.mesh}${e.birdDown ? '  BIRD NOT RUNNING' : ''}`);
    for (const c of e.configErrors) out.push(`  bird -p: ${c}`);
    out.push(`  blocks: ${e.blocks.join(', ') || '-'}`);
    if (e.staticRoutes.length) out.push(`  static routes: ${e.staticRoutes.join(', ')}`);
    if (e.rejectCidrs.length) out.push(`  not programmed: ${e.rejectCidrs.join(', ')}`);
    out.push('  sessions:');
    for (const p of e.peers) {
      const flags = [p.kind, `AS ${p.remoteAs}`, p.localAs !== e.asn ? `local AS ${p.localAs}` : '', p.passive ? 'passive' : '', p.rrClient ? 'rr-client' : '', p.multihop ? 'multihop' : 'direct']
        .filter(Boolean)
        .join(', ');
      out.push(`    ${p.name} → ${p.peer}${p.port !== 179 ? `:${p.port}` : ''} (${flags})`);
      out.push(`      why: ${p.why}`);
      if (p.options.length) out.push(`      bird: ${p.options.join('; ')}`);
      if (p.importFilters.length || p.exportFilters.length) out.push(`      filters: import [${p.importFilters.join(', ')}] export [${p.exportFilters.join(', ')}]`);
    }
    if (e.peers.length === 0) out.push('    (none)');
    if (e.notes.length) {
      out.push('  notes:');
      for (const n of e.notes) out.push(`    ${n}`);
    }
    out.push('  calico_export_to_bgp_peers(true):');
    for (const s of e.exportStatements) out.push(`    ${s}`);
    out.push('  calico_kernel_programming:');
    for (const s of e.kernelStatements) out.push(`    ${s}`);
    const dev = r.devices.find((d) => d.name === host.name);
    if (header.probes && dev?.bgp) {
      out.push('  export decisions:');
      for (const pr of header.probes) {
        const facts: RouteFacts = { prefix: parsePrefix(pr.prefix)!, source: pr.source ?? 'static', ...(pr.ifname ? { ifname: pr.ifname } : {}) };
        // Peers with the same decision share one line.
        const groups = new Map<string, string[]>();
        for (const n of dev.bgp.neighbors) {
          const d = explainChain(n.exportPolicy, facts);
          const key = `${d.result} — ${d.label}${d.communities.length ? ` [+${d.communities.join(' ')}]` : ''}`;
          groups.set(key, [...(groups.get(key) ?? []), n.name]);
        }
        for (const [key, names] of groups) {
          out.push(`    ${formatPrefix(facts.prefix)} (${facts.source}${pr.ifname ? ` dev ${pr.ifname}` : ''}) → ${names.join(', ')}: ${key}`);
        }
      }
    }
  }
  const pods = r.pods.filter((p) => p.phase === 'Running').map((p) => `${p.namespace}/${p.name}@${p.node}=${p.ip !== undefined ? formatPrefix({ addr: p.ip, len: 32 }).slice(0, -3) : '-'}`);
  if (pods.length) out.push('', `pods: ${pods.join(' ')}`);
  return out.join('\n') + '\n';
}

const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort() : [];

describe('golden: Calico YAML → per-node BGP', () => {
  it.each(files)('%s', (f) => {
    const text = readFileSync(join(DIR, f), 'utf8');
    const got = render(text);
    const goldenPath = join(DIR, f.replace(/\.yaml$/, '.golden'));
    if (process.env['UPDATE_GOLDEN'] || !existsSync(goldenPath)) writeFileSync(goldenPath, got);
    expect(got).toBe(readFileSync(goldenPath, 'utf8'));
  });
});
