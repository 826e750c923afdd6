import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectGolden } from '../../cli/golden.test.ts';
import { NULL_CONTEXT } from '../../cli/null-context.ts';
import { createCiscoIosFrontEnd, iosCli } from './index.ts';
import { LESSON4_TYPED, coreSwitchLab } from './lab-fixture.ts';

const here = new URL('.', import.meta.url).pathname;

describe('IOS command declarations', () => {
  it('compile without errors', () => expect(iosCli().specErrors).toEqual([]));
  it('every visible token has help text', () => {
    const missing = iosCli()
      .allNodes()
      .filter((n) => !n.node.hidden && n.node.help === '')
      .map((n) => `${n.mode}: ${n.spec} [${n.node.text}]`);
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe('IOS errors (caret under the word, counted from the prompt)', () => {
  const fe = () => createCiscoIosFrontEnd({ device: 'sw', hostname: 'Switch', ports: [{ name: 'GigabitEthernet1/0/1' }], privileged: true }).frontEnd;
  it.each([
    ['sh ip bgp sumary', "                 ^\n% Invalid input detected at '^' marker.\n"],
    ['show ip', '% Incomplete command.\n'],
    ['sh i', '% Ambiguous command:  "sh i"\n'],
    ['xyz', "       ^\n% Invalid input detected at '^' marker.\n"],
  ])('Switch#%s', (line, expected) => {
    expect(fe().exec(line, NULL_CONTEXT).output).toBe(expected);
  });
  it('config-mode messages', () => {
    const f = fe();
    expect(f.exec('conf t', NULL_CONTEXT).output).toBe('Enter configuration commands, one per line.  End with CNTL/Z.');
    expect(f.prompt()).toBe('Switch(config)#');
    expect(f.exec('router bgp 64512', NULL_CONTEXT).output).toBe('% IP routing not enabled');
    f.exec('ip routing', NULL_CONTEXT);
    f.exec('router bgp 64512', NULL_CONTEXT);
    expect(f.prompt()).toBe('Switch(config-router)#');
    expect(f.exec('neighbor 10.0.0.1 route-reflector-client', NULL_CONTEXT).output).toBe('% Specify remote-as or peer-group commands first');
    f.exec('neighbor 10.0.0.2 remote-as 65000', NULL_CONTEXT);
    expect(f.exec('neighbor 10.0.0.2 route-reflector-client', NULL_CONTEXT).output).toBe('% Invalid command. Not an internal neighbor');
    expect(f.exec('router bgp 65001', NULL_CONTEXT).output).toBe('% BGP is already running; AS is 64512');
    f.exec('interface g1/0/1', NULL_CONTEXT);
    expect(f.prompt()).toBe('Switch(config-if)#');
    expect(f.exec('ip address 10.1.1.1 255.255.255.0', NULL_CONTEXT).output).toBe('% IP addresses may not be configured on L2 links.');
    f.exec('no switchport', NULL_CONTEXT);
    expect(f.exec('ip address 10.1.1.0 255.255.255.0', NULL_CONTEXT).output).toBe('Bad mask /24 for address 10.1.1.0');
    expect(f.exec('do show ip bgp summary', NULL_CONTEXT).output).toContain('BGP router identifier');
    expect(f.exec('ip prefix-list X permit 10.0.0.0/8 le 4', NULL_CONTEXT).output).toBe('% Invalid prefix range for 10.0.0.0/8, make sure: len < ge-value <= le-value');
    expect(f.prompt()).toBe('Switch(config)#');
    f.interrupt();
    expect(f.prompt()).toBe('Switch#');
  });
  it('user EXEC has no show running-config; enable leads to #', () => {
    const f = createCiscoIosFrontEnd({ device: 'sw', ports: [{ name: 'GigabitEthernet1/0/1' }] }).frontEnd;
    expect(f.prompt()).toBe('Switch>');
    expect(f.exec('show running-config', NULL_CONTEXT).output).toBe("            ^\n% Invalid input detected at '^' marker.\n");
    f.exec('en', NULL_CONTEXT);
    expect(f.prompt()).toBe('Switch#');
  });
});

describe('IOS ? and Tab', () => {
  const f = createCiscoIosFrontEnd({ device: 'sw', ports: [{ name: 'GigabitEthernet1/0/1' }], privileged: true }).frontEnd;
  it('partial and full help', () => {
    expect(f.help('sh', NULL_CONTEXT)).toBe('show  \n');
    expect(f.help('show ip bgp ', NULL_CONTEXT)).toContain('  neighbors   Detailed information on TCP and BGP neighbor connections');
    expect(f.help('show ip bgp ', NULL_CONTEXT)).toContain('  |           Output modifiers\n  <cr>\n');
    expect(f.help('show foo ', NULL_CONTEXT)).toBe('% Unrecognized command');
    expect(f.complete('conf', NULL_CONTEXT).line).toBe('configure ');
    expect(f.complete('sh ip b su', NULL_CONTEXT).line).toBe('sh ip b summary ');
  });
});

describe('IOS lesson 4 (core switch peering with the RR masters)', () => {
  it('typed configuration brings the three iBGP sessions up; golden transcript', () => {
    const lab = coreSwitchLab();
    const out = lab.transcript('core-sw', [
      ...LESSON4_TYPED,
      'show ip bgp summary',
      'show ip bgp',
      'show ip bgp 172.15.190.0',
      'show ip route',
      'show ip route bgp',
      'show ip route 172.15.190.2',
      'show ip interface brief',
      'show interfaces status',
      'show vlan brief',
      'show running-config',
      'show running-config | section bgp',
      'show ip bgp neighbors 192.168.83.36',
      'show ip bgp neighbors 192.168.83.36 routes',
      'ping 172.15.190.1',
      'ping 192.168.83.36',
      'traceroute 192.168.83.49',
      'write memory',
      'copy running-config startup-config',
    ]);
    expect(out.match(/^192\.168\.83\.\d+\s+4\s+64512 .* 00:0\d:\d\d\s+1$/gm)?.length).toBe(3);
    expectGolden(`${here}testdata/core-sw-session.golden.txt`, out);
  });
  it('show running-config replays as a startup-config to the same state', () => {
    const lab = coreSwitchLab();
    const text = lab.transcript('core-sw', [...LESSON4_TYPED, 'show running-config']).split('core-sw#show running-config\n')[1]!;
    const b = createCiscoIosFrontEnd({ device: 'core-sw', ports: [{ name: 'GigabitEthernet1/0/1', segment: 'lan83' }, { name: 'GigabitEthernet1/0/2' }, { name: 'GigabitEthernet1/0/3' }], startupConfig: text, privileged: true });
    expect(b.diagnostics).toEqual([]);
    const again = b.frontEnd.exec('show running-config', NULL_CONTEXT).output;
    expect(again.replace(/^!\n! Last configuration change.*\n!\n/m, '!\n').replace(/\d+ bytes/, 'N bytes').trimEnd()).toBe(
      text.replace(/^!\n! Last configuration change.*\n!\n/m, '!\n').replace(/\d+ bytes/, 'N bytes').trimEnd(),
    );
  });
});

describe('IOS robustness', () => {
  it('random and mutated lines never throw and always answer', () => {
    const lab = coreSwitchLab();
    lab.transcript('core-sw', LESSON4_TYPED);
    const fe = lab.fes.get('core-sw')!;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...LESSON4_TYPED),
          fc.tuple(fc.constantFrom(...LESSON4_TYPED), fc.nat(40), fc.string({ maxLength: 4 })).map(([s, i, ins]) => s.slice(0, i % (s.length + 1)) + ins + s.slice(i % (s.length + 1))),
          fc.string(),
        ),
        fc.boolean(),
        (line, asHelp) => {
          const ctx = lab.ctx('core-sw');
          if (asHelp) expect(typeof fe.help(line, ctx)).toBe('string');
          else expect(typeof fe.exec(line, ctx).output).toBe('string');
          expect(typeof fe.complete(line, ctx).line).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
