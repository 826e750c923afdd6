// The selector API the rest of the Calico module uses: parse once, match many label maps.
// An unparsable selector never matches anything (confd logs "Couldn't parse selector" and
// returns no nodes, node_labels.go nodesMatching).

import { evaluateSelector } from './evaluate.ts';
import type { Labels } from './evaluate.ts';
import { parseSelector } from './parser.ts';
import type { SelectorError, SelectorNode } from './parser.ts';

export type { Labels } from './evaluate.ts';
export type { SelectorError, SelectorNode } from './parser.ts';

export interface Selector {
  readonly text: string;
  readonly root: SelectorNode | null;
  readonly error?: SelectorError;
  matches(labels: Labels): boolean;
}

const cache = new Map<string, Selector>();

export function compileSelector(text: string): Selector {
  const hit = cache.get(text);
  if (hit) return hit;
  const r = parseSelector(text);
  const sel: Selector = r.ok
    ? { text, root: r.root, matches: (labels) => evaluateSelector(r.root, labels) }
    : { text, root: null, error: r.error, matches: () => false };
  if (cache.size > 2000) cache.clear();
  cache.set(text, sel);
  return sel;
}

/** Calico's validateSelector: the selector text parses (the empty string is valid). */
export function selectorError(text: string): SelectorError | undefined {
  const r = parseSelector(text);
  return r.ok ? undefined : r.error;
}
