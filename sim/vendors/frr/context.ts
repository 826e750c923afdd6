// What FRR command handlers work on: the vtysh session (mode), FRR's configuration, and the
// lab (ExecContext: the network views and commit()).

import type { ExecContext } from '../../model/frontend.ts';
import type { FrrHost } from './convert.ts';
import type { FrrRepr } from './repr.ts';

export type FrrMode = 'enable' | 'config' | 'config-if' | 'config-router' | 'config-router-af' | 'config-route-map';

export interface FrrSession {
  mode: FrrMode;
  iface?: string;
  routeMap?: { name: string; seq: number };
  closed?: boolean;
  clear?: boolean;
}

export interface FrrCtx {
  readonly repr: FrrRepr;
  readonly session: FrrSession;
  readonly exec: ExecContext;
  readonly host: FrrHost;
  /** The configuration changed: the front end commits once the command returns. */
  changed(): void;
}

/** vtysh prompts (vtysh/vtysh.c node prompts: "%s(config-router)# "). */
export function frrPrompt(hostname: string, s: FrrSession): string {
  switch (s.mode) {
    case 'enable':
      return `${hostname}# `;
    case 'config':
      return `${hostname}(config)# `;
    case 'config-if':
      return `${hostname}(config-if)# `;
    case 'config-router':
      return `${hostname}(config-router)# `;
    case 'config-router-af':
      return `${hostname}(config-router-af)# `;
    case 'config-route-map':
      return `${hostname}(config-route-map)# `;
  }
}
