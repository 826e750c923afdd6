// What a shell command receives and returns.

import type { DeviceConfig, PacketFilterRule, StaticRoute } from '../../model/device.ts';
import type { ExecContext } from '../../model/frontend.ts';
import type { CalicoCluster } from '../calico/cluster.ts';
import type { MemFs } from './fs.ts';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr?: string;
  /** Diagnostics a program prints before its output (tcpdump's "listening on …"). */
  readonly stderrHead?: string;
  /** Exit status (0 = success). */
  readonly code: number;
  /** Configuration or state changed (the lab re-settles and re-grades). */
  readonly changed?: boolean;
  readonly clear?: boolean;
  readonly closed?: boolean;
}

/** Machine-local state a shell may change (iptables rules, `ip route add`). */
export interface LocalState {
  filters: PacketFilterRule[];
  routes: StaticRoute[];
}

export interface ShellEnv {
  readonly device: string;
  readonly hostname: string;
  readonly ctx: ExecContext;
  readonly fs: MemFs;
  /** The Kubernetes cluster this machine is a node of (undefined on a plain VM). */
  readonly cluster?: CalicoCluster;
  /** The device's configuration as it runs now. */
  config(): DeviceConfig | undefined;
  readonly local: LocalState;
  /** Apply a change of local state (iptables, routes): recompiles and settles. */
  commitLocal(): void;
  /** Seconds since the Unix epoch for virtual time `t` (the lab's wall clock). */
  wall(t: number): number;
  /** Runs another command line (for `$(…)`, `watch`, `sh -c`). */
  run(line: string, stdin?: string): CommandResult;
}

export type Command = (args: readonly string[], stdin: string, env: ShellEnv) => CommandResult;

export function ok(stdout: string, extra: Partial<CommandResult> = {}): CommandResult {
  return { stdout, code: 0, ...extra };
}

export function fail(stderr: string, code = 1, stdout = ''): CommandResult {
  return { stdout, stderr, code };
}
