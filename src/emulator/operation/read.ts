/**
 * An operation's input read from the wire by its shape in the service model, with
 * the model's constraints (required members, lengths, ranges, patterns, enums, list
 * and map sizes) checked on the way. One reader per protocol, one set of checks:
 *
 * - Query (STS, IAM): form parameters such as `RoleName`, `Tags.member.2.Key`,
 *   `ContextEntries.member.1.ContextKeyValues.member.3`, `Attributes.entry.1.key`.
 *   The parameters are first put into a tree by their dotted names (one pass over
 *   them), so reading a list or map costs its own size, never a scan per item.
 * - REST-JSON (API Gateway v2, Access Analyzer): URI labels, query-string members
 *   and the JSON body, by each member's `location` and `locationName`.
 *
 * Values come out as plain data: structures as objects keyed by the model's member
 * names, lists as arrays, maps as objects, integers as numbers, booleans as booleans.
 */
import { patternRegExp, shapeOf, type MemberRef, type ServiceModel, type Shape } from './model.ts';
import { Problems } from './problems.ts';

export type InputValue = string | number | boolean | InputValue[] | { [member: string]: InputValue };
export type InputObject = { [member: string]: InputValue };

/** 'RoleName' → 'roleName', as Query services name members in their messages. */
function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function checkString(shape: Shape, value: string, at: string, problems: Problems): void {
  if (shape.enum !== undefined && !shape.enum.includes(value)) {
    problems.constraint(at, value, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    return;
  }
  if (shape.pattern !== undefined && !patternRegExp(shape.pattern).test(value)) {
    problems.constraint(at, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.min !== undefined && value.length < shape.min) problems.constraint(at, value, `Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value.length > shape.max) problems.constraint(at, value, `Member must have length less than or equal to ${shape.max}`);
}

function checkNumber(shape: Shape, value: number, at: string, problems: Problems): void {
  if (shape.min !== undefined && value < shape.min) problems.constraint(at, value, `Member must have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) problems.constraint(at, value, `Member must have value less than or equal to ${shape.max}`);
}

function checkSize(shape: Shape, size: number, value: unknown, at: string, problems: Problems): void {
  if (shape.min !== undefined && size < shape.min) problems.constraint(at, value, `Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && size > shape.max) problems.constraint(at, value, `Member must have length less than or equal to ${shape.max}`);
}

function required(shape: Shape, name: string): boolean {
  return shape.required?.includes(name) ?? false;
}

/* ---------------------------------------------------------------- Query */

interface QueryNode {
  value?: string;
  children?: Map<string, QueryNode>;
}

/** Query parameters as the protocol parser gives them (each name once). */
export interface ParamSource {
  keys(): Iterable<string>;
  get(name: string): string | null;
}

/** The parameters as a tree of their dotted names, built in one pass. */
export function queryTree(params: ParamSource): QueryNode {
  const root: QueryNode = {};
  for (const key of params.keys()) {
    const value = params.get(key)!;
    let node = root;
    for (const part of key.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(part);
      if (next === undefined) {
        next = {};
        node.children.set(part, next);
      }
      node = next;
    }
    node.value ??= value;
  }
  return root;
}

/** The children named by positive integers (1, 2, …), in numeric order. */
function indexed(node: QueryNode | undefined): QueryNode[] {
  if (node?.children === undefined) return [];
  const items: [number, QueryNode][] = [];
  // Canonical decimal only ('1', not '01'), as the Query parser reads list indexes.
  for (const [k, child] of node.children) if (/^(?:0|[1-9][0-9]{0,8})$/.test(k)) items.push([Number(k), child]);
  items.sort((a, b) => a[0] - b[0]);
  return items.map((e) => e[1]);
}

function readQueryValue(model: ServiceModel, ref: MemberRef, node: QueryNode, at: string, problems: Problems): InputValue | undefined {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'structure':
      return readQueryStructure(model, shape, node, at, problems);
    case 'list': {
      const items = indexed(ref.flattened || shape.flattened ? node : node.children?.get('member'));
      checkSize(shape, items.length, [], at, problems);
      const out: InputValue[] = [];
      items.forEach((item, i) => {
        const v = readQueryValue(model, shape.member!, item, `${at}.${i + 1}.member`, problems);
        if (v !== undefined) out.push(v);
      });
      return out;
    }
    case 'map': {
      const entries = indexed(ref.flattened || shape.flattened ? node : node.children?.get('entry'));
      checkSize(shape, entries.length, {}, at, problems);
      const out: Record<string, InputValue> = {};
      entries.forEach((entry, i) => {
        const keyNode = entry.children?.get(shape.key?.locationName ?? 'key');
        const valueNode = entry.children?.get(shape.value?.locationName ?? 'value');
        const where = `${at}.${i + 1}.member`;
        if (keyNode?.value === undefined) return problems.constraint(`${where}.key`, null, 'Member must not be null');
        const key = readQueryValue(model, shape.key!, keyNode, `${where}.key`, problems);
        if (valueNode?.value === undefined && valueNode?.children === undefined) return problems.constraint(`${where}.value`, null, 'Member must not be null');
        const value = readQueryValue(model, shape.value!, valueNode, `${where}.value`, problems);
        if (typeof key === 'string' && value !== undefined) out[key] = value;
      });
      return out;
    }
    case 'integer':
    case 'long': {
      const text = node.value!.trim();
      if (!/^-?\d{1,15}$/.test(text)) {
        problems.constraint(at, node.value, 'Member must be a number');
        return undefined;
      }
      const n = Number(text);
      checkNumber(shape, n, at, problems);
      return n;
    }
    case 'boolean': {
      const lower = node.value!.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        problems.constraint(at, node.value, 'Member must be a boolean');
        return undefined;
      }
      return lower === 'true';
    }
    default:
      checkString(shape, node.value!, at, problems);
      return node.value!;
  }
}

function present(shape: Shape, node: QueryNode | undefined): node is QueryNode {
  if (node === undefined) return false;
  // Lists, maps and structures may arrive as their members only; scalars need a value.
  return shape.type === 'list' || shape.type === 'map' || shape.type === 'structure' || node.value !== undefined;
}

function readQueryStructure(model: ServiceModel, shape: Shape, node: QueryNode, at: string, problems: Problems): InputObject {
  const out: InputObject = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const child = node.children?.get(ref.locationName ?? name);
    const where = at === '' ? lowerFirst(name) : `${at}.${lowerFirst(name)}`;
    if (!present(shapeOf(model, ref.shape), child)) {
      if (required(shape, name)) problems.constraint(where, null, 'Member must not be null');
      continue;
    }
    const v = readQueryValue(model, ref, child, where, problems);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** A Query request's input, by the operation's input shape. */
export function readQueryInput(model: ServiceModel, inputShape: string | undefined, params: ParamSource, problems: Problems): InputObject {
  if (inputShape === undefined) return {};
  return readQueryStructure(model, shapeOf(model, inputShape), queryTree(params), '', problems);
}

/* ------------------------------------------------------------ REST-JSON */

export interface RestJsonRequest {
  /** The URI template's labels, decoded. */
  labels: Record<string, string>;
  query: { get(name: string): string | null };
  /** The parsed JSON body (an object; {} when empty). */
  body: Record<string, unknown>;
}

const JSON_TYPE: Partial<Record<Shape['type'], string>> = { string: 'string', boolean: 'boolean', integer: 'number', long: 'number', double: 'number', float: 'number', timestamp: 'string' };

function readJsonValue(model: ServiceModel, ref: MemberRef, value: unknown, at: string, problems: Problems): InputValue | undefined {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'structure':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.constraint(at, value, 'Member must be a structure');
        return undefined;
      }
      return readJsonStructure(model, shape, value as Record<string, unknown>, at, problems);
    case 'list': {
      if (!Array.isArray(value)) {
        problems.constraint(at, value, 'Member must be a list');
        return undefined;
      }
      checkSize(shape, value.length, value, at, problems);
      if (shape.max !== undefined && value.length > shape.max) return undefined;
      const member = shapeOf(model, shape.member!.shape);
      const scalar = JSON_TYPE[member.type];
      const out: InputValue[] = [];
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // A list of scalars with an item of the wrong type is reported at the list.
        if (scalar !== undefined && typeof item !== scalar) {
          problems.constraint(at, item, `Member must be a ${scalar}`);
          continue;
        }
        const v = readJsonValue(model, shape.member!, item, `${at}.${i + 1}.member`, problems);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.constraint(at, value, 'Member must be a map');
        return undefined;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      checkSize(shape, entries.length, value, at, problems);
      const out: Record<string, InputValue> = {};
      for (const [k, v] of entries) {
        readJsonValue(model, shape.key!, k, `${at}.key`, problems);
        const read = readJsonValue(model, shape.value!, v, `${at}.${k}`, problems);
        if (read !== undefined) out[k] = read;
      }
      return out;
    }
    default: {
      const type = JSON_TYPE[shape.type] ?? 'string';
      if (typeof value !== type) {
        problems.constraint(at, value, `Member must be a ${type}`);
        return undefined;
      }
      if (type === 'string') checkString(shape, value as string, at, problems);
      else if (type === 'number') {
        if ((shape.type === 'integer' || shape.type === 'long') && !Number.isSafeInteger(value)) {
          problems.constraint(at, value, 'Member must be an integer');
          return undefined;
        }
        checkNumber(shape, value as number, at, problems);
      }
      return value as InputValue;
    }
  }
}

function readJsonStructure(model: ServiceModel, shape: Shape, body: Record<string, unknown>, at: string, problems: Problems): InputObject {
  const out: InputObject = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const wire = ref.locationName ?? name;
    const v = body[wire];
    const where = at === '' ? wire : `${at}.${wire}`;
    if (v === undefined || v === null) {
      if (required(shape, name)) problems.constraint(where, null, 'Member must not be null');
      continue;
    }
    const read = readJsonValue(model, ref, v, where, problems);
    if (read !== undefined) out[name] = read;
  }
  return out;
}

/** Query-string and label members arrive as text: read as their shape says. */
function readText(model: ServiceModel, ref: MemberRef, text: string, at: string, problems: Problems): InputValue | undefined {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === 'integer' || shape.type === 'long') {
    if (!/^-?\d{1,15}$/.test(text)) {
      problems.constraint(at, text, 'Member must be a number');
      return undefined;
    }
    const n = Number(text);
    checkNumber(shape, n, at, problems);
    return n;
  }
  if (shape.type === 'boolean') {
    if (text !== 'true' && text !== 'false') {
      problems.constraint(at, text, 'Member must be a boolean');
      return undefined;
    }
    return text === 'true';
  }
  if (shape.type === 'list') {
    return text === '' ? [] : text.split(',');
  }
  checkString(shape, text, at, problems);
  return text;
}

/** A REST-JSON request's input, by the operation's input shape; problems in the model's member order. */
export function readRestJsonInput(model: ServiceModel, inputShape: string | undefined, req: RestJsonRequest, problems: Problems): InputObject {
  if (inputShape === undefined) return {};
  const shape = shapeOf(model, inputShape);
  const out: InputObject = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const wire = ref.locationName ?? name;
    let v: InputValue | undefined;
    if (ref.location === 'uri' || ref.location === 'querystring') {
      const text = ref.location === 'uri' ? req.labels[wire] : req.query.get(wire) ?? undefined;
      if (text === undefined) {
        if (required(shape, name)) problems.constraint(wire, null, 'Member must not be null');
        continue;
      }
      v = readText(model, ref, text, wire, problems);
    } else if (ref.location === undefined) {
      const raw = Object.prototype.hasOwnProperty.call(req.body, wire) ? req.body[wire] : undefined;
      if (raw === undefined || raw === null) {
        if (required(shape, name)) problems.constraint(wire, null, 'Member must not be null');
        continue;
      }
      v = readJsonValue(model, ref, raw, wire, problems);
    }
    if (v !== undefined) out[name] = v;
  }
  return out;
}
