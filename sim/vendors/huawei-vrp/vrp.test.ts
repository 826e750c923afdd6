import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectGolden } from '../../cli/golden.test.ts';
import { NULL_CONTEXT } from '../../cli/null-context.ts';
import { createHuaweiVrpFrontEnd, vrpCli } from './index.ts';
import { asPerRackLab } from './lab-fixture.ts';

const here = new URL('.', import.meta.url).pathname;
const R1 = readFileSync(`${here}testdata/R1.vrp`, 'utf8');
const R2 = readFileSync(`${here}testdata/R2.vrp`, 'utf8');

describe('VRP command declarations', () => {
  it('compile without errors', () => expect(vrpCli().specErrors).toEqual([]));
  it('every visible token has help text', () => {
    const missing = vrpCli()
      .allNodes()
      .filter((n) => !n.node.hidden && n.node.help === '')
      .map((n) => `${n.mode}: ${n.spec} [${n.node.text}]`);
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe('VRP startup configuration (lesson 6 R1/R2)', () => {
  it('replays without diagnostics', () => {
    for (const text of [R1, R2]) {
      const r = createHuaweiVrpFrontEnd({ device: 'R', ports: [0, 1, 2].map((n) => ({ name: `GigabitEthernet0/0/${n}` })), startupConfig: text });
      expect(r.diagnostics).toEqual([]);
    }
  });
  it('a pasted eNSP display current-configuration replays cleanly', () => {
    const a = createHuaweiVrpFrontEnd({ device: 'R1', ports: [0, 1, 2].map((n) => ({ name: `GigabitEthernet0/0/${n}` })), startupConfig: R1 }).frontEnd;
    const text = a.exec('display current-configuration', NULL_CONTEXT).output;
    const b = createHuaweiVrpFrontEnd({ device: 'R1', ports: [0, 1, 2].map((n) => ({ name: `GigabitEthernet0/0/${n}` })), startupConfig: text });
    expect(b.diagnostics).toEqual([]);
    expect(b.frontEnd.exec('display current-configuration', NULL_CONTEXT).output).toBe(text);
  });
  it('reports bad lines with line/column', () => {
    const r = createHuaweiVrpFrontEnd({ device: 'R', ports: [{ name: 'GigabitEthernet0/0/0' }], startupConfig: 'bgp 100\n peer 10.0.0.1 as-numbr 200\n peer 10.0.0.2\n' });
    expect(r.diagnostics.map((d) => [d.span?.line, d.span?.column, d.message.split(' (')[0]])).toEqual([
      [2, 16, "Error: Unrecognized command found at '^' position."],
      [3, 16, "Error:Incomplete command found at '^' position."],
    ]);
  });
});

describe('VRP errors (eNSP strings, caret under the offending position)', () => {
  const fe = () => createHuaweiVrpFrontEnd({ device: 'R1', hostname: 'R1', ports: [{ name: 'GigabitEthernet0/0/0' }] }).frontEnd;
  it.each([
    ['dis bgp peerx', "            ^\nError: Unrecognized command found at '^' position."],
    ['display', "            ^\nError:Incomplete command found at '^' position."],
    ['display ip interface brief extra', "                               ^\nError:Too many parameters found at '^' position."],
  ])('<R1>%s', (line, expected) => {
    expect(fe().exec(line, NULL_CONTEXT).output).toBe(expected);
  });
  it.each([
    ['i', "    ^\nError: Ambiguous command found at '^' position."],
    ['bgp 99999999999', "        ^\nError: Wrong parameter found at '^' position."],
  ])('[R1]%s', (line, expected) => {
    const f = fe();
    f.exec('system-view', NULL_CONTEXT);
    expect(f.exec(line, NULL_CONTEXT).output).toBe(expected);
  });
  it('system-view, wrong interface, incomplete ip address', () => {
    const f = fe();
    expect(f.exec('system-view', NULL_CONTEXT).output).toBe('Enter system view, return user view with Ctrl+Z.');
    expect(f.prompt()).toBe('[R1]');
    expect(f.exec('interface GigabitEthernet0/0/9', NULL_CONTEXT).output).toBe("              ^\nError: Wrong parameter found at '^' position.");
    f.exec('int g 0/0/0', NULL_CONTEXT);
    expect(f.prompt()).toBe('[R1-GigabitEthernet0/0/0]');
    expect(f.exec('ip address 119.1.1.2', NULL_CONTEXT).output).toBe(
      "                                              ^\nError:Incomplete command found at '^' position.",
    );
    expect(f.exec('ip address 119.1.1.0 24', NULL_CONTEXT).output).toBe('Error: The specified IP address is invalid.');
    f.exec('bgp 64512', NULL_CONTEXT);
    expect(f.prompt()).toBe('[R1-bgp]');
    f.exec('ipv4-family unicast', NULL_CONTEXT);
    expect(f.prompt()).toBe('[R1-bgp-af-ipv4]');
    f.exec('return', NULL_CONTEXT);
    expect(f.prompt()).toBe('<R1>');
  });
});

describe('VRP ? and Tab', () => {
  const fe = createHuaweiVrpFrontEnd({ device: 'R1', hostname: 'R1', ports: [{ name: 'GigabitEthernet0/0/0' }] }).frontEnd;
  it('lists arguments the VRP way and ends with <cr>', () => {
    fe.exec('system-view', NULL_CONTEXT);
    fe.exec('bgp 100', NULL_CONTEXT);
    const h = fe.help('peer 10.1.1.1 as-number ', NULL_CONTEXT);
    expect(h).toBe('  INTEGER<1-4294967295>  AS number');
    expect(fe.help('display bgp peer ', NULL_CONTEXT)).toContain('  <cr>              Please press ENTER to execute command ');
    expect(fe.help('display bgp peer ', NULL_CONTEXT)).toContain('  IP_ADDR<X.X.X.X>  IP address');
    expect(fe.complete('dis', NULL_CONTEXT).line).toBe('display ');
    expect(fe.complete('display bgp rou', NULL_CONTEXT).line).toBe('display bgp routing-table ');
  });
});

const SESSION = [
  'display bgp peer',
  'display bgp routing-table',
  'display bgp routing-table 10.244.107.192',
  'display bgp routing-table peer 192.168.219.10 advertised-routes',
  'display bgp routing-table peer 192.168.219.10 received-routes',
  'display ip routing-table',
  'display ip routing-table protocol bgp',
  'display ip routing-table 10.244.122.70',
  'display ip interface brief',
  'display current-configuration',
  'ping 192.168.219.20',
  'ping -a 10.30.81.118 192.168.219.20',
  'tracert -a 10.30.81.118 192.168.219.20',
  'display bgp ?',
  'dis bgp peerx',
  'system-view',
  'bgp 64512',
  'display this',
  'peer 10.30.81.127 ?',
  'quit',
  'ip ip-prefix K8S index 10 permit 10.244.0.0 16 greater-equal 26 less-equal 26',
  'route-policy FROM-R2 permit node 10',
  'if-match ip-prefix K8S',
  'apply local-preference 200',
  'quit',
  'bgp 64512',
  'ipv4-family unicast',
  'peer 192.168.219.10 route-policy FROM-R2 import',
  'display this',
  'return',
  'display bgp routing-table',
];

describe('VRP golden transcript (lesson 6 AS per rack on the engine)', () => {
  it('R1 session', () => {
    const lab = asPerRackLab(R1, R2);
    expectGolden(`${here}testdata/R1-session.golden.txt`, lab.transcript('R1', SESSION));
  });
  it('published results: every session up, rack-2 blocks via 192.168.219.10 over both links', () => {
    const lab = asPerRackLab(R1, R2);
    const out = lab.transcript('R1', ['display bgp peer', 'display ip routing-table protocol bgp']);
    expect(out.match(/Established/g)?.length).toBe(4);
    expect(out).toContain(' 10.244.107.192/26  EBGP    255  0          RD   192.168.219.10  GigabitEthernet0/0/0');
    expect(out).toContain('                    EBGP    255  0          RD   192.168.219.10  GigabitEthernet0/0/2');
    const r2 = lab.transcript('R2', ['display bgp routing-table']);
    expect(r2).toContain(' *>   10.244.235.192/26  10.30.81.118                          0      64512i');
  });
});

describe('VRP robustness', () => {
  it('random and mutated lines never throw and always answer', () => {
    const lab = asPerRackLab(R1, R2);
    const fe = lab.fes.get('R1')!;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...SESSION),
          fc.tuple(fc.constantFrom(...SESSION), fc.nat(40), fc.string({ maxLength: 4 })).map(([s, i, ins]) => s.slice(0, i % (s.length + 1)) + ins + s.slice(i % (s.length + 1))),
          fc.string(),
        ),
        fc.boolean(),
        (line, asHelp) => {
          const ctx = lab.ctx('R1');
          if (asHelp) expect(typeof fe.help(line, ctx)).toBe('string');
          else expect(typeof fe.exec(line, ctx).output).toBe('string');
          expect(typeof fe.complete(line, ctx).line).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
