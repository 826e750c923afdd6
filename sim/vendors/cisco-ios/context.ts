// What IOS command handlers work on: the terminal session (mode), the configuration, the lab.

import type { ExecContext } from '../../model/frontend.ts';
import type { IosPort } from './convert.ts';
import type { IosRepr } from './repr.ts';

export type IosMode = 'user' | 'exec' | 'config' | 'config-if' | 'config-router' | 'config-router-af' | 'config-route-map' | 'config-vlan';

export interface IosSession {
  mode: IosMode;
  iface?: string;
  routeMap?: { name: string; seq: number };
  vlan?: number;
  closed?: boolean;
}

export interface IosCtx {
  readonly repr: IosRepr;
  readonly session: IosSession;
  readonly exec: ExecContext;
  readonly device: string;
  readonly ports: readonly IosPort[];
  /** Interfaces whose address came from the startup configuration (Method "NVRAM"). */
  readonly startup: Set<string>;
  changed(): void;
}

/** `Switch>`, `Switch#`, `Switch(config)#`, `Switch(config-if)#`, `Switch(config-router)#` … */
export function iosPrompt(hostname: string, s: IosSession): string {
  if (s.mode === 'user') return `${hostname}>`;
  if (s.mode === 'exec') return `${hostname}#`;
  return `${hostname}(${s.mode})#`;
}
