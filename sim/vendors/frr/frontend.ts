// FRR's vtysh as a DeviceFrontEnd: one session per terminal, prompts "tor# ",
// "tor(config-router)# ", the FRR configuration as its state, neutral config via convert.ts.

import type { CompletionResult } from '../../api-types.ts';
import { Cli } from '../../cli/cli.ts';
import { RouterFrontEnd } from '../../cli/router-front-end.ts';
import type { ModeDef } from '../../cli/cli.ts';
import { FRR_STYLE } from '../../cli/style.ts';
import { LINE, rangeType, type VarType } from '../../cli/tokens.ts';
import type { TokenNode } from '../../cli/spec.ts';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { DeviceConfig, StaticRoute } from '../../model/device.ts';
import type { DeviceFrontEnd, ExecContext } from '../../model/frontend.ts';
import { AF_COMMANDS, ROUTER_BGP_COMMANDS } from './commands/bgp.ts';
import { CONFIG_COMMANDS, INTERFACE_COMMANDS, NAV_COMMANDS, ROUTE_MAP_COMMANDS } from './commands/config.ts';
import { EXEC_COMMANDS } from './commands/exec.ts';
import type { FrrCtx, FrrMode, FrrSession } from './context.ts';
import { frrPrompt } from './context.ts';
import { convertFrr, type PortSpec } from './convert.ts';
import { FRR_DICTIONARY } from './dictionary.ts';
import type { FrrRepr } from './repr.ts';
import { emptyRepr } from './repr.ts';

export interface RouterFrontEndOptions {
  readonly device: string;
  readonly hostname?: string;
  /** Physical ports and the L2 segment each is plugged into (from the lab file). */
  readonly ports: readonly PortSpec[];
  /** FRR only: routes the lab put in the Linux kernel (zebra shows them as K). */
  readonly kernelRoutes?: readonly StaticRoute[];
  /** Startup configuration text, replayed line by line in configuration mode. */
  readonly startupConfig?: string;
  /** File name for diagnostics ("R1.frr"). */
  readonly file?: string;
}

export interface RouterFrontEndResult {
  readonly frontEnd: DeviceFrontEnd;
  readonly diagnostics: Diagnostic[];
}

function modes(): ModeDef<FrrCtx>[] {
  return [
    { id: 'enable', commands: EXEC_COMMANDS },
    { id: 'config', parent: undefined, doMode: 'enable', commands: [...CONFIG_COMMANDS, ...NAV_COMMANDS] },
    { id: 'config-if', parent: 'config', doMode: 'enable', commands: [...INTERFACE_COMMANDS, ...NAV_COMMANDS] },
    { id: 'config-router', parent: 'config', doMode: 'enable', commands: [...ROUTER_BGP_COMMANDS, ...NAV_COMMANDS] },
    { id: 'config-router-af', parent: 'config-router', doMode: 'enable', commands: [...AF_COMMANDS, ...NAV_COMMANDS] },
    { id: 'config-route-map', parent: 'config', doMode: 'enable', commands: [...ROUTE_MAP_COMMANDS, ...NAV_COMMANDS] },
  ];
}

/** Argument types FRR shows under their own names (bgpd/bgp_routemap.c). */
const FRR_TYPES: Record<string, VarType> = {
  // `set local-preference WORD` (a number, or +N/-N in later releases).
  LOCALPREF: { ...rangeType(0, 4294967295), label: 'WORD' },
  METRIC: { ...rangeType(0, 4294967295), label: '(-4294967295-4294967295)' },
  COMMUNITIES: { ...LINE, label: 'AA:NN' },
  // `neighbor X prefix-list WORD`: shown as WORD, completed with the existing lists.
  PLIST: { ...LINE, rest: false, label: 'WORD' },
};

let shared: Cli<FrrCtx> | undefined;
/** The FRR command set (compiled once, shared by every FRR device). */
export function frrCli(): Cli<FrrCtx> {
  shared ??= new Cli<FrrCtx>({ style: FRR_STYLE, modes: modes(), dictionary: FRR_DICTIONARY, types: FRR_TYPES });
  return shared;
}

export class FrrFrontEnd extends RouterFrontEnd<FrrCtx> {
  readonly device: string;
  readonly repr: FrrRepr;
  private readonly session: FrrSession = { mode: 'enable' };
  private readonly opts: RouterFrontEndOptions;
  protected readonly cli = frrCli();

  constructor(opts: RouterFrontEndOptions) {
    super();
    this.device = opts.device;
    this.opts = opts;
    this.repr = emptyRepr(opts.hostname ?? opts.device);
  }

  protected get mode(): string {
    return this.session.mode;
  }

  protected set mode(m: string) {
    this.session.mode = m as FrrMode;
  }

  protected get closed(): boolean {
    return this.session.closed === true;
  }

  /** A new vtysh session after `exit`. */
  protected reopen(): void {
    this.session.closed = false;
    this.session.mode = 'enable';
  }

  protected context(exec: ExecContext, changed: () => void): FrrCtx {
    return { repr: this.repr, session: this.session, exec, host: { device: this.device, ports: this.opts.ports }, changed };
  }

  deviceConfig(): { readonly config: DeviceConfig; readonly diagnostics: readonly Diagnostic[] } {
    return convertFrr(this.repr, { device: this.device, ports: this.opts.ports, ...(this.opts.kernelRoutes ? { kernelRoutes: this.opts.kernelRoutes } : {}) });
  }

  prompt(): string {
    return frrPrompt(this.repr.hostname, this.session);
  }

  override complete(line: string, ctx: ExecContext): CompletionResult {
    // vtysh shows the candidates on the line when there are several.
    const c = super.complete(line, ctx);
    return { ...c, help: c.candidates.length > 1 ? c.candidates.join('  ') : '' };
  }

  help(line: string, _ctx: ExecContext): string {
    return frrCli().help(line, this.session.mode, this.prompt(), (n) => this.values(n));
  }

  /** vtysh lists existing names under some arguments (lib/command.c cmd_variable_complete). */
  private values(n: TokenNode): readonly string[] {
    const bgp = this.repr.bgp;
    const sortIps = (xs: string[]): string[] => xs.sort((a, b) => ipNum(a) - ipNum(b));
    switch (n.text) {
      case 'A.B.C.D':
        return ['peer', 'nbr'].includes(n.key) && bgp ? sortIps([...bgp.neighbors.keys()]) : [];
      case 'WORD':
        return ['peer', 'nbr'].includes(n.key) && bgp ? [...bgp.peerGroups.keys()] : [];
      case 'PGNAME':
        return bgp ? [...bgp.peerGroups.keys()] : [];
      case 'IFNAME':
      case 'INTERFACE':
        return [...new Set([...this.opts.ports.map((p) => p.name), ...this.repr.interfaces.keys(), 'lo'])].sort();
      case 'RMAP_NAME':
        return [...this.repr.routeMaps.keys()].reverse();
      case 'PREFIXLIST_NAME':
      case 'PLIST':
        return [...this.repr.prefixLists.keys()];
      default:
        return [];
    }
  }

  /** vtysh (readline): Ctrl-C drops the line and shows a fresh prompt in the same mode. */
  interrupt(): string {
    return '';
  }

  /** Replays a frr.conf as `vtysh -b` would: in configuration mode, `!` lines are comments. */
  loadConfig(text: string, file?: string): Diagnostic[] {
    return this.replay(text, file, 'config', {
      codePrefix: 'frr',
      isComment: (t) => t.startsWith('!') || t === 'end',
      isRefusal: (out) => out.startsWith('%') || /already running/.test(out),
    });
  }
}

function ipNum(t: string): number {
  return t.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

export function createFrrFrontEnd(opts: RouterFrontEndOptions): RouterFrontEndResult {
  const fe = new FrrFrontEnd(opts);
  const diagnostics = opts.startupConfig ? fe.loadConfig(opts.startupConfig, opts.file) : [];
  return { frontEnd: fe, diagnostics };
}
