/**
 * The policy text as a tree with offsets (jsonc-parser, strict JSON), and the
 * positions AWS reports: line from 1, column from 0, offset from 0.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Location, PathElement, Position, Span } from '../types.ts';

export type { Node };

export interface PolicyText {
  text: string;
  root?: Node;
  /** The first syntax error, if any. */
  syntaxError?: { offset: number; length: number; code: string };
  lineStarts: number[];
}

export function readPolicyText(text: string): PolicyText {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) lineStarts.push(i + 1);
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      lineStarts.push(i + 1);
    }
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const out: PolicyText = { text, lineStarts };
  if (root !== undefined) out.root = root;
  const first = errors[0];
  if (first !== undefined) out.syntaxError = { offset: first.offset, length: first.length, code: printParseErrorCode(first.error) };
  return out;
}

export function position(doc: PolicyText, offset: number): Position {
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (doc.lineStarts[lo] as number), offset };
}

export function span(doc: PolicyText, offset: number, length: number): Span {
  return { start: position(doc, offset), end: position(doc, offset + length) };
}

export function location(doc: PolicyText, path: PathElement[], node: { offset: number; length: number }): Location {
  return { path, span: span(doc, node.offset, node.length) };
}

/** An object's properties in document order: key text, key node, value node. */
export interface Property {
  name: string;
  key: Node;
  value: Node;
}

export function properties(node: Node | undefined): Property[] {
  if (node?.type !== 'object') return [];
  const out: Property[] = [];
  for (const p of node.children ?? []) {
    const [key, value] = p.children ?? [];
    if (key !== undefined && value !== undefined && typeof key.value === 'string') out.push({ name: key.value, key, value });
  }
  return out;
}

/** The last property with this exact name (JSON.parse keeps the last of duplicates). */
export function property(node: Node | undefined, name: string): Property | undefined {
  return properties(node).filter((p) => p.name === name).pop();
}

export function items(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** JSON data type names as AWS writes them in DATA_TYPE_MISMATCH. */
export function typeName(node: Node): string {
  switch (node.type) {
    case 'object':
      return 'Object';
    case 'array':
      return 'Array';
    case 'string':
      return 'String';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Null';
  }
}
