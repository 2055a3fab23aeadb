/**
 * The Condition element: operators, keys (against the catalog), values by operator
 * type, set qualifiers, and the aws:SourceIp specifics.
 */
import { parseOperator } from '../../policy/index.ts';
import { parseCidr } from '../../policy/conditions/ipAddress.ts';
import { parseDate } from '../../policy/conditions/date.ts';
import { parseNumber } from '../../policy/conditions/numeric.ts';
import type { ConditionKeyInfo } from '../catalog.ts';
import { ANY, codePoints, globMatches, literalGlob } from '../glob/glob.ts';
import type { PathElement } from '../types.ts';
import { type StatementView, type Validation, child } from './context.ts';
import { type Node, items, properties } from './document.ts';
import type { IssueCode } from './issues.ts';
import { type StringValue, checkVariableSyntax, scalarText } from './values.ts';

type Operator = NonNullable<ReturnType<typeof parseOperator>>;

export function checkConditionElement(v: Validation, st: StatementView, value: Node): void {
  const path = child(st.path, { value: 'Condition' });
  if (value.type !== 'object') {
    v.report('DATA_TYPE_MISMATCH', path, value, { type: 'Object' });
    return;
  }
  const operators = properties(value);
  if (operators.length === 0) {
    v.report('EMPTY_OBJECT_CONDITION', path, value);
    return;
  }
  for (const op of operators) {
    const opPath = child(path, { key: op.name });
    const operator = parseOperator(op.name);
    if (operator === undefined) {
      const nullForm = /^(ForAnyValue:|ForAllValues:)?Null(IfExists)?$/i.exec(op.name);
      if (nullForm?.[2] !== undefined) v.report('NULL_WITH_IF_EXISTS', opPath, op.key);
      else if (nullForm?.[1] !== undefined) v.report('NULL_WITH_QUALIFIER', opPath, op.key);
      else v.report('INVALID_CONDITION_OPERATOR', opPath, op.key, { operator: op.name });
      continue;
    }
    if (op.value.type !== 'object') {
      v.report('DATA_TYPE_MISMATCH', child(path, { value: op.name }), op.value, { type: 'Object' });
      continue;
    }
    const seen = new Map<string, string>();
    for (const k of properties(op.value)) {
      const keyPath = child(path, { value: op.name }, { key: k.name });
      const lower = k.name.toLowerCase();
      const earlier = seen.get(lower);
      if (earlier !== undefined && earlier !== k.name) v.report('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', keyPath, k.key);
      seen.set(lower, k.name);
      const info = checkConditionKey(v, k.name, keyPath, k.key);
      const valuesPath = child(path, { value: op.name }, { value: k.name });
      const values = conditionValues(v, k.value, valuesPath);
      if (values === undefined) continue;
      checkValues(v, operator, k.name, info, values, valuesPath, k.value, keyPath, k.key);
    }
  }
}

/** The values of one condition key; undefined when their JSON type is wrong (reported). */
function conditionValues(v: Validation, node: Node, path: PathElement[]): StringValue[] | undefined {
  const one = scalarText(node);
  if (one !== undefined) return [{ text: one, node, path }];
  if (node.type !== 'array') {
    v.report('DATA_TYPE_MISMATCH', path, node, { type: 'String' });
    return undefined;
  }
  const out: StringValue[] = [];
  let bad = false;
  items(node).forEach((item, index) => {
    const text = scalarText(item);
    if (text === undefined) {
      v.report('DATA_TYPE_MISMATCH', child(path, { index }), item, { type: 'String' });
      bad = true;
    } else out.push({ text, node: item, path: child(path, { index }) });
  });
  return bad ? undefined : out;
}

/** Checks the key's format and existence; returns what the catalog knows of it. */
function checkConditionKey(v: Validation, key: string, path: PathElement[], node: Node): ConditionKeyInfo | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    v.report('INVALID_CONDITION_KEY_FORMAT', path, node);
    return undefined;
  }
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'aws') {
    if (key.toLowerCase() === 'aws:arn') {
      v.report('UNSUPPORTED_GLOBAL_CONDITION_KEY', path, node);
      return undefined;
    }
    const info = v.catalog?.globalConditionKey(key);
    if (v.catalog !== undefined && info === undefined) v.report('INVALID_GLOBAL_CONDITION_KEY', path, node, { key });
    return info;
  }
  const catalog = v.catalog;
  // Keys of identity providers ('token.actions.githubusercontent.com:sub', 'saml:aud') are not service keys.
  if (catalog === undefined || prefix.includes('.') || prefix.includes('/') || prefix === 'saml') return undefined;
  if (!catalog.hasService(prefix)) {
    v.report('INVALID_SERVICE', path, node, { service: key.slice(0, colon) });
    return undefined;
  }
  const keys = catalog.serviceConditionKeys(prefix) ?? [];
  const info = keys.find((k) => matchesKeyTemplate(k.key, key)) ?? catalog.globalConditionKey(key);
  if (info === undefined && keys.length > 0) v.report('INVALID_SERVICE_CONDITION_KEY', path, node, { key, service: key.slice(0, colon) });
  return info;
}

/** 's3:ExistingObjectTag/${TagKey}' matches 's3:ExistingObjectTag/team' (case-insensitively). */
function matchesKeyTemplate(template: string, key: string): boolean {
  const pieces = template.toLowerCase().split(/\$\{[^}]*\}/);
  const glob = pieces.flatMap((p, i) => (i === 0 ? literalGlob(p) : [ANY, ...literalGlob(p)]));
  return globMatches(glob, codePoints(key.toLowerCase()));
}

/** Operator families and the key types they suit (String operators also read ARNs). */
const FAMILY_TYPES: Record<string, string[]> = {
  String: ['String', 'ARN'],
  Arn: ['ARN'],
  Numeric: ['Numeric', 'Date'],
  Date: ['Date'],
  Bool: ['Bool'],
  IpAddress: ['IPAddress'],
  Binary: ['Binary'],
};

function family(base: string): string {
  if (base === 'NotIpAddress') return 'IpAddress';
  return Object.keys(FAMILY_TYPES).find((f) => base.startsWith(f)) ?? 'Null';
}

function checkValues(
  v: Validation,
  op: Operator,
  key: string,
  info: ConditionKeyInfo | undefined,
  values: StringValue[],
  valuesPath: PathElement[],
  valuesNode: Node,
  keyPath: PathElement[],
  keyNode: Node,
): void {
  const base = op.base.name;
  const fam = family(base);
  if (values.length === 0) {
    const code: IssueCode = op.set === 'ForAllValues' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : op.set === 'ForAnyValue' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : op.ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
    v.report(code, valuesPath, valuesNode, { key });
    return;
  }

  // Key type against operator type, and single/multivalued keys against qualifiers.
  if (info !== undefined && base !== 'Null') {
    const multivalued = info.type.startsWith('ArrayOf');
    const keyType = multivalued ? info.type.slice('ArrayOf'.length) : info.type;
    if (!(FAMILY_TYPES[fam] ?? []).includes(keyType)) v.report('TYPE_MISMATCH', keyPath, keyNode, { allowed: keyType, operator: op.text, key });
    if (op.set === 'ForAllValues' && !multivalued) v.report('FORALLVALUES_WITH_SINGLE_VALUED_KEY', keyPath, keyNode, { key });
    if (op.set === undefined && multivalued) v.report('MISSING_QUALIFIER', keyPath, keyNode, { key });
  }

  const typed = fam !== 'String' && fam !== 'Arn';
  for (const value of values) {
    if (value.text.includes('${')) {
      if (typed) v.report('INVALID_VARIABLE_FOR_OPERATOR', value.path, value.node);
      else checkVariableSyntax(v, value);
      continue;
    }
    checkTypedValue(v, op, fam, value);
  }
  if (base === 'Bool' && values.length > 1) v.report('INVALID_CONDITION_MULTIPLE_BOOLEAN', valuesPath, valuesNode);
  if (fam === 'Numeric' && /(LessThan|GreaterThan)/.test(base) && values.filter((x) => parseNumber(x.text) !== undefined).length > 1) {
    v.report('REDUNDANT_CONDITION_VALUE_NUM', valuesPath, valuesNode, { operator: op.text, key, bound: base.includes('LessThan') ? 'greatest' : 'least' });
  }
  if (fam === 'IpAddress' && key.toLowerCase() === 'aws:sourceip') checkSourceIp(v, base === 'NotIpAddress', values, valuesPath, valuesNode);
}

function checkTypedValue(v: Validation, op: Operator, fam: string, value: StringValue): void {
  const text = value.text;
  const at = (code: IssueCode, params: Record<string, string> = {}) => v.report(code, value.path, value.node, params);
  switch (fam) {
    case 'Numeric':
      if (parseNumber(text) === undefined) at('TYPE_MISMATCH_NUMBER', { operator: op.text });
      break;
    case 'Date':
      if (parseDate(text) === undefined) at('TYPE_MISMATCH_DATE');
      else if (/^\d+$/.test(text.trim())) at('INVALID_DATE_VALUE', { date: text });
      break;
    case 'Bool':
      if (!/^(true|false)$/i.test(text)) at('TYPE_MISMATCH_BOOLEAN', { operator: op.text });
      break;
    case 'IpAddress': {
      const cidr = parseCidr(text);
      if (cidr === undefined) at('TYPE_MISMATCH_IP_RANGE', { operator: op.text });
      else {
        const improved = canonicalCidr(text);
        if (improved !== undefined) at('IMPROVE_IP_RANGE', { address: improved });
      }
      break;
    }
    case 'Binary':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) at('TYPE_MISMATCH_STRING', { operator: op.text });
      break;
    case 'String':
      if (/^String(Not)?Equals(IgnoreCase)?$/.test(op.base.name) && /[*?]/.test(text)) at('WILDCARD_WITHOUT_LIKE_OPERATOR');
      break;
    default:
      break;
  }
}

/** For an IPv4 CIDR with bits set after the mask, the same range written canonically. */
function canonicalCidr(text: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) return undefined;
  const prefix = Number(m[5]);
  const value = m.slice(1, 5).reduce((acc, part) => acc * 256 + Number(part), 0);
  const size = 2 ** (32 - prefix);
  const masked = Math.floor(value / size) * size;
  if (masked === value) return undefined;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(masked / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'].map((c) => parseCidr(c));

function isPrivate(text: string): boolean {
  const cidr = parseCidr(text);
  if (cidr === undefined) return false;
  return PRIVATE_RANGES.some((r) => {
    if (r === undefined || r.family !== cidr.family || cidr.prefix < r.prefix) return false;
    const bits = cidr.family === 4 ? 32 : 128;
    const shift = BigInt(bits - r.prefix);
    return cidr.value >> shift === r.value >> shift;
  });
}

function checkSourceIp(v: Validation, negated: boolean, values: StringValue[], path: PathElement[], node: Node): void {
  const valid = values.filter((x) => parseCidr(x.text) !== undefined);
  if (valid.length === 0) return;
  const privateCount = valid.filter((x) => isPrivate(x.text)).length;
  if (privateCount === valid.length) v.report(negated ? 'PRIVATE_NOT_IP_ADDRESS' : 'PRIVATE_IP_ADDRESS', path, node);
  else if (privateCount > 0) v.report(negated ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET', path, node);
}

