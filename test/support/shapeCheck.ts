/**
 * Checks a response body against an AWS service model (botocore's service-2.json):
 * every XML element / JSON member is a member of the output shape, in the model's
 * member order, required members are present, enums are valid, scalars have their
 * type, timestamps are ISO-8601. Errors are checked against the operation's declared
 * errors (or the protocol's common ones) and their HTTP status.
 * Returns problems as '<path>: <what>' lines; none means the body conforms.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Operation, ServiceModel, Shape, ShapeRef } from './botocore.ts';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Errors any Query operation may answer (AWS's "common errors"), with their status. */
export const COMMON_QUERY_ERRORS: Record<string, number> = {
  AccessDenied: 403, ValidationError: 400, InvalidAction: 400, MissingAction: 400, InvalidParameterValue: 400,
  MissingParameter: 400, InvalidClientTokenId: 403, SignatureDoesNotMatch: 403, MissingAuthenticationToken: 403,
  ExpiredToken: 400, IncompleteSignature: 400,
};

/** Errors any REST-JSON operation may answer, with their status. */
export const COMMON_JSON_ERRORS: Record<string, number> = {
  AccessDeniedException: 403, UnrecognizedClientException: 403, MissingAuthenticationTokenException: 403,
  InvalidSignatureException: 403, IncompleteSignatureException: 403, ExpiredTokenException: 403,
};

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

function checkString(shape: Shape, value: string, path: string, problems: string[]): void {
  if (shape.enum && !shape.enum.includes(value)) problems.push(`${path}: '${value}' is not one of ${shape.enum.join(', ')}`);
  if (shape.min !== undefined && value.length < shape.min) problems.push(`${path}: shorter than ${shape.min}`);
  if (shape.max !== undefined && value.length > shape.max) problems.push(`${path}: longer than ${shape.max}`);
  const re = shape.pattern === undefined ? undefined : compile(shape.pattern);
  if (re && !re.test(value)) problems.push(`${path}: '${value}' does not match ${shape.pattern}`);
}

function checkNumber(shape: Shape, value: number, path: string, problems: string[]): void {
  if (shape.min !== undefined && value < shape.min) problems.push(`${path}: ${value} below ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) problems.push(`${path}: ${value} above ${shape.max}`);
}

/* ---------------- XML (Query protocol) ---------------- */

type XmlNode = Record<string, unknown>;
interface Element { name: string; children: XmlNode[]; attrs: Record<string, string> }

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false });

function elements(children: XmlNode[]): Element[] {
  const out: Element[] = [];
  for (const node of children) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '#text' || key === ':@' || key === '?xml') continue;
      out.push({ name: key, children: value as XmlNode[], attrs: (node[':@'] as Record<string, string> | undefined) ?? {} });
    }
  }
  return out;
}

function text(children: XmlNode[]): string {
  return children.map((n) => (typeof n['#text'] === 'string' ? n['#text'] : typeof n['#text'] === 'number' ? String(n['#text']) : '')).join('');
}

function memberName(name: string, ref: ShapeRef): string {
  return ref.locationName ?? name;
}

function checkXml(model: ServiceModel, shapeName: string, node: Element, path: string, problems: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void problems.push(`${path}: the model has no shape ${shapeName}`);
  const kids = elements(node.children);
  switch (shape.type) {
    case 'structure': {
      if (text(node.children).trim() !== '') problems.push(`${path}: a structure has text content`);
      const members = Object.entries(shape.members ?? {});
      const byWire = new Map(members.map(([name, ref], i) => [memberName(name, ref), { name, ref, i }]));
      let last = -1;
      const seen = new Set<string>();
      for (const kid of kids) {
        const m = byWire.get(kid.name);
        if (!m) {
          problems.push(`${path}/${kid.name}: not a member of ${shapeName} (members: ${[...byWire.keys()].join(', ')})`);
          continue;
        }
        if (seen.has(m.name)) problems.push(`${path}/${kid.name}: appears twice`);
        if (m.i < last) problems.push(`${path}/${kid.name}: out of the model's member order`);
        last = Math.max(last, m.i);
        seen.add(m.name);
        checkXml(model, m.ref.shape, kid, `${path}/${kid.name}`, problems);
      }
      for (const req of shape.required ?? []) if (!seen.has(req)) problems.push(`${path}: required member ${req} is missing`);
      break;
    }
    case 'list': {
      const item = shape.member!;
      const wire = item.locationName ?? 'member';
      kids.forEach((kid, i) => {
        if (kid.name !== wire) problems.push(`${path}/${kid.name}: a list item must be <${wire}>`);
        else checkXml(model, item.shape, kid, `${path}/${wire}[${i + 1}]`, problems);
      });
      if (shape.min !== undefined && kids.length < shape.min) problems.push(`${path}: fewer than ${shape.min} items`);
      if (shape.max !== undefined && kids.length > shape.max) problems.push(`${path}: more than ${shape.max} items`);
      break;
    }
    case 'map': {
      for (const entry of kids) {
        const parts = elements(entry.children);
        const key = parts.find((p) => p.name === (shape.key!.locationName ?? 'key'));
        const value = parts.find((p) => p.name === (shape.value!.locationName ?? 'value'));
        if (entry.name !== 'entry' || !key || !value) problems.push(`${path}/${entry.name}: a map entry must be <entry><key/><value/></entry>`);
        else checkXml(model, shape.value!.shape, value, `${path}/${text(key.children)}`, problems);
      }
      break;
    }
    default: {
      if (kids.length > 0) problems.push(`${path}: a ${shape.type} has child elements`);
      checkXmlScalar(shape, text(node.children), path, problems);
    }
  }
}

function checkXmlScalar(shape: Shape, value: string, path: string, problems: string[]): void {
  switch (shape.type) {
    case 'string':
      return checkString(shape, value, path, problems);
    case 'timestamp':
      if (!ISO_8601.test(value)) problems.push(`${path}: '${value}' is not an ISO-8601 timestamp`);
      return;
    case 'boolean':
      if (value !== 'true' && value !== 'false') problems.push(`${path}: '${value}' is not a boolean`);
      return;
    case 'integer':
    case 'long':
      if (!/^-?\d+$/.test(value)) problems.push(`${path}: '${value}' is not an integer`);
      else checkNumber(shape, Number(value), path, problems);
      return;
    case 'double':
    case 'float':
      if (Number.isNaN(Number(value)) || value.trim() === '') problems.push(`${path}: '${value}' is not a number`);
      return;
    default:
      return;
  }
}

function parseXml(body: string, problems: string[]): Element | undefined {
  let doc: XmlNode[];
  try {
    doc = parser.parse(body) as XmlNode[];
  } catch (err) {
    problems.push(`body: not XML (${(err as Error).message})`);
    return undefined;
  }
  const roots = elements(doc);
  if (roots.length !== 1) {
    problems.push(`body: ${roots.length} root elements`);
    return undefined;
  }
  return roots[0];
}

/** A successful Query response: <OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>. */
export function checkQueryResponse(model: ServiceModel, operation: string, status: number, body: string): string[] {
  const problems: string[] = [];
  const op: Operation | undefined = model.operations[operation];
  if (!op) return [`the model has no operation ${operation}`];
  if (status !== (op.http.responseCode ?? 200)) problems.push(`status ${status}, expected ${op.http.responseCode ?? 200}`);
  const root = parseXml(body, problems);
  if (!root) return problems;
  if (root.name !== `${operation}Response`) problems.push(`root element <${root.name}>, expected <${operation}Response>`);
  if (root.attrs.xmlns !== model.metadata.xmlNamespace) problems.push(`xmlns '${root.attrs.xmlns}', expected '${model.metadata.xmlNamespace}'`);
  const kids = elements(root.children);
  const expected = [...(op.output?.resultWrapper ? [op.output.resultWrapper] : []), 'ResponseMetadata'];
  if (kids.map((k) => k.name).join(',') !== expected.join(',')) problems.push(`children ${kids.map((k) => k.name).join(',')}, expected ${expected.join(',')}`);
  const result = kids.find((k) => k.name === op.output?.resultWrapper);
  if (result && op.output) checkXml(model, op.output.shape, result, `/${root.name}/${result.name}`, problems);
  const meta = kids.find((k) => k.name === 'ResponseMetadata');
  const requestId = meta ? elements(meta.children).find((k) => k.name === 'RequestId') : undefined;
  if (!requestId || text(requestId.children).trim() === '') problems.push('ResponseMetadata/RequestId is missing');
  return problems;
}

/** A Query error: <ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>. */
export function checkQueryError(model: ServiceModel, operation: string | undefined, status: number, body: string): string[] {
  const problems: string[] = [];
  const root = parseXml(body, problems);
  if (!root) return problems;
  if (root.name !== 'ErrorResponse') problems.push(`root element <${root.name}>, expected <ErrorResponse>`);
  if (root.attrs.xmlns !== model.metadata.xmlNamespace) problems.push(`xmlns '${root.attrs.xmlns}', expected '${model.metadata.xmlNamespace}'`);
  const kids = elements(root.children);
  if (kids.map((k) => k.name).join(',') !== 'Error,RequestId') problems.push(`children ${kids.map((k) => k.name).join(',')}, expected Error,RequestId`);
  const error = kids.find((k) => k.name === 'Error');
  const parts = error ? elements(error.children) : [];
  if (parts.map((p) => p.name).join(',') !== 'Type,Code,Message') problems.push(`Error children ${parts.map((p) => p.name).join(',')}, expected Type,Code,Message`);
  const value = (name: string) => text(parts.find((p) => p.name === name)?.children ?? []);
  const type = value('Type');
  const code = value('Code');
  if (type !== 'Sender' && type !== 'Receiver') problems.push(`Error/Type '${type}'`);
  if (value('Message') === '') problems.push('Error/Message is empty');
  const requestId = kids.find((k) => k.name === 'RequestId');
  if (!requestId || text(requestId.children).trim() === '') problems.push('RequestId is missing');
  problems.push(...checkErrorCode(model, operation, code, status, 'query'));
  return problems;
}

/** The error code is one the operation declares (or a common one), with its status. */
function checkErrorCode(model: ServiceModel, operation: string | undefined, code: string, status: number, protocol: 'query' | 'json'): string[] {
  const declared = new Map<string, number | undefined>();
  const op = operation === undefined ? undefined : model.operations[operation];
  for (const e of op?.errors ?? []) {
    const shape = model.shapes[e.shape]!;
    declared.set(protocol === 'query' ? shape.error?.code ?? e.shape : e.shape, shape.error?.httpStatusCode);
  }
  const common = protocol === 'query' ? COMMON_QUERY_ERRORS : COMMON_JSON_ERRORS;
  const expected = declared.has(code) ? declared.get(code) : common[code];
  if (!declared.has(code) && common[code] === undefined) {
    if (operation === undefined) return [];
    return [`error ${code} is neither declared by ${operation} (${[...declared.keys()].join(', ')}) nor a common error`];
  }
  return expected !== undefined && expected !== status ? [`error ${code} answered with status ${status}, the model says ${expected}`] : [];
}

/* ---------------- JSON (REST-JSON protocol) ---------------- */

function checkJson(model: ServiceModel, shapeName: string, value: unknown, path: string, problems: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void problems.push(`${path}: the model has no shape ${shapeName}`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path}: not an object`);
      checkJsonMembers(model, shapeName, shape, value as Record<string, unknown>, path, problems);
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void problems.push(`${path}: not a list`);
      value.forEach((v, i) => checkJson(model, shape.member!.shape, v, `${path}[${i}]`, problems));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path}: not a map`);
      for (const [k, v] of Object.entries(value)) checkJson(model, shape.value!.shape, v, `${path}.${k}`, problems);
      return;
    case 'string':
      if (typeof value !== 'string') return void problems.push(`${path}: not a string`);
      return checkString(shape, value, path, problems);
    case 'timestamp':
      if (typeof value !== 'string' || !ISO_8601.test(value)) problems.push(`${path}: ${JSON.stringify(value)} is not an ISO-8601 timestamp`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: not a boolean`);
      return;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) return void problems.push(`${path}: not an integer`);
      return checkNumber(shape, value as number, path, problems);
    case 'double':
    case 'float':
      if (typeof value !== 'number') problems.push(`${path}: not a number`);
      return;
    default:
      return;
  }
}

/** Members carried in the body (not in headers, the status line or the URI). */
function bodyMembers(shape: Shape): [string, ShapeRef][] {
  return Object.entries(shape.members ?? {}).filter(([, ref]) => ref.location === undefined);
}

function checkJsonMembers(model: ServiceModel, shapeName: string, shape: Shape, obj: Record<string, unknown>, path: string, problems: string[]): void {
  const members = bodyMembers(shape);
  const byWire = new Map(members.map(([name, ref], i) => [memberName(name, ref), { name, ref, i }]));
  let last = -1;
  const seen = new Set<string>();
  for (const [key, v] of Object.entries(obj)) {
    const m = byWire.get(key);
    if (!m) {
      problems.push(`${path}.${key}: not a member of ${shapeName} (members: ${[...byWire.keys()].join(', ')})`);
      continue;
    }
    if (m.i < last) problems.push(`${path}.${key}: out of the model's member order`);
    last = Math.max(last, m.i);
    seen.add(m.name);
    if (v === null) problems.push(`${path}.${key}: null`);
    else checkJson(model, m.ref.shape, v, `${path}.${key}`, problems);
  }
  for (const req of shape.required ?? []) {
    const ref = shape.members?.[req];
    if (ref && ref.location === undefined && !seen.has(req)) problems.push(`${path}: required member ${req} is missing`);
  }
}

/** A successful REST-JSON response: status as modelled, body members of the output shape. */
export function checkRestJsonResponse(model: ServiceModel, operation: string, status: number, body: string): string[] {
  const problems: string[] = [];
  const op = model.operations[operation];
  if (!op) return [`the model has no operation ${operation}`];
  if (status !== (op.http.responseCode ?? 200)) problems.push(`status ${status}, expected ${op.http.responseCode ?? 200}`);
  if (!op.output) {
    if (body.trim() !== '' && body.trim() !== '{}') problems.push(`a body where the operation has no output: ${body.slice(0, 80)}`);
    return problems;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [...problems, `body: not JSON: ${body.slice(0, 80)}`];
  }
  checkJson(model, op.output.shape, parsed, '$', problems);
  return problems;
}

/** A REST-JSON error: x-amzn-ErrorType names a declared (or common) error, the body is its members. */
export function checkRestJsonError(model: ServiceModel, operation: string | undefined, status: number, headers: Record<string, string>, body: string): string[] {
  const problems: string[] = [];
  const type = (headers['x-amzn-errortype'] ?? '').split(':')[0]!;
  if (type === '') problems.push('no x-amzn-ErrorType header');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [...problems, `body: not JSON: ${body.slice(0, 80)}`];
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { message?: unknown }).message !== 'string') {
    problems.push(`body has no "message": ${body.slice(0, 80)}`);
  }
  const shape = model.shapes[type];
  if (shape?.exception) checkJsonMembers(model, type, shape, parsed as Record<string, unknown>, '$', problems);
  else if (COMMON_JSON_ERRORS[type] === undefined) problems.push(`error type ${type} is not in the model`);
  problems.push(...checkErrorCode(model, operation, type, status, 'json'));
  return problems;
}
