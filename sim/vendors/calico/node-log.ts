// What `kubectl logs <calico-node pod>` shows: calico-node's startup (address selection) and
// confd's config installs and `bird -p` check failures, with the lab's virtual time.
// Texts follow calico-node v3.31 (node/pkg/lifecycle/startup, confd/pkg/resource/template
// resource.go: "Target config … has been updated", `Error from checkcmd %q: %q`,
// "Config check failed: exit status 1"). The source file/line columns of real logs are
// reproduced approximately (they change between releases).

import { hash32 } from '../../core/rng.ts';
import type { AddressChoice } from './node-address.ts';

export interface NodeLogLine {
  /** Virtual seconds. */
  readonly t: number;
  readonly level: 'INFO' | 'WARNING' | 'ERROR';
  /** `[LEVEL][pid] file line: text` without the time. */
  readonly source: string;
  readonly text: string;
}

const CONFIG_DIR = '/etc/calico/confd/config';

export class CalicoNodeLog {
  private readonly lines = new Map<string, NodeLogLine[]>();
  private readonly lastErrors = new Map<string, string>();
  private readonly started = new Set<string>();

  private add(node: string, line: NodeLogLine): void {
    let l = this.lines.get(node);
    if (!l) this.lines.set(node, (l = []));
    l.push(line);
    if (l.length > 500) l.splice(0, l.length - 500);
  }

  /** calico-node (re)started on `node` at `t`; `choice` = what address selection decided. */
  startup(node: string, t: number, choice: AddressChoice | undefined, address: string | undefined): void {
    this.started.add(node);
    this.lastErrors.delete(node);
    const at = (dt: number, level: NodeLogLine['level'], source: string, text: string): void => this.add(node, { t: t + dt, level, source, text });
    at(0.012, 'INFO', 'startup/startup.go 427', 'Early log level set to info');
    at(0.013, 'INFO', 'startup/utils.go 126', `Using NODENAME environment for node name ${node}`);
    at(0.013, 'INFO', 'startup/utils.go 138', `Determined node name: ${node}`);
    if (!choice || choice.kind === 'address') {
      const why = choice?.why ?? 'autodetected';
      const iface = /on interface (\S+)/.exec(why)?.[1];
      if (choice && /^IP=/.test(choice.why)) at(0.04, 'INFO', 'startup/startup.go 558', `Using IPv4 address from environment: IP=${address ?? ''}`);
      else if (iface) at(0.04, 'INFO', 'autodetection/autodetection_methods.go 103', `Using autodetected IPv4 address on interface ${iface}: ${address ?? ''}`);
      else at(0.04, 'INFO', 'autodetection/autodetection_methods.go 143', `Using autodetected IPv4 address ${address ?? ''}, ${why}`);
    } else if (choice.kind === 'keep') {
      at(0.04, 'WARNING', 'autodetection/autodetection_methods.go 97', choice.why);
      at(0.041, 'WARNING', 'startup/startup.go 577', `Autodetection of IPv4 address failed, keeping existing value: ${address ?? ''}`);
    } else if (choice.kind === 'none') {
      at(0.04, 'INFO', 'startup/startup.go 588', 'Autodetection for IPv4 disabled');
    } else {
      at(0.04, 'ERROR', 'autodetection/autodetection_methods.go 88', choice.why);
      at(0.041, 'INFO', 'startup/startup.go 240', 'Terminating');
      return;
    }
    at(0.2, 'INFO', 'startup/startup.go 1013', 'Calico node started successfully');
  }

  /**
   * The outcome of rendering this node's BIRD config at `t`: logged when it changes (confd
   * only writes and logs when the rendered file differs from the installed one).
   */
  configResult(node: string, t: number, errors: readonly string[], errorLine: number, hadPrevious: boolean): void {
    if (!this.started.has(node)) this.startup(node, 0, undefined, undefined);
    const key = errors.join('\n');
    if (this.lastErrors.get(node) === key) return;
    this.lastErrors.set(node, key);
    if (errors.length === 0) {
      this.add(node, { t, level: 'INFO', source: 'confd/resource.go 277', text: `Target config ${CONFIG_DIR}/bird.cfg has been updated` });
      return;
    }
    const stage = `${CONFIG_DIR}/.bird.cfg${hash32(node, t) % 4294967295}`;
    const cmd = `bird -p -c ${stage}`;
    const out = `bird: ${stage}:${errorLine}:1 ${errors[0]}\n`;
    this.add(node, { t, level: 'ERROR', source: 'confd/resource.go 346', text: `Error from checkcmd ${goQuote(cmd)}: ${goQuote(out)}` });
    if (hadPrevious) this.add(node, { t, level: 'ERROR', source: 'confd/run.go 95', text: 'Config check failed: exit status 1' });
    else this.add(node, { t, level: 'INFO', source: 'confd/resource.go 266', text: 'Check failed, but file does not yet exist - create anyway' });
  }

  of(node: string): readonly NodeLogLine[] {
    return this.lines.get(node) ?? [];
  }
}

/** Go's %q for the ASCII texts we log. */
function goQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}
