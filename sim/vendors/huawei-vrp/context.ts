// What VRP command handlers work on: the terminal session (view), VRP's configuration, the lab.

import type { ExecContext } from '../../model/frontend.ts';
import type { VrpPort } from './convert.ts';
import type { VrpRepr } from './repr.ts';

export type VrpView = 'user' | 'system' | 'interface' | 'bgp' | 'bgp-af' | 'route-policy';

export interface VrpSession {
  view: VrpView;
  iface?: string;
  policy?: { name: string; node: number };
  closed?: boolean;
}

export interface VrpCtx {
  readonly repr: VrpRepr;
  readonly session: VrpSession;
  readonly exec: ExecContext;
  readonly device: string;
  readonly ports: readonly VrpPort[];
  changed(): void;
}

/** `<R1>`, `[R1]`, `[R1-GigabitEthernet0/0/0]`, `[R1-bgp]`, `[R1-bgp-af-ipv4]`, `[R1-route-policy]`. */
export function vrpPrompt(name: string, s: VrpSession): string {
  switch (s.view) {
    case 'user':
      return `<${name}>`;
    case 'system':
      return `[${name}]`;
    case 'interface':
      return `[${name}-${s.iface}]`;
    case 'bgp':
      return `[${name}-bgp]`;
    case 'bgp-af':
      return `[${name}-bgp-af-ipv4]`;
    case 'route-policy':
      return `[${name}-route-policy]`;
  }
}
