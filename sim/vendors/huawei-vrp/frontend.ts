// Huawei VRP (eNSP AR router) as a DeviceFrontEnd: `<R1>` user view, `system-view` → `[R1]`,
// `[R1-GigabitEthernet0/0/0]`, `[R1-bgp]`, `[R1-bgp-af-ipv4]`, `[R1-route-policy]`.
// VRP applies every command at once (no commit on classic AR software).

import type { ModeDef } from '../../cli/cli.ts';
import { Cli } from '../../cli/cli.ts';
import { ifnameSupport } from '../../cli/ifname.ts';
import { RouterFrontEnd } from '../../cli/router-front-end.ts';
import { VRP_STYLE } from '../../cli/style.ts';
import { LINE, WORD, patternType, type VarType } from '../../cli/tokens.ts';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { DeviceConfig } from '../../model/device.ts';
import type { ExecContext } from '../../model/frontend.ts';
import { BGP_AF_QUIT, USER_COMMANDS, bgpAfCommands, bgpCommands, displayCommands, interfaceCommands, routePolicyCommands, systemCommands } from './commands.ts';
import type { VrpCtx, VrpSession, VrpView } from './context.ts';
import { vrpPrompt } from './context.ts';
import { convertVrp } from './convert.ts';
import { VRP_DICTIONARY } from './dictionary.ts';
import type { VrpRepr } from './repr.ts';
import { emptyVrp } from './repr.ts';
import type { RouterFrontEndOptions, RouterFrontEndResult } from '../frr/frontend.ts';

export const VRP_IFNAMES = ifnameSupport([
  { name: 'GigabitEthernet', help: 'GigabitEthernet interface', num: /^\d+\/\d+\/\d+$/, numPartial: /^[\d/]*$/, numLabel: '<0-0>', numHelp: 'Slot number' },
  { name: 'Ethernet', help: 'Ethernet interface', num: /^\d+\/\d+\/\d+$/, numPartial: /^[\d/]*$/, numLabel: '<0-0>', numHelp: 'Slot number', minAbbrev: 2 },
  { name: 'LoopBack', help: 'LoopBack interface', num: /^\d+$/, numLabel: '<0-1023>', numHelp: 'LoopBack interface number' },
  { name: 'NULL', help: 'NULL interface', num: /^0$/, numLabel: '<0-0>', numHelp: 'NULL interface number' },
  { name: 'Vlanif', help: 'Vlan interface', num: /^\d+$/, numLabel: '<1-4094>', numHelp: 'Vlan interface number' },
]);

const VRP_TYPES: Record<string, VarType> = {
  ...VRP_IFNAMES.types,
  STRING: { ...WORD, label: 'STRING<1-169>' },
  TEXT: { ...LINE, label: 'TEXT' },
  COMMUNITY: patternType('STRING<1-11>', /^(\d+:\d+|\d+|internet|no-advertise|no-export|no-export-subconfed)$/),
};

/** Lines of eNSP's factory configuration: accepted in a pasted config, otherwise inert. */
const FACTORY = ['snmp-agent', 'clock', 'portal', 'drop', 'set', 'aaa', 'authentication-scheme', 'authorization-scheme', 'accounting-scheme', 'domain', 'local-user', 'firewall', 'priority', 'user-interface', 'authentication-mode', 'wlan', 'info-center', 'undo info-center'].map(
  (k) => ({ spec: `${k} [<TEXT>]`, hidden: true, run: () => undefined }),
);

function views(): ModeDef<VrpCtx>[] {
  const display = displayCommands();
  const isPort = (): boolean => false;
  return [
    { id: 'user', commands: [...USER_COMMANDS, ...display] },
    { id: 'system', commands: [...systemCommands(VRP_IFNAMES, isPort), ...display, ...FACTORY] },
    { id: 'interface', parent: 'system', commands: [...interfaceCommands(), ...display] },
    { id: 'bgp', parent: 'system', commands: [...bgpCommands(VRP_IFNAMES), ...display] },
    { id: 'bgp-af', parent: 'bgp', commands: [...bgpAfCommands(), BGP_AF_QUIT, { spec: 'return', run: (_a, c) => void (c.session.view = 'user') }, ...display] },
    { id: 'route-policy', parent: 'system', commands: [...routePolicyCommands(), ...display] },
  ];
}

let shared: Cli<VrpCtx> | undefined;
export function vrpCli(): Cli<VrpCtx> {
  shared ??= new Cli<VrpCtx>({
    style: VRP_STYLE,
    modes: views(),
    dictionary: { ...VRP_DICTIONARY, ...VRP_IFNAMES.dictionary },
    types: VRP_TYPES,
    macros: VRP_IFNAMES.macro,
  });
  return shared;
}

export class VrpFrontEnd extends RouterFrontEnd<VrpCtx> {
  readonly device: string;
  readonly repr: VrpRepr;
  private readonly session: VrpSession = { view: 'user' };
  private readonly ports: RouterFrontEndOptions['ports'];
  protected readonly cli = vrpCli();

  constructor(opts: RouterFrontEndOptions) {
    super();
    this.device = opts.device;
    this.ports = opts.ports.map((p) => ({ ...p, name: VRP_IFNAMES.normalize(p.name) ?? p.name }));
    this.repr = emptyVrp(opts.hostname ?? 'Huawei', this.ports.filter((p) => !p.name.startsWith('LoopBack')).map((p) => p.name));
  }

  protected get mode(): string {
    return this.session.view;
  }

  protected set mode(m: string) {
    this.session.view = m as VrpView;
  }

  protected get closed(): boolean {
    return this.session.closed === true;
  }

  protected reopen(): void {
    this.session.closed = false;
    this.session.view = 'user';
  }

  protected context(exec: ExecContext, changed: () => void): VrpCtx {
    return { repr: this.repr, session: this.session, exec, device: this.device, ports: this.ports, changed };
  }

  deviceConfig(): { readonly config: DeviceConfig; readonly diagnostics: readonly Diagnostic[] } {
    return convertVrp(this.repr, this.device, this.ports);
  }

  prompt(): string {
    return vrpPrompt(this.repr.sysname, this.session);
  }

  help(line: string, _ctx: ExecContext): string {
    return vrpCli().help(line, this.session.view, this.prompt());
  }

  /** Ctrl+C stops a running command; at the prompt VRP just starts a new line. */
  interrupt(): string {
    return '';
  }

  /** Ctrl+Z: back to the user view (VRP "return user view with Ctrl+Z"). */
  ctrlZ(): string {
    this.session.view = 'user';
    return '';
  }

  /** Replays a VRP configuration file in the system view (`#` lines separate sections). */
  loadConfig(text: string, file?: string): Diagnostic[] {
    const diags = this.replay(text, file, 'system', {
      codePrefix: 'vrp',
      isComment: (t) => t.startsWith('#') || t === 'return' || /^\[V\d/.test(t),
      isRefusal: (out) => out.startsWith('Error'),
    });
    this.session.view = 'user';
    return diags;
  }
}

export function createHuaweiVrpFrontEnd(opts: RouterFrontEndOptions): RouterFrontEndResult {
  const fe = new VrpFrontEnd(opts);
  const diagnostics = opts.startupConfig ? fe.loadConfig(opts.startupConfig, opts.file) : [];
  return { frontEnd: fe, diagnostics };
}
