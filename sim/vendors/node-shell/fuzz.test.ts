// Whatever a learner types, the shell answers: no throw, a string back, the prompt intact.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../lab/create-lab.ts';
import { parseYaml, toPlain } from '../calico/yaml/source.ts';
import { registerCalicoLab } from './register.ts';

registerCalicoLab();

const files = (toPlain(parseYaml(readFileSync(join(__dirname, 'testdata', 'transcripts', '07-blocked-bgp.yaml'), 'utf8')).docs[0]!.root) as { files: Record<string, string> }).files;

const COMMANDS = [
  'calicoctl', 'kubectl', 'birdcl', 'ip', 'ping', 'traceroute', 'curl', 'dig', 'iptables', 'tcpdump', 'systemctl', 'sv',
  'kill', 'pkill', 'pidof', 'grep', 'head', 'tail', 'wc', 'sort', 'awk', 'cut', 'cat', 'echo', 'tee', 'ls', 'rm', 'sleep',
  'hostname', 'date', 'ps', 'nslookup', 'watch', 'clear', 'foo', 'sudo', 'exit',
];
const WORDS = [
  'get', 'apply', 'create', 'replace', 'delete', 'patch', 'label', 'node', 'nodes', 'status', 'ipam', 'show', 'bgppeer', 'bgpconfig',
  'ippool', 'pods', 'svc', 'ds', 'calico-node', '-n', 'kube-system', '-A', '-o', 'yaml', 'json', 'wide', '-f', '-', 'x.yaml',
  'protocols', 'route', 'all', 'for', 'addr', 'link', 'set', 'dev', 'eth0', 'down', 'up', '-c', '1', '2', '-i', '-D', 'INPUT',
  '-L', '-S', '-F', '-p', 'tcp', '--dport', '179', '-j', 'DROP', 'bird', 'stop', 'start', '-9', 'n1', 'n2', '10.0.0.12',
  '10.0.0.11', '8.8.8.8', '@10.0.0.11', '-x', '+short', 'http://10.0.0.12:8080/', "'{\"spec\":{}}'", '-p', 'x=y', '--overwrite',
  '"a b"', "'!has(x)'", '$(pidof bird)', '$(', ')', '|', '||', '&&', ';', '>', '2>&1', '2>/dev/null', '<<EOF', "'", '"', '\\',
  'port', 'and', 'host', '--show-labels', '-l', 'a=b', 'rollout', 'restart', 'env', 'IP_AUTODETECTION_METHOD=interface=eth0',
];

describe('the node shell never throws', () => {
  it('random command lines on nodes and the VM', () => {
    const { lab } = createLab({ files });
    expect(lab).toBeDefined();
    fc.assert(
      fc.property(
        fc.constantFrom('n1', 'n2', 'vm'),
        fc.constantFrom(...COMMANDS),
        fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 7 }),
        (device, cmd, args) => {
          const line = [cmd, ...args].join(' ');
          const r = lab!.exec(device, line);
          expect(typeof r.output).toBe('string');
          expect(typeof lab!.prompt(device)).toBe('string');
          // Leave a pending here-document if one was opened.
          if (lab!.prompt(device) === '> ') lab!.exec(device, 'EOF');
        },
      ),
      { numRuns: 500, seed: 4242 },
    );
  }, 120_000);
});
