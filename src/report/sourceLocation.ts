/**
 * Where a JSON pointer lands in a JSON file of the repository, as line and column:
 * SARIF results point at the policy statement, not just the file.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseTree, type Node } from 'jsonc-parser';
import { TextPositions } from '../text/position.ts';
import { yamlLineOfPointer } from '../estate/import/sourceFile.ts';

export interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }

/** RFC 6901: '/a/b~1c/0' → ['a', 'b/c', '0']. */
export function decodeJsonPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.replace(/^#/, '').split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function child(node: Node, segment: string): Node | undefined {
  if (node.type === 'array') {
    if (!/^\d+$/.test(segment)) return undefined;
    return node.children?.[Number(segment)];
  }
  if (node.type === 'object') {
    const prop = node.children?.find((p) => p.children?.[0]?.value === segment);
    return prop?.children?.[1];
  }
  return undefined;
}


/** The region of the value the pointer names; where the path ends early, its deepest existing ancestor's. */
export function regionOfPointer(text: string, pointer: string): Region | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return undefined;
  let node: Node = root;
  for (const segment of decodeJsonPointer(pointer)) {
    const next = child(node, segment);
    if (!next) break;
    node = next;
  }
  // For a property value, point at its key: that is the line a reader looks for.
  const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  const at = new TextPositions(text);
  const start = at.at(Math.min(keyNode?.offset ?? node.offset, text.length));
  const end = at.at(Math.min(node.offset + node.length, text.length));
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

/** Resolve a repo file + pointer to a region; undefined when the file cannot be read. */
export function locateInFile(file: string, pointer: string | undefined, cwd: string): Region | undefined {
  let text: string;
  try {
    text = readFileSync(isAbsolute(file) ? file : join(cwd, file), 'utf8');
  } catch {
    return undefined;
  }
  // CloudFormation templates in YAML: the line of the node (imported estates point into them).
  if (/\.ya?ml$/i.test(file)) {
    const line = yamlLineOfPointer(text, pointer ?? '');
    return line === undefined ? undefined : { startLine: line, startColumn: 1, endLine: line, endColumn: 1 };
  }
  return regionOfPointer(text, pointer ?? '');
}
