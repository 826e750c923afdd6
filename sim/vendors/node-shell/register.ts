// One call wires the Calico layer and the shells into the lab registry.

import { registerHostShell } from '../../lab/registry.ts';
import { registerCalico, setNodeShellFactory } from '../calico/runtime.ts';
import { HostShell, NodeShell } from './frontend.ts';

export function registerNodeShell(): void {
  setNodeShellFactory((cluster, node) => new NodeShell(cluster, node));
  registerHostShell((opts) => new HostShell(opts));
}

/** registerCalico() + registerNodeShell(). */
export function registerCalicoLab(): void {
  registerCalico();
  registerNodeShell();
}
