// Selector evaluation against a label map (libcalico-go lib/selector/parser/ast.go, C331).
// Missing labels: `has`, `==`, `in`, `contains`, `starts with`, `ends with` are false;
// `!=` and `not in` are true (so `rr != 'true'` matches nodes without the label).

import type { SelectorNode } from './parser.ts';

export type Labels = Readonly<Record<string, string>>;

export function evaluateSelector(n: SelectorNode, labels: Labels): boolean {
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(labels, k);
  switch (n.op) {
    case 'all':
    case 'global':
      // ast.go: GlobalNode.Evaluate returns true (it only means something for namespaces).
      return true;
    case 'has':
      return has(n.label);
    case 'eq':
      return has(n.label) && labels[n.label] === n.value;
    case 'ne':
      return !has(n.label) || labels[n.label] !== n.value;
    case 'contains':
      return has(n.label) && labels[n.label]!.includes(n.value);
    case 'startsWith':
      return has(n.label) && labels[n.label]!.startsWith(n.value);
    case 'endsWith':
      return has(n.label) && labels[n.label]!.endsWith(n.value);
    case 'in':
      return has(n.label) && n.values.includes(labels[n.label]!);
    case 'notIn':
      return !has(n.label) || !n.values.includes(labels[n.label]!);
    case 'not':
      return !evaluateSelector(n.arg, labels);
    case 'and':
      return n.args.every((a) => evaluateSelector(a, labels));
    case 'or':
      return n.args.some((a) => evaluateSelector(a, labels));
  }
}
