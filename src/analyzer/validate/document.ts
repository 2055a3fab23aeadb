/**
 * The policy text as a tree with offsets (jsonc-parser, strict JSON), and the
 * positions AWS reports: line from 1, column from 0, offset from 0.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { lineStarts as textLineStarts, positionAt } from '../../text/position.ts';
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
  const lineStarts = textLineStarts(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const out: PolicyText = { text, lineStarts };
  if (root !== undefined) out.root = root;
  const first = errors[0];
  if (first !== undefined) out.syntaxError = { offset: first.offset, length: first.length, code: printParseErrorCode(first.error) };
  return out;
}

/**
 * Access Analyzer's Position (botocore accessanalyzer Position: "line … starting from 1",
 * "column … starting from 0", "offset … starting from 0"): crossgate's position with
 * the column moved to AWS's origin.
 */
export function position(doc: PolicyText, offset: number): Position {
  const p = positionAt(doc.lineStarts, offset);
  return { line: p.line, column: p.column - 1, offset: p.offset };
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
