// Builds a running lab from a lesson folder's files: parse the lab and exercise files, create
// each device's front end from the registry, load the Calico clusters, settle, then replay
// the exercise's start actions and any saved journal.

import { error, hasErrors, type Diagnostic } from '../core/diagnostics.ts';
import type { ExerciseInfo, JournalEntry, LabHandle, LabSource } from '../lab-handle.ts';
import { emptyDevice, type DeviceConfig, type InterfaceConfig, type PacketFilterRule, type StaticRoute } from '../model/device.ts';
import type { DeviceFrontEnd } from '../model/frontend.ts';
import { Network } from '../engine/network.ts';
import { parseExercise, type ExerciseDef } from './exercise.ts';
import { Lab, type LabParts } from './lab.ts';
import { parseLabFile, type LabDeviceDef } from './labfile.ts';
import { clusterFactory, hostShellFactory, routerFactory, type ClusterHost, type ClusterRuntime } from './registry.ts';

export function createLab(source: LabSource): { lab: LabHandle | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  try {
    return build(source, diagnostics);
  } catch (e) {
    // Only a bug gets here; the page must still get an answer, not an exception.
    diagnostics.push(error('lab.internal', `the simulator failed to start this lab: ${(e as Error).message}`));
    return { lab: null, diagnostics };
  }
}

function build(source: LabSource, diagnostics: Diagnostic[]): { lab: Lab | null; diagnostics: Diagnostic[] } {
  // The exercise comes first: it may name its own lab file (a second topology in a lesson).
  let exercise: ExerciseDef | undefined;
  if (source.exercise) {
    const path = `exercises/${source.exercise}.yaml`;
    const text = source.files[path];
    if (text === undefined) {
      diagnostics.push(error('lab.missing', `no exercise file ${path}`));
      return { lab: null, diagnostics };
    }
    const ex = parseExercise(text, path);
    diagnostics.push(...ex.diagnostics);
    if (!ex.exercise || hasErrors(ex.diagnostics)) return { lab: null, diagnostics };
    exercise = ex.exercise;
  }
  const labPath = source.lab ?? exercise?.lab ?? 'lab.yaml';
  const labText = source.files[labPath];
  if (labText === undefined) {
    diagnostics.push(error('lab.missing', `no ${labPath} in the lesson files`));
    return { lab: null, diagnostics };
  }
  const parsed = parseLabFile(labText, labPath);
  diagnostics.push(...parsed.diagnostics);
  const def = parsed.lab;
  if (!def || hasErrors(parsed.diagnostics)) return { lab: null, diagnostics };

  const fileText = (ref: { file?: string; text?: string } | undefined): string | undefined => {
    if (!ref) return undefined;
    if (ref.text !== undefined) return ref.text;
    const t = ref.file !== undefined ? source.files[ref.file] : undefined;
    if (t === undefined && ref.file !== undefined) diagnostics.push(error('lab.missing', `file ${ref.file} is not in the lesson folder`));
    return t;
  };

  const net = new Network({ seed: def.seed });
  const frontEnds = new Map<string, DeviceFrontEnd>();
  const bases = new Map<string, DeviceConfig>();
  const clusterHosts = new Map<string, ClusterHost[]>();

  for (const d of def.devices) {
    if (d.kind === 'calico-node') {
      const cname = d.cluster ?? def.clusters[0]!.name;
      const list = clusterHosts.get(cname) ?? [];
      list.push(hostOf(d));
      clusterHosts.set(cname, list);
      continue;
    }
    if (d.kind === 'host') {
      let base = baseConfig(d);
      bases.set(d.name, base);
      const factory = hostShellFactory();
      frontEnds.set(
        d.name,
        factory
          ? factory({ device: d.name, base: () => base, setBase: (cfg) => { base = cfg; bases.set(d.name, cfg); } })
          : unavailable(d.name, 'the host shell'),
      );
      continue;
    }
    const factory = routerFactory(d.platform);
    const startup = fileText(exercise?.startConfigs[d.name]) ?? (d.configFile ? fileText({ file: d.configFile }) : d.configText);
    if (!factory) {
      bases.set(d.name, baseConfig(d));
      frontEnds.set(d.name, unavailable(d.name, `the ${d.platform} CLI`));
      continue;
    }
    const r = factory({
      device: d.name,
      ports: d.interfaces.map((i) => ({ name: i.name, ...(i.segment ? { segment: i.segment } : {}) })),
      ...(startup !== undefined ? { startupConfig: startup } : {}),
      ...(d.configFile ? { file: d.configFile } : {}),
      ...(d.routes.length > 0 ? { kernelRoutes: routesOf(d) } : {}),
    });
    diagnostics.push(...r.diagnostics);
    frontEnds.set(d.name, r.frontEnd);
  }

  const clusters = new Map<string, ClusterRuntime>();
  const files: LabParts['files'] = new Map();
  for (const c of def.clusters) {
    const factory = clusterFactory();
    if (!factory) {
      diagnostics.push(error('lab.no-calico', 'this build has no Calico layer'));
      break;
    }
    const rt = factory({
      name: c.name,
      hosts: clusterHosts.get(c.name) ?? [],
      seed: def.seed,
      options: { ...(c.serviceClusterIPRange ? { serviceClusterIPRange: c.serviceClusterIPRange } : {}), ...(c.clusterDomain ? { clusterDomain: c.clusterDomain } : {}) },
      reservedNames: new Set(def.devices.filter((x) => x.kind !== 'calico-node').map((x) => x.name)),
    });
    clusters.set(c.name, rt);
    for (const f of c.files) {
      const text = fileText(exercise?.startFiles[f]) ?? fileText({ file: f }) ?? '';
      const r = rt.apply(f, text);
      if (!r.ok) diagnostics.push(...r.diagnostics, ...(r.diagnostics.length === 0 ? [error('lab.start', `${f}: ${r.message}`)] : []));
      if (c.editable.includes(f)) files.set(f, { cluster: c.name, text, kind: 'calico' });
    }
    for (const h of clusterHosts.get(c.name) ?? []) frontEnds.set(h.name, rt.frontEnd(h.name));
  }

  const exerciseInfo = exercise ? infoOf(exercise, source.files) : undefined;
  const parts: LabParts = { def, net, frontEnds, bases, clusters, files, ...(exercise ? { exercise } : {}), ...(exerciseInfo ? { exerciseInfo } : {}) };
  const lab = new Lab(parts);
  lab.commit();
  if (exercise) {
    for (const a of exercise.startActions) {
      if (a.kind !== 'apply-file') lab.replay(a);
      else if (source.files[a.source] === undefined) diagnostics.push(error('lab.missing', `start action: file ${a.source} is not in the lesson folder`));
      else lab.replay({ kind: 'apply', file: a.file, text: source.files[a.source]! });
    }
  }
  // The start actions are part of the start state, not the learner's journal.
  (lab.journal() as JournalEntry[]).length = 0;
  for (const e of source.journal ?? []) lab.replay(e);
  lab.settle();
  return { lab, diagnostics };
}

function infoOf(ex: ExerciseDef, files: Readonly<Record<string, string>>): ExerciseInfo {
  const solution: JournalEntry[] = ex.solution.map((s) => (s.kind === 'apply-file' ? { kind: 'apply', file: s.file, text: files[s.source] ?? '' } : s));
  return { id: ex.id, title: ex.title, goal: ex.goal, hints: ex.hints, solution, explanation: ex.explanation, checks: ex.checks.map((c) => ({ id: c.id, title: c.title })) };
}

function interfacesOf(d: LabDeviceDef): InterfaceConfig[] {
  return d.interfaces.map((i) => ({
    name: i.name,
    addresses: i.addresses,
    ...(i.segment ? { segment: i.segment } : {}),
    ...(i.loopback || i.name === 'lo' ? { loopback: true } : {}),
  }));
}

function routesOf(d: LabDeviceDef): StaticRoute[] {
  return d.routes.map((r) => ({
    prefix: r.prefix,
    nexthops: r.via.length > 0 ? r.via.map((g) => (r.dev ? { gateway: g, dev: r.dev } : { gateway: g })) : r.dev ? [{ dev: r.dev }] : [],
    type: r.type,
    origin: 'admin' as const,
    ...(r.metric !== undefined ? { metric: r.metric } : {}),
  }));
}

/** `blockBgp: true`: what `iptables -A INPUT/OUTPUT -p tcp --dport 179 -j DROP` does. */
function blockBgpRules(d: LabDeviceDef): PacketFilterRule[] {
  if (!d.blockBgp) return [];
  return [
    { name: 'iptables -A INPUT -p tcp --dport 179 -j DROP', direction: 'in', protocol: 'tcp', port: 179, anyPort: true, action: 'drop' },
    { name: 'iptables -A OUTPUT -p tcp --dport 179 -j DROP', direction: 'out', protocol: 'tcp', port: 179, anyPort: true, action: 'drop' },
  ];
}

function baseConfig(d: LabDeviceDef): DeviceConfig {
  const kind = d.kind === 'switch' ? 'switch' : d.kind === 'host' ? 'host' : 'router';
  return {
    ...emptyDevice(d.name, kind, d.platform),
    interfaces: interfacesOf(d),
    staticRoutes: routesOf(d),
    filters: blockBgpRules(d),
  };
}

function hostOf(d: LabDeviceDef): ClusterHost {
  return { name: d.name, interfaces: interfacesOf(d), staticRoutes: routesOf(d), labels: d.labels, blocks: d.blocks, pods: d.pods, filters: blockBgpRules(d) };
}

/** A device whose CLI is not part of this build still shows up, with an honest message. */
function unavailable(device: string, what: string): DeviceFrontEnd {
  const prompt = `${device}> `;
  return {
    device,
    deviceConfig: () => ({ config: emptyDevice(device, 'router', 'linux'), diagnostics: [] }),
    prompt: () => prompt,
    exec: () => ({ output: `${what} is not available in this build`, prompt, changed: false }),
    complete: (line) => ({ line, candidates: [], help: '' }),
    help: () => '',
    interrupt: () => '',
  };
}
