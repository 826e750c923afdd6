import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyCompletion,
  decodeInput,
  initialState,
  render,
  step,
  withLine,
  type EditorRequest,
  type EditorState,
} from './line-editor.ts';

const router = { questionHelp: true };
const shell = { questionHelp: false };

/** Feeds raw terminal input through decode + step, collecting requests. */
function type(data: string, options = router, start: EditorState = initialState()) {
  let state = start;
  const requests: EditorRequest[] = [];
  for (const key of decodeInput(data)) {
    const r = step(state, key, options);
    state = r.state;
    requests.push(...r.requests);
  }
  return { state, requests };
}

describe('decodeInput', () => {
  it('keeps printable runs together and splits control keys', () => {
    expect(decodeInput('show ip\r')).toEqual([
      { type: 'text', text: 'show ip' },
      { type: 'key', name: 'enter' },
    ]);
  });
  it('decodes arrows, Home/End variants and Delete', () => {
    const names = decodeInput('\x1b[D\x1b[C\x1b[A\x1b[B\x1b[H\x1bOF\x1b[1~\x1b[4~\x1b[3~').map((k) =>
      k.type === 'key' ? k.name : k.text,
    );
    expect(names).toEqual(['left', 'right', 'up', 'down', 'home', 'end', 'home', 'end', 'delete']);
  });
  it('treats CR LF as one Enter and drops bracketed-paste markers', () => {
    const keys = decodeInput('\x1b[200~a\r\nb\n\x1b[201~');
    expect(keys).toEqual([
      { type: 'text', text: 'a' },
      { type: 'key', name: 'enter' },
      { type: 'text', text: 'b' },
      { type: 'key', name: 'enter' },
    ]);
  });
  it('skips unknown escape sequences instead of inserting them', () => {
    expect(decodeInput('\x1b[15~x')).toEqual([{ type: 'text', text: 'x' }]);
  });
});

describe('editing', () => {
  it('moves the cursor and inserts in the middle', () => {
    const { state } = type('shw\x1b[Do');
    expect(state.line).toBe('show');
    expect(state.cursor).toBe(3);
  });
  it('Home/End and Ctrl-A/Ctrl-E', () => {
    expect(type('abc\x1b[H').state.cursor).toBe(0);
    expect(type('abc\x01').state.cursor).toBe(0);
    expect(type('abc\x01\x05').state.cursor).toBe(3);
    expect(type('abc\x01\x1b[F').state.cursor).toBe(3);
  });
  it('Backspace and Delete', () => {
    expect(type('abc\x7f').state.line).toBe('ab');
    expect(type('abc\x01\x1b[3~').state.line).toBe('bc');
    expect(type('\x7f').requests).toEqual([{ kind: 'bell' }]);
    expect(type('abc\x1b[3~').state.line).toBe('abc');
  });
  it('Ctrl-K kills to end, Ctrl-U to start, Ctrl-W the word before the cursor', () => {
    expect(type('show ip bgp\x1b[D\x1b[D\x1b[D\x0b').state.line).toBe('show ip ');
    const u = type('show ip bgp\x1b[D\x1b[D\x1b[D\x15').state;
    expect([u.line, u.cursor]).toEqual(['bgp', 0]);
    const w = type('show ip bgp  \x17').state;
    expect([w.line, w.cursor]).toEqual(['show ip ', 8]);
  });
  it('Enter submits the whole line even with the cursor in the middle', () => {
    const r = type('show bgp\x01\r');
    expect(r.requests).toEqual([{ kind: 'submit', line: 'show bgp' }]);
    expect(r.state.line).toBe('');
  });
  it('a multi-line paste submits each line in order', () => {
    const r = type('conf t\nrouter bgp 65001\n');
    expect(r.requests).toEqual([
      { kind: 'submit', line: 'conf t' },
      { kind: 'submit', line: 'router bgp 65001' },
    ]);
  });
});

describe('history', () => {
  it('Up/Down browse history and restore the draft', () => {
    let r = type('one\rtwo\rdra');
    expect(r.state.history).toEqual(['one', 'two']);
    r = type('\x1b[A', router, r.state);
    expect(r.state.line).toBe('two');
    r = type('\x1b[A', router, r.state);
    expect(r.state.line).toBe('one');
    r = type('\x1b[A', router, r.state);
    expect(r.requests).toEqual([{ kind: 'bell' }]);
    r = type('\x1b[B\x1b[B', router, r.state);
    expect(r.state.line).toBe('dra');
  });
  it('skips blank lines and immediate duplicates, keeps a bounded history', () => {
    let state = initialState();
    for (const l of ['a', 'a', '  ', 'b']) state = step(withLine(state, l), { type: 'key', name: 'enter' }, router).state;
    expect(state.history).toEqual(['a', 'b']);
    const limited = { questionHelp: true, historyLimit: 2 };
    for (const l of ['c', 'd']) state = step(withLine(state, l), { type: 'key', name: 'enter' }, limited).state;
    expect(state.history).toEqual(['c', 'd']);
  });
});

describe('Tab, ?, Ctrl-C, Ctrl-L', () => {
  it('Tab asks for completion of the text before the cursor; a second Tab is a repeat', () => {
    let r = type('sh ip\t');
    expect(r.requests).toEqual([{ kind: 'complete', line: 'sh ip', repeat: false }]);
    r = type('\t', router, r.state);
    expect(r.requests).toEqual([{ kind: 'complete', line: 'sh ip', repeat: true }]);
  });
  it('applyCompletion replaces the text before the cursor and keeps the rest', () => {
    const s = withLine(initialState(), 'sh ip x', 5);
    const { state, changed } = applyCompletion(s, 'show ip ');
    expect(changed).toBe(true);
    expect([state.line, state.cursor]).toEqual(['show ip  x', 8]);
    expect(applyCompletion(s, 'sh ip').changed).toBe(false);
  });
  it('? on a router asks for help and keeps the line as typed', () => {
    const r = type('show ?');
    expect(r.requests).toEqual([{ kind: 'help', line: 'show ' }]);
    expect(r.state.line).toBe('show ');
  });
  it('? in a shell is a literal character', () => {
    const r = type('echo a?b', shell);
    expect(r.requests).toEqual([]);
    expect(r.state.line).toBe('echo a?b');
  });
  it('Ctrl-C interrupts and clears the line; Ctrl-L clears the screen', () => {
    const r = type('conf t\x03');
    expect(r.requests).toEqual([{ kind: 'interrupt', line: 'conf t' }]);
    expect(r.state.line).toBe('');
    expect(type('x\x0c').requests).toEqual([{ kind: 'clear-screen' }]);
  });
});

describe('render', () => {
  it('redraws prompt and line and puts the cursor back', () => {
    const s = withLine(initialState(), 'show', 2);
    const r = render('R1# ', s, 80, 0);
    expect(r.output).toBe('\r\x1b[JR1# show\r\x1b[6C');
    expect(r.cursorRow).toBe(0);
  });
  it('handles wrapped lines: moves up from the previous cursor row first', () => {
    const s = withLine(initialState(), 'x'.repeat(15), 15);
    const r = render('R# ', s, 10, 0); // 18 cells: rows 0..1, cursor at row 1 col 8
    expect(r.cursorRow).toBe(1);
    const again = render('R# ', withLine(s, s.line, 0), 10, r.cursorRow);
    expect(again.output.startsWith('\x1b[1A\r\x1b[J')).toBe(true);
    expect(again.cursorRow).toBe(0);
    expect(again.output.endsWith('\x1b[1A\r\x1b[3C')).toBe(true);
  });
  it('forces the wrap when the line exactly fills a row', () => {
    const r = render('R# ', withLine(initialState(), 'x'.repeat(7)), 10, 0);
    expect(r.output).toContain(' \r\x1b[K');
    expect(r.cursorRow).toBe(1);
  });
  it('property: the cursor stays within the line whatever keys are pressed', () => {
    const keyArb = fc.constantFrom('a', ' ', '\x1b[D', '\x1b[C', '\x01', '\x05', '\x0b', '\x15', '\x17', '\x7f', '\x1b[3~', '\x1b[A', '\x1b[B', '\r');
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 60 }), (keys) => {
        const { state } = type(keys.join(''), shell);
        return state.cursor >= 0 && state.cursor <= state.line.length;
      }),
    );
  });
});
