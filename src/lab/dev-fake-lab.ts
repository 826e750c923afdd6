// TEMPORARY stand-in for sim/lab/create-lab.ts while the simulator is being written.
// Implements just enough of LabHandle for UI work. Must be deleted before release.
import { parseDocument } from 'yaml';
import type { LabHandle, LabSource, JournalEntry, Diagnostic, TopologyView, LabEvent, CheckResult, PacketTrace } from '../../sim/index.ts';

type Mode = 'exec' | 'config' | 'router';
export function createLab(source: LabSource): { lab: LabHandle | null; diagnostics: Diagnostic[] } {
  if (!source.files[source.lab ?? 'lab.yaml']) return { lab: null, diagnostics: [{ severity: 'error', code: 'lab.missing', message: 'lab.yaml not found' }] };
  let remoteAs = 65003;
  let time = 0;
  const modes: Record<string, Mode> = { R1: 'exec', R2: 'exec' };
  const journal: JournalEntry[] = [];
  const events: LabEvent[] = [{ time: 0, device: 'R1', kind: 'session', text: 'R1: neighbor 10.0.12.2 Idle -> Connect', peer: 'R2', state: 'Connect' }];
  let trace: PacketTrace | undefined;
  let files = [{ name: 'bgp-peer.yaml', kind: 'calico' as const, text: 'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: to-r1\nspec:\n  peerIP: 10.0.12.1\n  asNumber: 65001\n' }];
  const up = () => remoteAs === 65002;
  const prompt = (d: string) => `${d}${modes[d] === 'exec' ? '#' : modes[d] === 'config' ? '(config)#' : '(config-router)#'} `;
  const cmds = ['show', 'configure', 'router', 'neighbor', 'end', 'exit', 'ping'];
  const lab: LabHandle = {
    id: 'fake', title: 'Fake lab',
    exercise: () => source.exercise ? { id: source.exercise, title: 'Fix the remote AS', goal: 'Bring the session up.', hints: ['Look at `show ip bgp summary` on R1.', 'R1 expects R2 in AS 65002.'], solution: [{ kind: 'exec', device: 'R1', line: 'configure terminal' }, { kind: 'exec', device: 'R1', line: 'router bgp 65001' }, { kind: 'exec', device: 'R1', line: 'neighbor 10.0.12.2 remote-as 65002' }, { kind: 'exec', device: 'R1', line: 'end' }, { kind: 'exec', device: 'R1', line: 'ping 10.2.0.1' }], explanation: 'The remote-as must match.', checks: [{ id: 'up', title: 'R1–R2 session Established' }, { id: 'ping', title: 'R1 pings R2' }] } : undefined,
    devices: () => [{ name: 'R1', kind: 'router', platform: 'frr', terminal: true }, { name: 'R2', kind: 'router', platform: 'frr', terminal: true }, { name: 'node1', kind: 'calico-node', platform: 'linux', terminal: true }],
    prompt,
    exec(device, line) {
      journal.push({ kind: 'exec', device, line });
      const w = line.trim().split(/\s+/);
      let output = ''; let changed = false;
      if (!line.trim()) return { output: '', prompt: prompt(device), changed: false };
      if (w[0] === 'conf' || w[0] === 'configure') modes[device] = 'config';
      else if (w[0] === 'router') modes[device] = 'router';
      else if (w[0] === 'end') modes[device] = 'exec';
      else if (w[0] === 'exit') modes[device] = modes[device] === 'router' ? 'config' : 'exec';
      else if (w[0] === 'clear') return { output: '', prompt: prompt(device), changed: false, clear: true };
      else if (w[0] === 'neighbor' && w[2] === 'remote-as') { remoteAs = Number(w[3]); changed = true; time += 3; events.push({ time, device: 'R1', kind: 'session', text: up() ? 'R1: neighbor 10.0.12.2 Established' : 'R1: neighbor 10.0.12.2 Active', peer: 'R2', state: up() ? 'Established' : 'Active' }); if (up()) events.push({ time: time + 1, device: 'R1', kind: 'route', text: 'R1: 10.2.0.0/24 via 10.0.12.2' }); }
      else if (w[0] === 'show') output = `BGP router identifier 10.0.0.1, local AS number 65001\nNeighbor        V    AS   MsgRcvd MsgSent  Up/Down State/PfxRcd\n10.0.12.2       4 ${remoteAs}        0       0    never ${up() ? '1' : 'Active'}`;
      else if (w[0] === 'ping') { trace = up() ? { disposition: 'delivered', reason: 'reply received', forward: ['R1', 'R2'], back: ['R2', 'R1'] } : { disposition: 'no-route', reason: 'R1 has no route to 10.2.0.1', forward: ['R1'], back: [] }; output = up() ? '64 bytes from 10.2.0.1: icmp_seq=1 ttl=64' : 'connect: Network is unreachable'; }
      else output = `% Unknown command: ${line}`;
      return { output, prompt: prompt(device), changed };
    },
    complete(_d, line) { const last = line.split(' ').pop() ?? ''; const c = cmds.filter((x) => x.startsWith(last)); return { line: c.length === 1 ? line.slice(0, line.length - last.length) + c[0] + ' ' : line, candidates: c.length > 1 ? c : [], help: '' }; },
    help: (_d, line) => line.trim() ? '  <cr>' : cmds.map((c) => `  ${c.padEnd(12)}Help for ${c}`).join('\n'),
    interrupt(device) { journal.push({ kind: 'interrupt', device }); modes[device] = 'exec'; return ''; },
    files: () => files,
    validate(file, text) { const doc = parseDocument(text); return doc.errors.map((e) => ({ severity: 'error', code: 'yaml.syntax', message: e.message.split('\n')[0]!, span: { file, line: e.linePos?.[0]?.line ?? 1, column: e.linePos?.[0]?.col ?? 1 } })); },
    apply(file, text) { const d = lab.validate(file, text); if (d.length) return { ok: false, message: 'Failed to execute command: error parsing yaml', diagnostics: d, changed: false }; journal.push({ kind: 'apply', file, text }); files = files.map((f) => f.name === file ? { ...f, text } : f); return { ok: true, message: "Successfully applied 1 'BGPPeer' resource(s)", diagnostics: [], changed: true }; },
    settle: () => ({ converged: true, steps: 3, time }),
    wait(s) { time += s; journal.push({ kind: 'wait', seconds: s }); return { converged: true, steps: 0, time }; },
    time: () => time,
    topology(): TopologyView { return { devices: [{ name: 'R1', kind: 'router', platform: 'frr', asn: 65001, routeReflector: false, running: true, addresses: ['10.0.12.1'] }, { name: 'R2', kind: 'router', platform: 'frr', asn: 65002, routeReflector: false, running: true, addresses: ['10.0.12.2'] }, { name: 'node1', kind: 'calico-node', platform: 'linux', asn: 65002, routeReflector: true, running: true, addresses: ['10.0.23.3'] }, { name: 'pod-a', kind: 'pod', platform: 'linux', routeReflector: false, running: true, addresses: ['10.2.0.5'], node: 'node1' }], segments: [{ name: 'r1-r2', subnet: '10.0.12.0/24', members: [{ device: 'R1', iface: 'eth0', address: '10.0.12.1' }, { device: 'R2', iface: 'eth0', address: '10.0.12.2' }] }, { name: 'lan', subnet: '10.0.23.0/24', members: [{ device: 'R2', iface: 'eth1' }, { device: 'node1', iface: 'eth0' }] }], sessions: [{ a: 'R1', b: 'R2', state: up() ? 'Established' : 'Active', internal: false, reason: up() ? 'up' : 'Bad peer AS', rrClient: false }, { a: 'R2', b: 'node1', state: 'Established', internal: true, reason: 'up', rrClient: false }] }; },
    events: () => events,
    grade(): CheckResult[] { return source.exercise ? [{ id: 'up', title: 'R1–R2 session Established', pass: up(), reason: up() ? 'Established' : `R1 expects AS ${remoteAs}, R2 is AS 65002 (Bad peer AS)` }, { id: 'ping', title: 'R1 pings R2', pass: up() && trace?.disposition === 'delivered', reason: trace ? trace.reason : 'no ping run yet' }] : []; },
    lastTrace: () => trace,
    journal: () => [...journal],
    query: () => { throw new Error('no query in fake'); },
  };
  for (const e of source.journal ?? []) { if (e.kind === 'exec') lab.exec(e.device, e.line); else if (e.kind === 'apply') lab.apply(e.file, e.text); else if (e.kind === 'interrupt') lab.interrupt(e.device); else lab.wait(e.seconds); }
  return { lab, diagnostics: [] };
}
