// Router platforms of the simulator: lab `platform:` → front-end factory. Every factory takes
// the same options (device, hostname?, ports [{name, segment?}], kernelRoutes?, startupConfig?,
// file?) and returns { frontEnd, diagnostics } (startup-config replay problems as values).

import type { RouterFactory } from '../lab/registry.ts';
import { registerRouterPlatform } from '../lab/registry.ts';
import { createCiscoIosFrontEnd } from './cisco-ios/index.ts';
import { createFrrFrontEnd } from './frr/index.ts';
import { createHuaweiVrpFrontEnd } from './huawei-vrp/index.ts';

export const ROUTER_FACTORIES: Readonly<Record<'frr' | 'cisco-ios' | 'huawei-vrp', RouterFactory>> = {
  frr: createFrrFrontEnd,
  'cisco-ios': createCiscoIosFrontEnd,
  'huawei-vrp': createHuaweiVrpFrontEnd,
};

export function routerFactoryFor(platform: string): RouterFactory | undefined {
  return Object.prototype.hasOwnProperty.call(ROUTER_FACTORIES, platform) ? ROUTER_FACTORIES[platform as keyof typeof ROUTER_FACTORIES] : undefined;
}

/** Registers the three router platforms with the lab registry (idempotent: a Map set). */
export function registerRouters(): void {
  for (const [platform, factory] of Object.entries(ROUTER_FACTORIES)) registerRouterPlatform(platform, factory);
}
