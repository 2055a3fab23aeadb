import type { PathElement } from '../types.ts';
import { type Validation, child } from './context.ts';
import { type Node, items } from './document.ts';
import type { IssueCode } from './issues.ts';

export interface StringValue {
  text: string;
  node: Node;
  path: PathElement[];
}

/**
 * The strings of an element that takes "a string or a list of strings" (Action,
 * Resource, principal values). Reports a wrong JSON type, and an empty list with
 * the element's own code.
 */
export function stringValues(v: Validation, path: PathElement[], node: Node, emptyCode?: IssueCode): StringValue[] {
  if (node.type === 'string') return [{ text: String(node.value), node, path }];
  if (node.type !== 'array') {
    v.report('DATA_TYPE_MISMATCH', path, node, { type: 'Array' });
    return [];
  }
  const list = items(node);
  if (list.length === 0 && emptyCode !== undefined) v.report(emptyCode, path, node);
  const out: StringValue[] = [];
  list.forEach((item, index) => {
    const at = child(path, { index });
    if (item.type === 'string') out.push({ text: String(item.value), node: item, path: at });
    else v.report('DATA_TYPE_MISMATCH', at, item, { type: 'String' });
  });
  return out;
}

/** Text of a JSON scalar as IAM reads it in a Condition (numbers and booleans become strings). */
export function scalarText(node: Node): string | undefined {
  if (node.type === 'string') return String(node.value);
  if (node.type === 'number' || node.type === 'boolean') return String(node.value);
  return undefined;
}

export interface VariableScan {
  /** Variable texts such as '${aws:username}' (escapes like '${*}' excluded). */
  variables: string[];
  problems: ('MISSING_BRACE_IN_VARIABLE' | 'EMPTY_VARIABLE' | 'UNSUPPORTED_SPACE_IN_VARIABLE')[];
}

const ESCAPES = new Set(['*', '?', '$']);

/** Finds policy variables in a value and what is wrong with their syntax. */
export function scanVariables(text: string): VariableScan {
  const scan: VariableScan = { variables: [], problems: [] };
  let i = 0;
  for (;;) {
    const open = text.indexOf('${', i);
    if (open < 0) return scan;
    const close = text.indexOf('}', open + 2);
    if (close < 0) {
      scan.problems.push('MISSING_BRACE_IN_VARIABLE');
      return scan;
    }
    const body = text.slice(open + 2, close);
    if (body.trim() === '') scan.problems.push('EMPTY_VARIABLE');
    else if (!ESCAPES.has(body.trim())) {
      const name = body.split(',')[0] ?? '';
      if (/\s/.test(name.replace(/\s+$/, '')) || name !== name.trimStart()) scan.problems.push('UNSUPPORTED_SPACE_IN_VARIABLE');
      scan.variables.push(text.slice(open, close + 1));
    }
    i = close + 1;
  }
}

/** Reports variable syntax in an element that supports variables (Resource, Condition values). */
export function checkVariableSyntax(v: Validation, value: StringValue): string[] {
  if (!value.text.includes('${')) return [];
  const scan = scanVariables(value.text);
  if (!v.variablesSupported) {
    if (scan.variables.length > 0) v.report('VARIABLE_UNSUPPORTED_IN_VERSION', value.path, value.node);
    return [];
  }
  for (const problem of new Set(scan.problems)) v.report(problem, value.path, value.node);
  return scan.variables;
}

/** Reports variables in an element that does not support them (Action, Principal). True when one was found. */
export function rejectVariables(v: Validation, value: StringValue): boolean {
  if (!value.text.includes('${')) return false;
  const scan = scanVariables(value.text);
  const first = scan.variables[0];
  if (first === undefined) return false;
  v.report('VARIABLE_UNSUPPORTED_IN_ELEMENT', value.path, value.node, { variable: first });
  return true;
}
