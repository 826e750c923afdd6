// How a device's front end (a router CLI, a node shell) plugs into a lab. A front end owns
// the device's vendor representation (FRR running config, VRP current-configuration, the
// Calico datastore for nodes), answers terminal lines, and converts its representation into
// the neutral DeviceConfig the engine runs.

import type { CompletionResult, ExecResult, SettleResult } from '../api-types.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { DeviceConfig } from './device.ts';
import type { NetworkQuery } from './query.ts';

/** What a command handler may do besides reading state. */
export interface ExecContext {
  readonly net: NetworkQuery;
  /** The device's configuration changed: recompute it, hand it to the engine and settle. */
  commit(): SettleResult;
  /** Lab-level actions a shell can trigger (`systemctl stop bird`, `ip link set eth0 down`). */
  daemon(device: string, action: 'start' | 'stop' | 'kill' | 'restart'): void;
  link(device: string, iface: string, up: boolean): void;
  /** Lets virtual time pass (`sleep 180`): timers fire, then the network settles. */
  wait(seconds: number): SettleResult;
}

export interface DeviceFrontEnd {
  readonly device: string;
  /** The neutral configuration the engine should run now, with conversion diagnostics. */
  deviceConfig(): { readonly config: DeviceConfig; readonly diagnostics: readonly Diagnostic[] };
  /** The prompt for the current mode (`R1#`, `[~R1-bgp]`, `root@node1:~#`). */
  prompt(): string;
  exec(line: string, ctx: ExecContext): ExecResult;
  complete(line: string, ctx: ExecContext): CompletionResult;
  /** `?` typed at the end of `line` (help without executing). */
  help(line: string, ctx: ExecContext): string;
  /** Ctrl-C: leave the current sub-mode or abort, as the device does. */
  interrupt(): string;
}
