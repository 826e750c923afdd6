import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cli } from './cli.ts';
import type { ModeDef } from './cli.ts';
import { ifnameSupport } from './ifname.ts';
import type { CliStyle } from './style.ts';
import { FRR_STYLE, IOS_STYLE, VRP_STYLE } from './style.ts';
import { compileSpec } from './spec.ts';
import { splitWords, walk } from './matcher.ts';

interface Toy {
  mode: string;
  log: string[];
}

const ifn = ifnameSupport([
  { name: 'GigabitEthernet', help: 'GigabitEthernet IEEE 802.3z', num: /^\d+\/\d+\/\d+$/, numPartial: /^[\d/]*$/, numLabel: '<1-9>', numHelp: 'GigabitEthernet interface number' },
  { name: 'Loopback', help: 'Loopback interface', num: /^\d+$/, numLabel: '<0-2147483647>', numHelp: 'Loopback interface number' },
]);

const rec =
  (name: string) =>
  (a: { steps: readonly { value: string; node: { kind: string; text: string } }[] }, t: Toy): string => {
    t.log.push(`${name}:${a.steps.map((s) => (s.node.kind === 'kw' ? s.node.text : s.value)).join(',')}`);
    return `ran ${name}`;
  };

function toyModes(): ModeDef<Toy>[] {
  return [
    {
      id: 'exec',
      commands: [
        { spec: 'show ip bgp summary', run: rec('sum'), pipe: true },
        { spec: 'show ip bgp statistics', run: rec('stat') },
        { spec: 'show ip bgp [<A.B.C.D>$p]', run: rec('bgp'), pipe: true },
        { spec: 'show ip bgp neighbors [<A.B.C.D>$n [advertised-routes|received-routes]]', run: rec('nbr') },
        { spec: 'show interface [brief]', run: rec('intf') },
        { spec: 'show ip route [bgp]', run: rec('route') },
        { spec: 'configure terminal', run: (_a, t) => void (t.mode = 'config') },
        { spec: 'ping <A.B.C.D>$ip {source <A.B.C.D>$src|repeat <1-100>$n}', run: rec('ping') },
      ],
    },
    {
      id: 'config',
      doMode: 'exec',
      commands: [
        { spec: 'router bgp <1-4294967295>$asn', run: (_a, t) => void (t.mode = 'router') },
        { spec: 'interface <IFNAME>$if', run: (a, t) => void t.log.push(`if:${ifn.fromArgs(a, 'if')}`) },
        { spec: 'hostname <WORD>$name', run: rec('host') },
        { spec: 'end', run: (_a, t) => void (t.mode = 'exec') },
      ],
    },
    {
      id: 'router',
      parent: 'config',
      doMode: 'exec',
      commands: [
        { spec: '[no] neighbor <A.B.C.D>$peer remote-as <1-4294967295>$asn', run: rec('nbr-as') },
        { spec: 'neighbor <A.B.C.D>$peer description <LINE>$d', run: rec('desc') },
        { spec: 'exit', run: (_a, t) => void (t.mode = 'config') },
      ],
    },
  ];
}

const dictionary = {
  show: 'Show running system information',
  ip: 'IP information',
  bgp: 'BGP information',
  summary: 'Summary of BGP neighbor status',
  statistics: 'BGP RIB advertisement statistics',
  neighbors: 'Detailed information on TCP and BGP neighbor connections',
  interface: 'Interface status and configuration',
  route: 'IP routing table',
  configure: 'Enter configuration mode',
  terminal: 'Configure from the terminal',
  ping: 'Send echo messages',
  '<A.B.C.D>': 'IP address',
  ...ifn.dictionary,
};

function make(style: CliStyle): { cli: Cli<Toy>; toy: Toy; run(line: string, prompt?: string): string } {
  const cli = new Cli<Toy>({ style, modes: toyModes(), dictionary, types: ifn.types, macros: ifn.macro });
  const toy: Toy = { mode: 'exec', log: [] };
  return {
    cli,
    toy,
    run(line, prompt = 'R1#') {
      const r = cli.run(line, toy.mode, toy, prompt, (m) => (toy.mode = m));
      return r.kind === 'empty' ? '' : r.output;
    },
  };
}

describe('spec compiler', () => {
  it('compiles optional, alternative and repeated parts without errors', () => {
    for (const spec of ['a [b c] (d|e f)', 'ping <A.B.C.D> {source <A.B.C.D>|repeat <1-5>}', '[no] x <WORD>$w']) {
      expect(compileSpec(spec).errors).toEqual([]);
    }
    expect(compileSpec('a (b').errors.length).toBeGreaterThan(0);
    expect(compileSpec('[a]').errors.length).toBeGreaterThan(0);
  });

  it('the toy vendor has no spec errors', () => {
    expect(make(IOS_STYLE).cli.specErrors).toEqual([]);
  });
});

describe('abbreviations', () => {
  it.each([
    ['sh ip bgp sum', 'sum:show,ip,bgp,summary'],
    ['sh ip b 10.0.0.1', 'bgp:show,ip,bgp,10.0.0.1'],
    ['sh ip bgp nei 10.0.0.1 adv', 'nbr:show,ip,bgp,neighbors,10.0.0.1,advertised-routes'],
    ['ping 10.0.0.1 repeat 5 source 10.0.0.2', 'ping:ping,10.0.0.1,repeat,5,source,10.0.0.2'],
    ['SHOW IP BGP SUMMARY', 'sum:show,ip,bgp,summary'],
  ])('IOS %s', (line, logged) => {
    const t = make(IOS_STYLE);
    t.run(line);
    expect(t.toy.log).toEqual([logged]);
  });

  it('FRR runs the only complete command for "sh i" (show interface), IOS calls it ambiguous', () => {
    const f = make(FRR_STYLE);
    expect(f.run('sh i')).toBe('ran intf');
    const i = make(IOS_STYLE);
    expect(i.run('sh i')).toBe('% Ambiguous command:  "sh i"\n');
  });

  it('interface names: glued, abbreviated and two-word forms', () => {
    const t = make(IOS_STYLE);
    t.toy.mode = 'config';
    for (const l of ['int g1/0/1', 'interface GigabitEthernet1/0/2', 'int gi 1/0/3', 'int lo0', 'int loopback 1']) t.run(l);
    expect(t.toy.log).toEqual([
      'if:GigabitEthernet1/0/1',
      'if:GigabitEthernet1/0/2',
      'if:GigabitEthernet1/0/3',
      'if:Loopback0',
      'if:Loopback1',
    ]);
  });
});

describe('errors, as each vendor prints them', () => {
  const cases: [CliStyle, string, string][] = [
    [IOS_STYLE, 'sh ip bgp sumary x', "             ^\n% Invalid input detected at '^' marker.\n"],
    [IOS_STYLE, 'show ip', '% Incomplete command.\n'],
    [IOS_STYLE, 'show ip bgp s', '% Ambiguous command:  "show ip bgp s"\n'],
    [IOS_STYLE, 'xyz', "   ^\n% Invalid input detected at '^' marker.\n"],
    [FRR_STYLE, 'xyz', '% Unknown command: xyz'],
    [FRR_STYLE, 'show ip', '% Command incomplete: show ip'],
    [FRR_STYLE, 'sh ip bgp s', '% Ambiguous command: sh ip bgp s'],
    [FRR_STYLE, 'show ip bgp summary foo', '% Unknown command: show ip bgp summary foo'],
    [VRP_STYLE, 'show ip bgp sumary', "               ^\nError: Unrecognized command found at '^' position."],
    [VRP_STYLE, 'show ip', "           ^\nError:Incomplete command found at '^' position."],
    [VRP_STYLE, 'show ip bgp s', "               ^\nError: Ambiguous command found at '^' position."],
    [VRP_STYLE, 'show interface brief x', "                        ^\nError:Too many parameters found at '^' position."],
    [VRP_STYLE, 'ping 300.1.1.1', "        ^\nError: Wrong parameter found at '^' position."],
  ];
  it.each(cases)('%s: %s', (style, line, expected) => {
    expect(make(style).run(line, 'R1#')).toBe(expected);
  });

  it('IOS caret counts the prompt', () => {
    const t = make(IOS_STYLE);
    expect(t.run('sh ipp', 'Switch#').split('\n')[0]).toBe(' '.repeat('Switch#sh '.length) + '^');
  });
});

describe('modes, do, parent fallback, pipes', () => {
  it('a global command in a sub-mode falls back to the parent and changes the mode', () => {
    const t = make(FRR_STYLE);
    t.run('configure terminal');
    t.run('router bgp 65000');
    expect(t.toy.mode).toBe('router');
    t.run('hostname R9');
    expect(t.toy.mode).toBe('config');
    expect(t.toy.log).toContain('host:hostname,R9');
  });

  it('do runs exec commands and keeps the mode', () => {
    const t = make(IOS_STYLE);
    t.toy.mode = 'router';
    expect(t.run('do sh ip bgp sum')).toBe('ran sum');
    expect(t.toy.mode).toBe('router');
  });

  it('pipes filter the output', () => {
    const t = make(IOS_STYLE);
    expect(t.run('show ip bgp summary | include ran')).toBe('ran sum');
    expect(t.run('show ip bgp summary | exclude ran')).toBe('');
    const f = make(FRR_STYLE);
    expect(f.run('show ip bgp summary | include x')).toBe('sh: 1: include: not found');
    expect(f.run('show ip bgp summary | grep ran')).toBe('ran sum');
  });

  it('no prefix', () => {
    const t = make(IOS_STYLE);
    t.toy.mode = 'router';
    t.run('no neighbor 10.0.0.1 remote-as 5');
    expect(t.toy.log).toEqual(['nbr-as:no,neighbor,10.0.0.1,remote-as,5']);
  });
});

describe('? help and Tab', () => {
  it('FRR lists next tokens sorted, <cr> first, width = longest token', () => {
    const t = make(FRR_STYLE);
    expect(t.cli.help('show ip bgp ', 'exec', 'R1# ')).toBe(
      [
        '  <cr>                  ',
        '  A.B.C.D     IP address',
        '  neighbors   Detailed information on TCP and BGP neighbor connections',
        '  statistics  BGP RIB advertisement statistics',
        '  summary     Summary of BGP neighbor status',
      ]
        .join('\n')
        .replace('  <cr>                  ', '  <cr>        '),
    );
  });

  it('partial-word help: FRR table, IOS one line', () => {
    expect(make(FRR_STYLE).cli.help('sh', 'exec', '')).toBe('  show  Show running system information');
    expect(make(IOS_STYLE).cli.help('show ip bgp s', 'exec', '')).toBe('statistics  summary  \n');
  });

  it('VRP lists arguments in its own notation and ends with <cr>', () => {
    const h = make(VRP_STYLE).cli.help('ping 10.0.0.1 repeat ', 'exec', '');
    expect(h).toBe('  INTEGER<1-100>  ');
    const h2 = make(VRP_STYLE).cli.help('show interface ', 'exec', '');
    expect(h2).toBe('  brief  \n  <cr>   Please press ENTER to execute command ');
  });

  it('IOS lists | and <cr> for show commands', () => {
    const h = make(IOS_STYLE).cli.help('show ip bgp summary ', 'exec', '');
    expect(h).toBe('  |  Output modifiers\n  <cr>\n');
  });

  it('help after a bad word is the vendor error', () => {
    expect(make(IOS_STYLE).cli.help('show foo ', 'exec', 'R1#')).toBe('% Unrecognized command');
    expect(make(FRR_STYLE).cli.help('show foo ', 'exec', 'R1#')).toBe('% There is no matched command.');
    expect(make(VRP_STYLE).cli.help('show foo ', 'exec', '<R1>')).toBe(
      "         ^\nError: Unrecognized command found at '^' position.",
    );
  });

  it('interface types are listed after interface', () => {
    const h = make(IOS_STYLE).cli.help('interface ', 'config', '');
    expect(h).toContain('GigabitEthernet  GigabitEthernet IEEE 802.3z');
    expect(h).toContain('Loopback         Loopback interface');
  });

  it('Tab completes unique prefixes', () => {
    const t = make(IOS_STYLE);
    expect(t.cli.complete('sh', 'exec').line).toBe('show ');
    expect(t.cli.complete('show ip bgp su', 'exec').line).toBe('show ip bgp summary ');
    expect(t.cli.complete('show ip bgp s', 'exec')).toEqual({ line: 'show ip bgp s', candidates: ['summary', 'statistics'] });
    const f = make(FRR_STYLE);
    expect(f.cli.complete('show ip bgp st', 'exec').line).toBe('show ip bgp statistics ');
    expect(f.cli.complete('conf', 'exec').line).toBe('configure ');
  });
});

describe('robustness', () => {
  const styles = [IOS_STYLE, FRR_STYLE, VRP_STYLE];
  const vocab = ['show', 'sh', 'ip', 'bgp', 'summary', 'neighbors', '10.0.0.1', '300.1.1.1', 'x', '|', 'include', 'do', 'no', 'interface', 'g1/0/1', 'route', '?', ''];
  it('random lines never throw and always answer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...styles),
        fc.constantFrom('exec', 'config', 'router'),
        fc.oneof(fc.string(), fc.array(fc.constantFrom(...vocab), { maxLength: 8 }).map((ws) => ws.join(' '))),
        (style, mode, line) => {
          const t = make(style);
          t.toy.mode = mode;
          const r = t.cli.run(line, mode, t.toy, 'R1#', () => {});
          expect(['empty', 'ok', 'error']).toContain(r.kind);
          expect(typeof t.cli.help(line, mode, 'R1#')).toBe('string');
          expect(typeof t.cli.complete(line, mode).line).toBe('string');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('walk handles the empty line', () => {
    expect(walk([], splitWords(''), '', { caseInsensitive: true }).frontier).toEqual([]);
  });
});
