/**
 * An input file (JSON or YAML) read once, with the line of any JSON pointer into it:
 * the estate's import metadata and SARIF point at the template or plan line of a
 * resource or policy.
 */
import { readFileSync } from 'node:fs';
import { parseTree, type Node as JsonNode, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Tags } from 'yaml';
import { UserError } from '../../util/userError.ts';
import { lineStarts, positionAt } from '../../text/position.ts';

export interface SourceFile {
  /** The path as given (messages and metadata use it). */
  file: string;
  value: unknown;
  /** 1-based line of the value a JSON pointer names (the deepest existing ancestor's when the path ends early). */
  lineOf(pointer: string): number | undefined;
}

/** RFC 6901 segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointer(s)}`).join('');
}

/** The line (from 1) of an offset: src/text's one converter, CRLF-aware. */
function lineAt(starts: number[], offset: number): number {
  return positionAt(starts, offset).line;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** JSON: parsed with JSON.parse; positions from jsonc-parser's tree. */
export function jsonSource(file: string, text = readText(file)): SourceFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors);
    const first = errors[0];
    const where = first ? ` at line ${lineAt(lineStarts(text), first.offset)}: ${printParseErrorCode(first.error)}` : '';
    throw new UserError(`${file}: not valid JSON${where}`);
  }
  let tree: JsonNode | undefined;
  let starts: number[] | undefined;
  return {
    file,
    value,
    lineOf(pointer) {
      tree ??= parseTree(text);
      starts ??= lineStarts(text);
      if (!tree) return undefined;
      let node: JsonNode = tree;
      for (const seg of pointerSegments(pointer)) {
        let next: JsonNode | undefined;
        if (node.type === 'array' && /^\d+$/.test(seg)) next = node.children?.[Number(seg)];
        else if (node.type === 'object') next = node.children?.find((p) => p.children?.[0]?.value === seg)?.children?.[1];
        if (!next) break;
        node = next;
      }
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      return lineAt(starts, key?.offset ?? node.offset);
    },
  };
}

/**
 * How a tagged YAML node becomes a value: CloudFormation's short forms (`!Ref x` →
 * `{"Ref": "x"}`). Return undefined to reject the tag (an error naming file and line).
 */
export type TagConverter = (tag: string, value: unknown) => unknown;

function yamlLine(doc: Document, counter: LineCounter, pointer: string): number | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const seg of pointerSegments(pointer)) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (pair) {
        keyNode = pair.key;
        next = pair.value;
      }
    } else if (isSeq(node) && /^\d+$/.test(seg)) {
      next = node.items[Number(seg)];
      keyNode = undefined;
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  const at = (keyNode as YamlNode | undefined)?.range ?? (node as YamlNode | undefined)?.range;
  return at ? counter.linePos(at[0]).line : undefined;
}

/** YAML (1.2 core schema); `tags` lists the custom tags the caller accepts, `convert` turns them into values. */
export function yamlSource(file: string, tags: string[], convert: TagConverter, text = readText(file)): SourceFile {
  const counter = new LineCounter();
  // Each custom tag on a scalar, a sequence or a mapping: the library keeps the node and its tag;
  // toValue() below turns it into the long form.
  const customTags: Tags = tags.flatMap((tag) => [
    { tag, identify: (): boolean => false, resolve: (s: string) => s },
    { tag, collection: 'seq' as const, identify: (): boolean => false, resolve: (n: unknown) => n },
    { tag, collection: 'map' as const, identify: (): boolean => false, resolve: (n: unknown) => n },
  ]) as unknown as Tags;
  const doc = parseDocument(text, { lineCounter: counter, customTags, uniqueKeys: false, prettyErrors: false });
  const where = (pos?: [number, number]) => (pos ? ` at line ${counter.linePos(pos[0]).line}` : '');
  if (doc.errors.length > 0) throw new UserError(`${file}: not valid YAML${where(doc.errors[0]!.pos)}: ${doc.errors[0]!.message.split('\n')[0]}`);
  const unresolved = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unresolved) throw new UserError(`${file}${where(unresolved.pos)}: ${unresolved.message.split('\n')[0]} (known tags: ${tags.join(' ')})`);

  const toValue = (node: unknown, path: string): unknown => {
    if (isAlias(node)) return toValue(node.resolve(doc), path);
    let value: unknown;
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        out[key] = toValue(pair.value, `${path}/${escapePointer(key)}`);
      }
      value = out;
    } else if (isSeq(node)) {
      value = node.items.map((item, i) => toValue(item, `${path}/${i}`));
    } else if (isScalar(node)) {
      value = node.value;
    } else {
      value = node ?? null;
    }
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag && tags.includes(tag)) {
      const converted = convert(tag, value);
      if (converted === undefined) {
        const range = (node as YamlNode).range;
        throw new UserError(`${file}${where(range ? [range[0], range[1]] : undefined)}: ${path || '/'}: ${tag} cannot take this value`);
      }
      return converted;
    }
    return value;
  };
  const value = toValue(doc.contents, '');
  return { file, value, lineOf: (pointer) => yamlLine(doc, counter, pointer) };
}

/** YAML region for SARIF: the line of the node a pointer names (tags are irrelevant for positions). */
export function yamlLineOfPointer(text: string, pointer: string): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, strict: false, logLevel: 'silent', uniqueKeys: false });
  return yamlLine(doc, counter, pointer);
}
