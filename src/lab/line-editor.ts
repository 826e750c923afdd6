// A pure line editor for the lab terminals: keystrokes in, new state + requests out.
// No DOM, no xterm: the terminal adapter (terminal-pane.ts) feeds it keys, performs the
// requests it returns (run the line, Tab completion, `?` help, Ctrl-C) and writes the screen
// text it renders. Being pure lets us unit-test every key and reuse it for any terminal.

export interface EditorState {
  readonly line: string;
  readonly cursor: number;
  /** Submitted lines, oldest first. */
  readonly history: readonly string[];
  /** Index into history while browsing with Up/Down; history.length = the live draft. */
  readonly historyIndex: number;
  /** The line being typed before the learner started browsing history. */
  readonly draft: string;
  /** True right after a Tab that could not complete (a second Tab lists candidates). */
  readonly lastWasTab: boolean;
}

/** Everything a key can do beyond editing the line; the adapter carries these out in order. */
export type EditorRequest =
  | { readonly kind: 'submit'; readonly line: string }
  | { readonly kind: 'complete'; readonly line: string; readonly repeat: boolean }
  | { readonly kind: 'help'; readonly line: string }
  | { readonly kind: 'interrupt'; readonly line: string }
  | { readonly kind: 'clear-screen' }
  | { readonly kind: 'bell' };

export type Key =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'key';
      readonly name:
        | 'enter' | 'backspace' | 'delete' | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
        | 'tab' | 'help' | 'ctrl-a' | 'ctrl-e' | 'ctrl-k' | 'ctrl-u' | 'ctrl-w' | 'ctrl-c'
        | 'ctrl-l' | 'ctrl-d' | 'word-left' | 'word-right';
    };

export interface EditorOptions {
  /** Routers answer `?` at once (help, then the same line again); shells insert a literal `?`. */
  readonly questionHelp: boolean;
  /** How many lines of history to keep. */
  readonly historyLimit?: number;
}

export interface StepResult {
  readonly state: EditorState;
  readonly requests: readonly EditorRequest[];
}

export function initialState(history: readonly string[] = []): EditorState {
  return { line: '', cursor: 0, history, historyIndex: history.length, draft: '', lastWasTab: false };
}

// --- input decoding -------------------------------------------------------------------------

const ESCAPES: Record<string, Key & { type: 'key' }> = {
  '\x1b[A': { type: 'key', name: 'up' },
  '\x1bOA': { type: 'key', name: 'up' },
  '\x1b[B': { type: 'key', name: 'down' },
  '\x1bOB': { type: 'key', name: 'down' },
  '\x1b[C': { type: 'key', name: 'right' },
  '\x1bOC': { type: 'key', name: 'right' },
  '\x1b[D': { type: 'key', name: 'left' },
  '\x1bOD': { type: 'key', name: 'left' },
  '\x1b[H': { type: 'key', name: 'home' },
  '\x1bOH': { type: 'key', name: 'home' },
  '\x1b[1~': { type: 'key', name: 'home' },
  '\x1b[7~': { type: 'key', name: 'home' },
  '\x1b[F': { type: 'key', name: 'end' },
  '\x1bOF': { type: 'key', name: 'end' },
  '\x1b[4~': { type: 'key', name: 'end' },
  '\x1b[8~': { type: 'key', name: 'end' },
  '\x1b[3~': { type: 'key', name: 'delete' },
  '\x1b[1;5D': { type: 'key', name: 'word-left' },
  '\x1b[1;5C': { type: 'key', name: 'word-right' },
  '\x1bb': { type: 'key', name: 'word-left' },
  '\x1bf': { type: 'key', name: 'word-right' },
};

const CONTROLS: Record<string, Key & { type: 'key' }> = {
  '\r': { type: 'key', name: 'enter' },
  '\n': { type: 'key', name: 'enter' },
  '\x7f': { type: 'key', name: 'backspace' },
  '\x08': { type: 'key', name: 'backspace' },
  '\t': { type: 'key', name: 'tab' },
  '\x01': { type: 'key', name: 'ctrl-a' },
  '\x02': { type: 'key', name: 'left' }, // Ctrl-B
  '\x03': { type: 'key', name: 'ctrl-c' },
  '\x04': { type: 'key', name: 'ctrl-d' },
  '\x05': { type: 'key', name: 'ctrl-e' },
  '\x06': { type: 'key', name: 'right' }, // Ctrl-F
  '\x0b': { type: 'key', name: 'ctrl-k' },
  '\x0c': { type: 'key', name: 'ctrl-l' },
  '\x0e': { type: 'key', name: 'down' }, // Ctrl-N
  '\x10': { type: 'key', name: 'up' }, // Ctrl-P
  '\x15': { type: 'key', name: 'ctrl-u' },
  '\x17': { type: 'key', name: 'ctrl-w' },
};

/**
 * Splits what the terminal sends (one key, an escape sequence, or a whole paste) into keys.
 * Runs of printable characters stay together as one text key; CR LF counts as one Enter, so a
 * pasted block runs line by line. Bracketed-paste markers are dropped.
 */
export function decodeInput(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const flush = () => {
    if (text) keys.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < data.length) {
    const ch = data[i]!;
    if (ch === '\x1b') {
      flush();
      if (data.startsWith('\x1b[200~', i) || data.startsWith('\x1b[201~', i)) {
        i += 6;
        continue;
      }
      const seq = Object.keys(ESCAPES)
        .filter((s) => data.startsWith(s, i))
        .sort((a, b) => b.length - a.length)[0];
      if (seq) {
        keys.push(ESCAPES[seq]!);
        i += seq.length;
      } else {
        // Unknown escape sequence: skip ESC [ params final-byte so it never lands in the line.
        const m = /^\x1b\[[0-9;]*[ -/]*[@-~]|^\x1b./.exec(data.slice(i));
        i += m ? m[0].length : 1;
      }
      continue;
    }
    const control = CONTROLS[ch];
    if (control) {
      flush();
      keys.push(control);
      i += ch === '\r' && data[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch < ' ') {
      i++; // other control characters are ignored
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return keys;
}

// --- editing --------------------------------------------------------------------------------

const set = (s: EditorState, patch: Partial<EditorState>): EditorState => ({ ...s, lastWasTab: false, ...patch });

function wordStartBefore(line: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && line[i - 1] === ' ') i--;
  while (i > 0 && line[i - 1] !== ' ') i--;
  return i;
}

function wordEndAfter(line: string, cursor: number): number {
  let i = cursor;
  while (i < line.length && line[i] === ' ') i++;
  while (i < line.length && line[i] !== ' ') i++;
  return i;
}

function insert(s: EditorState, text: string): EditorState {
  return set(s, { line: s.line.slice(0, s.cursor) + text + s.line.slice(s.cursor), cursor: s.cursor + text.length });
}

function pushHistory(history: readonly string[], line: string, limit: number): readonly string[] {
  if (!line.trim() || history[history.length - 1] === line) return history;
  const next = [...history, line];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** Applies one key. Pure: same state + key → same result. */
export function step(s: EditorState, key: Key, options: EditorOptions): StepResult {
  const none = (state: EditorState): StepResult => ({ state, requests: [] });
  if (key.type === 'text') {
    if (!options.questionHelp || !key.text.includes('?')) return none(insert(s, key.text));
    // `?` on a router: the text before it is inserted, then help is asked for the line so far.
    const results: EditorRequest[] = [];
    let state = s;
    const parts = key.text.split('?');
    parts.forEach((part, idx) => {
      if (part) state = insert(state, part);
      if (idx < parts.length - 1) results.push({ kind: 'help', line: state.line.slice(0, state.cursor) });
    });
    return { state, requests: results };
  }
  const { line, cursor } = s;
  switch (key.name) {
    case 'help':
      return { state: set(s, {}), requests: [{ kind: 'help', line: line.slice(0, cursor) }] };
    case 'enter': {
      const history = pushHistory(s.history, line, options.historyLimit ?? 200);
      return {
        state: { line: '', cursor: 0, history, historyIndex: history.length, draft: '', lastWasTab: false },
        requests: [{ kind: 'submit', line }],
      };
    }
    case 'backspace':
      if (cursor === 0) return { state: set(s, {}), requests: [{ kind: 'bell' }] };
      return none(set(s, { line: line.slice(0, cursor - 1) + line.slice(cursor), cursor: cursor - 1 }));
    case 'delete':
    case 'ctrl-d':
      if (cursor >= line.length) return none(set(s, {}));
      return none(set(s, { line: line.slice(0, cursor) + line.slice(cursor + 1) }));
    case 'left':
      return none(set(s, { cursor: Math.max(0, cursor - 1) }));
    case 'right':
      return none(set(s, { cursor: Math.min(line.length, cursor + 1) }));
    case 'home':
    case 'ctrl-a':
      return none(set(s, { cursor: 0 }));
    case 'end':
    case 'ctrl-e':
      return none(set(s, { cursor: line.length }));
    case 'word-left':
      return none(set(s, { cursor: wordStartBefore(line, cursor) }));
    case 'word-right':
      return none(set(s, { cursor: wordEndAfter(line, cursor) }));
    case 'ctrl-k':
      return none(set(s, { line: line.slice(0, cursor) }));
    case 'ctrl-u':
      return none(set(s, { line: line.slice(cursor), cursor: 0 }));
    case 'ctrl-w': {
      const start = wordStartBefore(line, cursor);
      return none(set(s, { line: line.slice(0, start) + line.slice(cursor), cursor: start }));
    }
    case 'up': {
      if (s.historyIndex === 0) return { state: set(s, {}), requests: [{ kind: 'bell' }] };
      const draft = s.historyIndex === s.history.length ? line : s.draft;
      const next = s.history[s.historyIndex - 1]!;
      return none(set(s, { line: next, cursor: next.length, historyIndex: s.historyIndex - 1, draft }));
    }
    case 'down': {
      if (s.historyIndex >= s.history.length) return { state: set(s, {}), requests: [{ kind: 'bell' }] };
      const index = s.historyIndex + 1;
      const next = index === s.history.length ? s.draft : s.history[index]!;
      return none(set(s, { line: next, cursor: next.length, historyIndex: index }));
    }
    case 'tab':
      return {
        state: { ...s, lastWasTab: true },
        requests: [{ kind: 'complete', line: line.slice(0, cursor), repeat: s.lastWasTab }],
      };
    case 'ctrl-c':
      return {
        state: { ...s, line: '', cursor: 0, historyIndex: s.history.length, draft: '', lastWasTab: false },
        requests: [{ kind: 'interrupt', line }],
      };
    case 'ctrl-l':
      return { state: set(s, {}), requests: [{ kind: 'clear-screen' }] };
  }
}

/**
 * Applies a Tab completion answer: `completed` replaces the text before the cursor, the text
 * after it is kept. Returns the state and whether the line changed (if not, the adapter may list
 * the candidates on a repeated Tab).
 */
export function applyCompletion(s: EditorState, completed: string): { state: EditorState; changed: boolean } {
  const before = s.line.slice(0, s.cursor);
  if (completed === before) return { state: s, changed: false };
  const rest = s.line.slice(s.cursor);
  return {
    state: { ...s, line: completed + rest, cursor: completed.length, lastWasTab: false },
    changed: true,
  };
}

/** Replaces the line (e.g. restoring the text after `?` help output). */
export function withLine(s: EditorState, line: string, cursor = line.length): EditorState {
  return { ...s, line, cursor: Math.max(0, Math.min(cursor, line.length)) };
}

// --- rendering ------------------------------------------------------------------------------

/** Display width of text, counting each code point as one cell (CLI text is ASCII). */
const width = (text: string): number => [...text].length;

/**
 * Where the cursor sits for a prompt+line of `total` cells with the cursor at `at` cells, in a
 * terminal `cols` wide. A line that exactly fills its last row leaves the cursor on that row's
 * last cell (pending wrap); render() forces the wrap so this stays simple.
 */
function rowOf(at: number, cols: number): number {
  return Math.floor(at / cols);
}

export interface RenderedLine {
  /** Terminal output that redraws prompt + line and places the cursor. */
  readonly output: string;
  /** Cursor row (relative to the prompt's first row) after the redraw, for the next redraw. */
  readonly cursorRow: number;
}

/**
 * Escape sequences that redraw `prompt + state.line` from the start of the prompt and leave the
 * cursor at `state.cursor`, handling wrapped lines. `prevCursorRow` is the row the cursor was on
 * after the previous render (0 for a fresh prompt).
 */
export function render(prompt: string, s: EditorState, cols: number, prevCursorRow: number): RenderedLine {
  const c = Math.max(1, cols);
  let out = '';
  if (prevCursorRow > 0) out += `\x1b[${prevCursorRow}A`;
  out += '\r\x1b[J' + prompt + s.line;
  const total = width(prompt) + width(s.line);
  let endRow = rowOf(total, c);
  if (total > 0 && total % c === 0) {
    // Exactly filled: force the wrap so the cursor is on the next row, column 0.
    out += ' \r\x1b[K';
  } else if (total > 0 && total % c !== 0) {
    endRow = rowOf(total, c);
  }
  const at = width(prompt) + width(s.line.slice(0, s.cursor));
  const row = rowOf(at, c);
  const col = at % c;
  if (endRow > row) out += `\x1b[${endRow - row}A`;
  out += col === 0 ? '\r' : `\r\x1b[${col}C`;
  return { output: out, cursorRow: row };
}
