import { parseTree, type Node } from 'jsonc-parser';
import type { SourcePosition, SourceRange } from './types.ts';

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
  const lines = lineStarts(text);
  return statements.map((s) => ({ start: position(lines, s.offset), end: position(lines, s.offset + Math.max(s.length - 1, 0)) }));
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function position(lines: number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lines[lo] as number) + 1, offset };
}
