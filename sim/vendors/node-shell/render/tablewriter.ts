// olekukonko/tablewriter v0.0.5 as calicoctl uses it: upper-cased centred headers, cells
// left-aligned (numbers right-aligned), `+---+` borders, no row separators, and automatic
// minimum-raggedness wrapping of cells wider than 30 characters (wrap.go WrapString).

const MAX_ROW_WIDTH = 30;
const PENALTY = 1e5;

/** wrap.go WrapWords: minimal raggedness line breaking. */
export function wrapWords(words: readonly string[], lim: number): string[][] {
  const n = words.length;
  const length: number[][] = [];
  for (let i = 0; i < n; i++) {
    length.push(new Array<number>(n).fill(0));
    length[i]![i] = words[i]!.length;
    for (let j = i + 1; j < n; j++) length[i]![j] = length[i]![j - 1]! + 1 + words[j]!.length;
  }
  const nbrk = new Array<number>(n).fill(0);
  const cost = new Array<number>(n).fill(2147483647);
  for (let i = n - 1; i >= 0; i--) {
    if (length[i]![n - 1]! <= lim) {
      cost[i] = 0;
      nbrk[i] = n;
    } else {
      for (let j = i + 1; j < n; j++) {
        const d = lim - length[i]![j - 1]!;
        let c = d * d + cost[j]!;
        if (length[i]![j - 1]! > lim) c += PENALTY;
        if (c < cost[i]!) {
          cost[i] = c;
          nbrk[i] = j;
        }
      }
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; ) {
    lines.push(words.slice(i, nbrk[i]));
    i = nbrk[i]!;
  }
  return lines;
}

export function wrapString(s: string, lim = MAX_ROW_WIDTH): string[] {
  const words = s.replace(/\n/g, ' ').split(' ');
  let l = lim;
  for (const w of words) if (w.length > l) l = w.length;
  return wrapWords(words, l).map((ws) => ws.join(' '));
}

function title(h: string): string {
  const t = h.replace(/_/g, ' ').replace(/\./g, ' ').trim();
  return (t === '' && h.length > 0 ? ' ' : t).toUpperCase();
}

function center(s: string, w: number): string {
  const gap = w - s.length;
  const left = Math.floor(gap / 2);
  return ' '.repeat(Math.max(0, left)) + s + ' '.repeat(Math.max(0, gap - left));
}

const DECIMAL = /^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$/;
const PERCENT = /^-?\d+\.?\d*%$/;

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map(title);
  const cells = rows.map((r) => r.map((c) => (c.length > MAX_ROW_WIDTH ? wrapString(c) : [c])));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => Math.max(...(r[i] ?? ['']).map((l) => l.length)))));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const out = [border, `|${head.map((h, i) => ` ${center(h, widths[i]!)} `).join('|')}|`, border];
  for (const r of cells) {
    const height = Math.max(...r.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      out.push(
        `|${widths
          .map((w, i) => {
            const s = r[i]?.[k] ?? '';
            const right = DECIMAL.test(s.trim()) || PERCENT.test(s.trim());
            return ` ${right ? s.padStart(w) : s.padEnd(w)} `;
          })
          .join('|')}|`,
      );
    }
  }
  out.push(border);
  return `${out.join('\n')}\n`;
}
