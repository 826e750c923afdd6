// The node shell and the VM shell as DeviceFrontEnds (model/frontend.ts).
// - NodeShell: a Kubernetes node of a Calico cluster. Its configuration comes from the cluster
//   (compiled datastore + the node's local iptables/route changes); calicoctl/kubectl write the
//   cluster's datastore and commit.
// - HostShell: a plain Linux VM (ip, ping, traceroute, curl, dig, iptables) around the lab's
//   base configuration.

import type { CompletionResult, ExecResult } from '../../api-types.ts';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { DeviceConfig } from '../../model/device.ts';
import { emptyDevice } from '../../model/device.ts';
import type { DeviceFrontEnd, ExecContext } from '../../model/frontend.ts';
import type { CalicoCluster } from '../calico/cluster.ts';
import { Shell } from './shell.ts';
import type { LocalState } from './types.ts';

const DEFAULT_EPOCH = 1735725600; // 2025-01-01T10:00:00Z, the Calico datastore's default

export class NodeShell implements DeviceFrontEnd {
  private readonly shell: Shell;

  constructor(
    private readonly cluster: CalicoCluster,
    readonly device: string,
  ) {
    this.shell = new Shell({
      device,
      cluster,
      config: () => this.current(),
      local: cluster.local(device),
      commitLocal: (ctx) => {
        ctx.commit();
      },
      epoch: cluster.store.options.epoch,
    });
  }

  private current(): DeviceConfig | undefined {
    return this.cluster.devices().devices.find((d) => d.name === this.device);
  }

  deviceConfig(): { readonly config: DeviceConfig; readonly diagnostics: readonly Diagnostic[] } {
    const all = this.cluster.devices();
    const config = all.devices.find((d) => d.name === this.device) ?? emptyDevice(this.device, 'calico-node', 'bird');
    return { config, diagnostics: all.diagnostics };
  }

  prompt(): string {
    return this.shell.prompt();
  }

  exec(line: string, ctx: ExecContext): ExecResult {
    this.cluster.setTime(ctx.net.time);
    return this.shell.exec(line, ctx);
  }

  complete(line: string, _ctx: ExecContext): CompletionResult {
    return this.shell.complete(line);
  }

  help(line: string, _ctx: ExecContext): string {
    return this.shell.complete(line).candidates.join('  ');
  }

  interrupt(): string {
    return this.shell.interrupt();
  }
}

export interface HostShellOptions {
  readonly device: string;
  readonly base: () => DeviceConfig;
  readonly setBase: (cfg: DeviceConfig) => void;
  readonly epoch?: number;
}

export class HostShell implements DeviceFrontEnd {
  readonly device: string;
  private readonly shell: Shell;
  private readonly local: LocalState = { filters: [], routes: [] };
  private readonly pristine: DeviceConfig;

  constructor(private readonly o: HostShellOptions) {
    this.device = o.device;
    // The lab's filters (blockBgp) become the VM's iptables rules, listed and deleted as typed ones.
    const base = o.base();
    this.local.filters.push(...base.filters);
    this.local.routes.push(...base.staticRoutes);
    this.pristine = { ...base, filters: [], staticRoutes: [] };
    this.shell = new Shell({
      device: o.device,
      config: () => o.base(),
      local: this.local,
      commitLocal: (ctx) => {
        o.setBase({ ...this.pristine, filters: [...this.local.filters], staticRoutes: [...this.local.routes] });
        ctx.commit();
      },
      epoch: o.epoch ?? DEFAULT_EPOCH,
    });
  }

  deviceConfig(): { readonly config: DeviceConfig; readonly diagnostics: readonly Diagnostic[] } {
    return { config: this.o.base(), diagnostics: [] };
  }

  prompt(): string {
    return this.shell.prompt();
  }

  exec(line: string, ctx: ExecContext): ExecResult {
    return this.shell.exec(line, ctx);
  }

  complete(line: string, _ctx: ExecContext): CompletionResult {
    return this.shell.complete(line);
  }

  help(line: string, _ctx: ExecContext): string {
    return this.shell.complete(line).candidates.join('  ');
  }

  interrupt(): string {
    return this.shell.interrupt();
  }
}
