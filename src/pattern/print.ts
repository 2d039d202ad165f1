import type { PatternNode } from './ast';
import { printSelector } from './selector';
import { printValue } from './value';

/** Prints a tree as canonical pattern text: `{ a || b && (c || d) }`, minimal parentheses, single spaces. */
export function printPattern(node: PatternNode): string {
  return `{ ${printNode(node)} }`;
}

function printNode(node: PatternNode): string {
  switch (node.kind) {
    case 'or':
      return node.terms.map(printNode).join(' || ');
    case 'and':
      return node.terms
        .map((term) => (term.kind === 'or' ? `(${printNode(term)})` : printNode(term)))
        .join(' && ');
    case 'comparison':
      return `${printSelector(node.selector)} ${node.op} ${printValue(node.value)}`;
    case 'is':
      return `${printSelector(node.selector)} IS ${node.value}`;
    case 'notExists':
      return `${printSelector(node.selector)} NOT EXISTS`;
  }
}
