// Loads the front ends a lab needs before createLab runs: an FRR-only lab does not download
// the Calico layer or the Huawei CLI. Dynamic imports become separate chunks in the site build.

import type { LabSource } from '../lab-handle.ts';
import { parseExercise } from './exercise.ts';
import { parseLabFile } from './labfile.ts';
import { registerRouterPlatform } from './registry.ts';

const loaded = new Map<string, Promise<void>>();

function once(key: string, load: () => Promise<void>): Promise<void> {
  let p = loaded.get(key);
  if (!p) loaded.set(key, (p = load()));
  return p;
}

const LOADERS: Record<string, () => Promise<void>> = {
  frr: () => import('../vendors/frr/index.ts').then((m) => registerRouterPlatform('frr', m.createFrrFrontEnd)),
  'cisco-ios': () => import('../vendors/cisco-ios/index.ts').then((m) => registerRouterPlatform('cisco-ios', m.createCiscoIosFrontEnd)),
  'huawei-vrp': () => import('../vendors/huawei-vrp/index.ts').then((m) => registerRouterPlatform('huawei-vrp', m.createHuaweiVrpFrontEnd)),
  // The Calico layer and the Linux shells (nodes and VMs) come together.
  linux: () => import('../vendors/node-shell/register.ts').then((m) => m.registerCalicoLab()),
};

/** Which front ends the lab (the one the source or its exercise names) uses. */
export function neededFrontEnds(source: LabSource): string[] {
  let labPath = source.lab;
  if (!labPath && source.exercise) {
    const text = source.files[`exercises/${source.exercise}.yaml`];
    if (text !== undefined) labPath = parseExercise(text, 'exercise').exercise?.lab;
  }
  const text = source.files[labPath ?? 'lab.yaml'];
  if (text === undefined) return [];
  const lab = parseLabFile(text).lab;
  if (!lab) return [];
  const needs = new Set<string>();
  for (const d of lab.devices) {
    if (d.kind === 'router' || d.kind === 'switch') needs.add(d.platform);
    else needs.add('linux');
  }
  if (lab.clusters.length > 0) needs.add('linux');
  return [...needs].filter((n) => n in LOADERS).sort();
}

/** Loads and registers the front ends `source` needs (idempotent). */
export async function prepareLab(source: LabSource): Promise<void> {
  await Promise.all(neededFrontEnds(source).map((n) => once(n, LOADERS[n]!)));
}
