// Registers every front end this build includes with the lab registry: the three router
// CLIs, the Calico layer, and the node/host shells. Importing sim/index.ts does this once.
import { registerRouters } from './vendors/routers.ts';
import { registerCalicoLab } from './vendors/node-shell/register.ts';

let done = false;

export function registerAll(): void {
  if (done) return;
  done = true;
  registerRouters();
  registerCalicoLab();
}

registerAll();
