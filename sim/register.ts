// Registers every front end this build includes with the lab registry. Importing sim/index.ts
// does this once; a slimmer bundle can import the vendor modules it needs instead.
import { registerRouterPlatform } from './lab/registry.ts';
import { registerCalico } from './vendors/calico/runtime.ts';
import { createFrrFrontEnd } from './vendors/frr/index.ts';

let done = false;

export function registerAll(): void {
  if (done) return;
  done = true;
  registerCalico();
  registerRouterPlatform('frr', createFrrFrontEnd);
}

registerAll();
