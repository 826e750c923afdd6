// calicoctl's command line (calicoctl/calicoctl.go + commands/*.go docopt usages, C331),
// delegating to the Calico module's verbs. Writes replace the cluster's datastore and commit.

import { formatPrefix, prefixContainsIp } from '../../../core/ip.ts';
import { calicoctlDelete, calicoctlGet, calicoctlLabel, calicoctlPatch } from '../../calico/calicoctl/commands.ts';
import type { OutputFormat } from '../../calico/calicoctl/commands.ts';
import { runFile } from '../../calico/calicoctl/verbs.ts';
import type { FileAction } from '../../calico/calicoctl/verbs.ts';
import type { Datastore } from '../../calico/datastore.ts';
import { nodeStatus } from '../render/node-status.ts';
import { renderTable } from '../render/tablewriter.ts';
import type { Command, CommandResult, ShellEnv } from '../types.ts';
import { fail, ok } from '../types.ts';
import { birdDown } from './birdcl.ts';

const USAGE = `Usage:
  calicoctl [options] <command> [<args>...]

    create       Create a resource by file, directory or stdin.
    replace      Replace a resource by file, directory or stdin.
    apply        Apply a resource by file, directory or stdin.  This creates a resource
                 if it does not exist, and replaces a resource if it does exists.
    patch        Patch a pre-exisiting resource in place.
    delete       Delete a resource identified by file, directory, stdin or resource type and
                 name.
    get          Get a resource identified by file, directory, stdin or resource type and
                 name.
    label        Add or update labels of resources.
    convert      Convert config files between different API versions.
    ipam         IP address management.
    node         Calico node management.
    version      Display the version of this binary.
    datastore    Calico datastore management.

Options:
  -h --help                    Show this screen.
  -l --log-level=<level>       Set the log level (one of panic, fatal, error,
                               warn, info, debug) [default: panic]
     --context=<context>       The name of the kubeconfig context to use.
     --allow-version-mismatch  Allow client and cluster versions mismatch.

Description:
  The calicoctl command line tool is used to manage Calico network and security
  policy, to view and manage endpoint configuration, and to manage a Calico
  node instance.

  See 'calicoctl <command> --help' to read about a specific subcommand.
`;

function invalid(args: readonly string[]): CommandResult {
  return fail(`invalid option: 'calicoctl ${args.join(' ')}'. Use flag '--help' to read about a specific subcommand`, 1);
}

function commit(env: ShellEnv, store: Datastore): void {
  const cluster = env.cluster!;
  cluster.setStore(store);
  env.ctx.commit();
}

function result(r: { store: Datastore; ok: boolean; stdout: string; stderr: string; changed: boolean }, env: ShellEnv): CommandResult {
  if (r.changed) commit(env, r.store);
  return { stdout: r.stdout ? `${r.stdout}\n` : '', ...(r.stderr ? { stderr: r.stderr } : {}), code: r.ok ? 0 : 1, ...(r.changed ? { changed: true } : {}) };
}

function fileAction(action: FileAction, args: readonly string[], stdin: string, env: ShellEnv): CommandResult {
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-f' || a === '--filename') file = args[++i];
    else if (a.startsWith('--filename=')) file = a.slice(11);
    else if (a.startsWith('-f') && a.length > 2) file = a.slice(2);
  }
  if (file === undefined) return invalid([action, ...args]);
  const text = file === '-' ? stdin : env.fs.read(file);
  if (text === undefined) return fail(`failed to execute command: open ${file}: no such file or directory`, 1);
  const r = runFile(env.cluster!.store.at(env.ctx.net.time), text, action, { file });
  return result(r, env);
}

function outputFormat(args: readonly string[]): { format: OutputFormat; rest: string[] } | string {
  let format: OutputFormat = 'ps';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let v: string | undefined;
    if (a === '-o' || a === '--output') v = args[++i];
    else if (a.startsWith('-o=') || a.startsWith('--output=')) v = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('-o') && a.length > 2) v = a.slice(2);
    else if (a === '-A' || a === '--all-namespaces' || a === '--export') continue;
    else if (a === '-n' || a === '--namespace') i++;
    else rest.push(a);
    if (v !== undefined) {
      if (!['ps', 'wide', 'yaml', 'json', 'custom-columns', 'go-template'].includes(v.split('=')[0]!)) return `unrecognized output format '${v}'`;
      format = v === 'wide' ? 'wide' : v === 'yaml' ? 'yaml' : v === 'json' ? 'json' : 'ps';
    }
  }
  return { format, rest };
}

function ipamShow(env: ShellEnv, showBlocks: boolean): CommandResult {
  const c = env.cluster!;
  const compiled = c.compiled;
  const pools = c.store.list('projectcalico.org/v3', 'IPPool');
  const allocs = Object.values(c.ipam.allocations);
  const rows: string[][] = [];
  const pct = (n: number, total: number): string => `${n} (${total === 0 ? 0 : Math.round((n * 100) / total)}%)`;
  for (const p of pools) {
    const cidr = (p.spec as { cidr?: string } | undefined)?.cidr ?? '';
    const [addr, len] = cidr.split('/');
    const total = 2 ** (32 - Number(len ?? 32));
    const prefix = { addr: addr!.split('.').reduce((a, o) => a * 256 + Number(o), 0), len: Number(len ?? 32) };
    const used = allocs.filter((a) => prefixContainsIp(prefix, a.ip)).length;
    rows.push(['IP Pool', cidr, String(total), pct(used, total), pct(total - used, total)]);
    if (showBlocks) {
      for (const b of c.ipam.blocks.filter((b) => prefixContainsIp(prefix, b.prefix.addr))) {
        const bt = 2 ** (32 - b.prefix.len);
        const bu = allocs.filter((a) => prefixContainsIp(b.prefix, a.ip)).length;
        rows.push(['Block', formatPrefix(b.prefix), String(bt), pct(bu, bt), pct(bt - bu, bt)]);
      }
    }
  }
  void compiled;
  return ok(renderTable(['Grouping', 'CIDR', 'IPs total', 'IPs in use', 'IPs free'], rows));
}

export const calicoctl: Command = (argsIn, stdin, env) => {
  const args = argsIn.filter((a) => a !== '--allow-version-mismatch' && !a.startsWith('--context') && !a.startsWith('--log-level') && !a.startsWith('-l='));
  if (!env.cluster) return fail('Failed to create Calico API client: invalid configuration: no configuration has been provided', 1);
  const cmd = args[0];
  if (!cmd || cmd === '-h' || cmd === '--help') return ok(USAGE);
  const rest = args.slice(1);
  if (rest.includes('--help') || rest.includes('-h')) return ok(`Usage:\n  calicoctl ${cmd} --help\n`);
  switch (cmd) {
    case 'apply':
    case 'create':
    case 'replace':
      return fileAction(cmd, rest, stdin, env);
    case 'delete': {
      if (rest.some((a) => a === '-f' || a.startsWith('--filename') || (a.startsWith('-f') && a.length > 2))) return fileAction('delete', rest, stdin, env);
      const [kind, ...names] = rest.filter((a) => !a.startsWith('-'));
      if (!kind || names.length === 0) return invalid(args);
      return result({ ...calicoctlDelete(env.cluster.store, kind, names) }, env);
    }
    case 'get': {
      const o = outputFormat(rest);
      if (typeof o === 'string') return fail(o, 1);
      const [kind, ...names] = o.rest;
      if (!kind) return invalid(args);
      const r = calicoctlGet(env.cluster.store, kind, names, o.format);
      return { stdout: r.stdout, ...(r.stderr ? { stderr: r.stderr } : {}), code: r.ok ? 0 : 1 };
    }
    case 'patch': {
      let patch: string | undefined;
      const pos: string[] = [];
      for (let i = 0; i < rest.length; i++) {
        const a = rest[i]!;
        if (a === '-p' || a === '--patch') patch = rest[++i];
        else if (a.startsWith('--patch=')) patch = a.slice(8);
        else if (a.startsWith('-p') && a.length > 2) patch = a.slice(2);
        else if (a === '-t' || a === '--type') i++;
        else if (!a.startsWith('-')) pos.push(a);
      }
      if (pos.length < 2 || patch === undefined) return invalid(args);
      return result(calicoctlPatch(env.cluster.store, pos[0]!, pos[1]!, patch), env);
    }
    case 'label': {
      const overwrite = rest.includes('--overwrite');
      const removeIdx = rest.indexOf('--remove');
      const pos = rest.filter((a, i) => !a.startsWith('--') && !(removeIdx >= 0 && i === removeIdx + 1));
      if (removeIdx >= 0) {
        const key = rest[removeIdx + 1];
        if (pos.length < 2 || !key) return invalid(args);
        return result(calicoctlLabel(env.cluster.store, pos[0]!, pos[1]!, key, { remove: true }), env);
      }
      if (pos.length < 3) return invalid(args);
      return result(calicoctlLabel(env.cluster.store, pos[0]!, pos[1]!, pos[2]!, { overwrite }), env);
    }
    case 'node': {
      if (rest[0] === 'status') {
        const down = birdDown(env);
        const r = nodeStatus({
          bird: { net: env.ctx.net, device: env.device, wall: (t) => env.wall(t) },
          felixRunning: true,
          birdRunning: down === undefined,
          bird6Running: true,
        });
        return { stdout: r.stdout, ...(r.stderr ? { stderr: r.stderr } : {}), code: r.code };
      }
      if (rest[0] === 'checksystem') return ok('Checking kernel version...\n\t\t5.15.0-119-generic\t\t\t\t\tOK\nChecking kernel modules...\nSystem meets minimum system requirements to run Calico!\n');
      return invalid(args);
    }
    case 'ipam': {
      if (rest[0] === 'show') return ipamShow(env, rest.includes('--show-blocks'));
      return invalid(args);
    }
    case 'version':
      return ok('Client Version:    v3.31.0\nGit commit:        b1f3c43f8\nCluster Version:   v3.31.0\nCluster Type:      k8s,bgp,kubeadm,kdd\n');
    default:
      return fail(`Invalid option: 'calicoctl ${args.join(' ')}'. Use flag '--help' to read about a specific subcommand.`, 1);
  }
};
