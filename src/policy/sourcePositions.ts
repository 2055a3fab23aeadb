import { parseTree, type Node } from 'jsonc-parser';
import { TextPositions } from '../text/position.ts';
import type { SourceRange } from './types.ts';

/**
 * Where each statement of a policy sits in its JSON text, in statement order (a
 * lone Statement object counts as the only statement). Undefined when the text has
 * no Statement to point at. Lines and columns are 1-based, offsets 0-based; a
 * range runs from the statement's '{' to its '}'.
 */
export function statementPositions(text: string): SourceRange[] | undefined {
  const root = parseTree(text);
  if (root?.type !== 'object') return undefined;
  const property = root.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === 'Statement');
  const value = property?.children?.[1];
  if (value === undefined) return undefined;
  const statements: Node[] = value.type === 'array' ? (value.children ?? []) : [value];
  const at = new TextPositions(text);
  return statements.map((s) => ({ start: at.at(s.offset), end: at.at(s.offset + Math.max(s.length - 1, 0)) }));
}
