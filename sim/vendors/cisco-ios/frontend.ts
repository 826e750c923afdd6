// Cisco IOS (Catalyst 3650, IOS-XE 16 with classic IOS screens) as a DeviceFrontEnd:
// `Switch>` → `enable` → `Switch#` → `configure terminal` → `Switch(config)#` …

import type { ModeDef } from '../../cli/cli.ts';
import { Cli } from '../../cli/cli.ts';
import { ifnameSupport } from '../../cli/ifname.ts';
import { RouterFrontEnd } from '../../cli/router-front-end.ts';
import { IOS_STYLE } from '../../cli/style.ts';
import { patternType, type VarType } from '../../cli/tokens.ts';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { DeviceConfig } from '../../model/device.ts';
import type { ExecContext } from '../../model/frontend.ts';
import type { RouterFrontEndOptions, RouterFrontEndResult } from '../frr/frontend.ts';
import { BGP_AF_NAV, INTERFACE_COMMANDS, VLAN_COMMANDS, bgpAfCommands, bgpCommands, configCommands, routeMapCommands, setIfnames, showCommands } from './commands.ts';
import type { IosCtx, IosMode, IosSession } from './context.ts';
import { iosPrompt } from './context.ts';
import { convertIos } from './convert.ts';
import { IOS_DICTIONARY } from './dictionary.ts';
import type { IosRepr } from './repr.ts';

export const IOS_IFNAMES = ifnameSupport([
  { name: 'GigabitEthernet', help: 'GigabitEthernet IEEE 802.3z', num: /^\d+\/\d+(\/\d+)?$/, numPartial: /^[\d/]*$/, numLabel: '<0-9>', numHelp: 'GigabitEthernet interface number' },
  { name: 'TenGigabitEthernet', help: 'Ten Gigabit Ethernet', num: /^\d+\/\d+(\/\d+)?$/, numPartial: /^[\d/]*$/, numLabel: '<0-9>', numHelp: 'TenGigabitEthernet interface number' },
  { name: 'Loopback', help: 'Loopback interface', num: /^\d+$/, numLabel: '<0-2147483647>', numHelp: 'Loopback interface number' },
  { name: 'Null', help: 'Null interface', num: /^0$/, numLabel: '<0-0>', numHelp: 'Null interface number' },
  { name: 'Vlan', help: 'Catalyst Vlans', num: /^\d+$/, numLabel: '<1-4094>', numHelp: 'Vlan interface number' },
]);
setIfnames(IOS_IFNAMES);

const IOS_TYPES: Record<string, VarType> = {
  ...IOS_IFNAMES.types,
  COMMUNITY: patternType('<1-4294967295>', /^(\d+:\d+|\d+|internet|local-AS|no-advertise|no-export)$/),
};

/** Factory lines of `show running-config` that a pasted configuration contains: accepted, inert. */
const FACTORY_CONFIG = [
  'version',
  'service',
  'no service',
  'no platform',
  'platform',
  'vrf definition',
  'address-family',
  'exit-address-family',
  'no aaa',
  'aaa',
  'switch',
  'ip forward-protocol',
  'ip http',
  'no ip http',
  'line',
  'stopbits',
  'login',
  'boot-start-marker',
  'boot-end-marker',
  'spanning-tree',
  'diagnostic',
  'redundancy',
  'transceiver',
  'control-plane',
  'license',
  'crypto',
  'enable',
  'username',
  'logging',
].map((k) => ({ spec: `${k} [<LINE>]`, hidden: true, run: () => undefined }));
const FACTORY_IF = ['negotiation', 'vrf forwarding', 'speed', 'duplex', 'spanning-tree'].map((k) => ({ spec: `${k} [<LINE>]`, hidden: true, run: () => undefined }));

function modes(isPort: (name: string) => boolean): ModeDef<IosCtx>[] {
  return [
    { id: 'user', commands: showCommands(false) },
    { id: 'exec', commands: showCommands(true) },
    { id: 'config', doMode: 'exec', commands: [...configCommands(isPort), ...FACTORY_CONFIG] },
    { id: 'config-if', parent: 'config', doMode: 'exec', commands: [...INTERFACE_COMMANDS, ...FACTORY_IF] },
    { id: 'config-router', parent: 'config', doMode: 'exec', commands: bgpCommands() },
    { id: 'config-router-af', parent: 'config-router', doMode: 'exec', commands: [...bgpAfCommands(), ...BGP_AF_NAV] },
    { id: 'config-route-map', parent: 'config', doMode: 'exec', commands: routeMapCommands() },
    { id: 'config-vlan', parent: 'config', doMode: 'exec', commands: VLAN_COMMANDS },
  ];
}

let shared: Cli<IosCtx> | undefined;
export function iosCli(): Cli<IosCtx> {
  // Physical ports exist per device; the handler checks the configuration, so no port is "new".
  shared ??= new Cli<IosCtx>({ style: IOS_STYLE, modes: modes(() => false), dictionary: { ...IOS_DICTIONARY, ...IOS_IFNAMES.dictionary }, types: IOS_TYPES, macros: IOS_IFNAMES.macro });
  return shared;
}

export interface IosOptions extends RouterFrontEndOptions {
  /** A Catalyst switch (ports are switchports, `no ip routing` by default) or a router. */
  readonly model?: 'switch' | 'router';
  /** Start in privileged EXEC (`Switch#`) instead of user EXEC. */
  readonly privileged?: boolean;
}

export class IosFrontEnd extends RouterFrontEnd<IosCtx> {
  readonly device: string;
  readonly repr: IosRepr;
  private readonly session: IosSession;
  private readonly ports: RouterFrontEndOptions['ports'];
  private readonly startup = new Set<string>();
  private readonly privileged: boolean;
  protected readonly cli = iosCli();

  constructor(opts: IosOptions) {
    super();
    this.device = opts.device;
    this.ports = opts.ports.map((p) => ({ ...p, name: IOS_IFNAMES.normalize(p.name) ?? p.name }));
    const model = opts.model ?? (this.ports.some((p) => /\d+\/\d+\/\d+$/.test(p.name)) ? 'switch' : 'router');
    this.privileged = opts.privileged === true;
    this.session = { mode: this.privileged ? 'exec' : 'user' };
    const interfaces = new Map<string, IosRepr['interfaces'] extends Map<string, infer I> ? I : never>();
    for (const p of this.ports) {
      if (p.name.startsWith('Loopback')) continue;
      interfaces.set(p.name, { addresses: [], shutdown: false, switchport: model === 'switch' && /^(Ten)?GigabitEthernet\d+\/\d+\/\d+$/.test(p.name) });
    }
    if (model === 'switch') {
      if (!interfaces.has('GigabitEthernet0/0')) interfaces.set('GigabitEthernet0/0', { addresses: [], shutdown: false, switchport: false });
      interfaces.set('Vlan1', { addresses: [], shutdown: true, switchport: false });
    }
    this.repr = {
      hostname: opts.hostname ?? (model === 'switch' ? 'Switch' : 'Router'),
      model,
      ipRouting: model === 'router',
      interfaces,
      staticRoutes: [],
      prefixLists: new Map(),
      routeMaps: new Map(),
      vlans: new Map(),
    };
  }

  deviceConfig(): { readonly config: DeviceConfig; readonly diagnostics: readonly Diagnostic[] } {
    const r = convertIos(this.repr, this.device, this.ports);
    // The management port sits in Mgmt-vrf: not part of the lab's data plane.
    return { config: { ...r.config, interfaces: r.config.interfaces.filter((i) => i.name !== 'GigabitEthernet0/0' || this.ports.some((p) => p.name === i.name)) }, diagnostics: r.diagnostics };
  }

  prompt(): string {
    return iosPrompt(this.repr.hostname, this.session);
  }

  protected get mode(): string {
    return this.session.mode;
  }

  protected set mode(m: string) {
    this.session.mode = m as IosMode;
  }

  protected get closed(): boolean {
    return this.session.closed === true;
  }

  protected reopen(): void {
    this.session.closed = false;
    this.session.mode = this.privileged ? 'exec' : 'user';
  }

  protected context(exec: ExecContext, changed: () => void): IosCtx {
    return { repr: this.repr, session: this.session, exec, device: this.device, ports: this.ports, startup: this.startup, changed };
  }

  /** `show running-config` prints when the configuration last changed. */
  protected override configChanged(exec: ExecContext): void {
    this.repr.lastChange = exec.net.time;
  }

  help(line: string, _ctx: ExecContext): string {
    return iosCli().help(line, this.session.mode, this.prompt());
  }

  /** IOS: Ctrl-C (like Ctrl-Z) leaves configuration mode for privileged EXEC. */
  interrupt(): string {
    if (this.session.mode.startsWith('config')) this.session.mode = 'exec';
    return '';
  }

  /** Replays a startup-config in configuration mode (`!` lines are comments). */
  loadConfig(text: string, file?: string): Diagnostic[] {
    const body = text.replace(/^Building configuration...\s*\n\s*\nCurrent configuration : \d+ bytes\n/, '');
    const diags = this.replay(body, file, 'config', {
      codePrefix: 'ios',
      isComment: (t) => t.startsWith('!') || t === 'end',
      isRefusal: (out) => out.startsWith('%') || out.startsWith('Bad mask'),
    });
    for (const [name, i] of this.repr.interfaces) if (i.addresses.length) this.startup.add(name);
    delete this.repr.lastChange;
    return diags;
  }
}

export function createCiscoIosFrontEnd(opts: IosOptions): RouterFrontEndResult {
  const fe = new IosFrontEnd(opts);
  const diagnostics = opts.startupConfig ? fe.loadConfig(opts.startupConfig, opts.file) : [];
  return { frontEnd: fe, diagnostics };
}
