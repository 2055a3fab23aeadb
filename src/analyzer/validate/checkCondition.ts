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
import { checkConditionKeyForResourceType } from './checkResourceType.ts';
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
      checkKeyUse(v, st, operator, op.name, k.name, info, values, keyPath, k.key);
      checkConditionKeyForResourceType(v, k.name, keyPath, k.key);
    }
  }
  const allKeys = operators.flatMap((op) => properties(op.value).map((k) => ({ key: k.name, path: child(path, { value: op.name }, { key: k.name }), node: k.key })));
  checkActionsForKeys(v, st, allKeys);
  checkNotActionTagKeys(v, st, allKeys);
  checkKeyPairs(v, st, operators.flatMap((op) => properties(op.value).map((k) => ({ operator: op.name, key: k.name, path: child(path, { value: op.name }, { key: k.name }), node: k.key }))));
}

/** Keys whose values name a service principal ('athena.amazonaws.com'). */
const SERVICE_PRINCIPAL_KEYS = new Map([
  ['aws:calledvia', 'service-name.amazonaws.com'],
  ['aws:calledviafirst', 'service-name.amazonaws.com'],
  ['aws:calledvialast', 'service-name.amazonaws.com'],
  ['aws:principalservicename', 'service-name.amazonaws.com'],
  ['aws:principalservicenameslist', 'service-name.amazonaws.com'],
  ['iam:passedtoservice', 'service-name.amazonaws.com'],
  ['kms:viaservice', 'service-name.AWS_region.amazonaws.com'],
]);
const SERVICE_PRINCIPAL_VALUE = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$/;
/** Global keys of ARN type, for when no catalog says so. */
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
/** Keys whose values are Region codes, and the Regions AWS runs (AWS General Reference, "AWS Regions"). */
const REGION_KEYS = new Set(['aws:requestedregion', 'ec2:region']);
const REGIONS = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
  'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'us-isof-south-1', 'us-isof-east-1', 'eu-isoe-west-1', 'eusc-de-east-1',
]);
/** Keys whose value is a KMS key ARN (Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS"). */
const KMS_KEY_KEYS = new Set(['s3:x-amz-server-side-encryption-aws-kms-key-id']);
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
/** Keys the caller sets: the IAM User Guide calls them unsuitable for access control. */
const UNTRUSTWORTHY_KEYS = new Set(['aws:useragent', 'aws:referer']);
/** Audience claims of the identity providers that issue one audience per token. */
const SINGLE_AUDIENCE_KEYS = new Set(['cognito-identity.amazonaws.com:aud', 'accounts.google.com:aud', 'token.actions.githubusercontent.com:aud']);

/**
 * Checks on how one key is used: wildcards that make a test trivial, string
 * operators on ARN keys, service principal values, VPC ids, tag keys, spoofable
 * keys, s3:prefix in negative context, qualifiers on audience claims.
 */
function checkKeyUse(v: Validation, st: StatementView, op: Operator, opText: string, key: string, info: ConditionKeyInfo | undefined, values: StringValue[], keyPath: PathElement[], keyNode: Node): void {
  const lower = key.toLowerCase();
  const base = op.base.name;
  const stars = values.length > 0 && values.some((x) => /^\*+$/.test(x.text));
  if (stars && op.set === undefined && /^(StringLike|ArnLike)$/.test(base)) {
    if (op.ifExists) v.report('REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION', keyPath, keyNode, { key, operator: opText });
    else v.report('EQUIVALENT_TO_NULL_FALSE', keyPath, keyNode, { key, operator: opText, recommendedKey: key });
  }
  if (stars && op.set === undefined && !op.ifExists && /^(StringNotLike|ArnNotLike)$/.test(base)) v.report('EQUIVALENT_TO_NULL_TRUE', keyPath, keyNode, { key, operator: opText, recommendedKey: key });

  const arnKey = info !== undefined ? info.type.replace(/^ArrayOf/, '') === 'ARN' : ARN_KEYS.has(lower);
  if (arnKey && /^String(Not)?Like$/.test(base)) v.report('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', keyPath, keyNode, { allowed: 'ARN', operator: opText, key });

  const stringFamily = base.startsWith('String');
  const format = SERVICE_PRINCIPAL_KEYS.get(lower);
  if (format !== undefined && stringFamily) {
    for (const x of values) {
      if (/[*?]|\$\{/.test(x.text)) continue;
      const ok = lower === 'kms:viaservice' ? /^[a-z0-9-]+\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(x.text) : SERVICE_PRINCIPAL_VALUE.test(x.text);
      if (!ok) v.report('INVALID_SERVICE_PRINCIPAL_FORMAT', x.path, x.node, { expectedFormat: format });
    }
  }
  if (stringFamily && (lower === 'aws:sourcevpc' || lower === 'aws:sourcevpce')) {
    const prefix = lower === 'aws:sourcevpc' ? 'vpc' : 'vpce';
    const pattern = new RegExp(`^${prefix}-([a-z0-9]{8}|[a-z0-9]{17})$`);
    for (const x of values) {
      if (!/[*?]|\$\{/.test(x.text) && !pattern.test(x.text)) v.report(prefix === 'vpc' ? 'INVALID_VPC_FORMAT' : 'INVALID_VPCE_FORMAT', x.path, x.node);
    }
  }
  if (REGION_KEYS.has(lower) && stringFamily) {
    for (const x of values) if (!/[*?]|\$\{/.test(x.text) && !REGIONS.has(x.text)) v.report('INVALID_REGION', x.path, x.node, { region: x.text });
  }
  if (KMS_KEY_KEYS.has(lower) && stringFamily) {
    for (const x of values) if (!/[*?]|\$\{/.test(x.text) && !KMS_KEY_ARN.test(x.text)) v.report('INVALID_KMS_KEY_VALUE', x.path, x.node, { key });
  }
  if (UNTRUSTWORTHY_KEYS.has(lower)) v.report('UNTRUSTWORTHY_CONDITION_KEY', keyPath, keyNode, { key });
  if (lower === 's3:prefix' && stringFamily && (st.effect === 'Deny') !== op.base.negated) v.report('S3_PREFIX_IN_NEGATIVE_CONTEXT', keyPath, keyNode);
  if (op.set !== undefined && /^[a-z0-9-]+(\.[a-z0-9-]+)+:aud$/.test(lower)) {
    if (op.set === 'ForAnyValue' && SINGLE_AUDIENCE_KEYS.has(lower)) v.report('FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE', keyPath, keyNode, { key });
    else if (!SINGLE_AUDIENCE_KEYS.has(lower)) v.report('CONFIRM_AUDIENCE_CLAIM_TYPE', keyPath, keyNode, { key, audienceType: 'aud' });
  }
}

/**
 * A service's own condition key (sts:ExternalId) next to literal actions of that
 * service that do not support it (sts:TagSession): the condition is never
 * evaluated for them. Wildcard actions are not evaluated, as AWS documents.
 */
function checkActionsForKeys(v: Validation, st: StatementView, keys: { key: string; path: PathElement[]; node: Node }[]): void {
  const lookup = v.catalog?.actionConditionKeys?.bind(v.catalog);
  const action = st.element('Action');
  if (lookup === undefined || action === undefined) return;
  const actions = (action.value.type === 'string' ? [action.value] : items(action.value)).flatMap((n) => (n.type === 'string' ? [String(n.value)] : []));
  for (const k of keys) {
    const colon = k.key.indexOf(':');
    const service = k.key.slice(0, colon).toLowerCase();
    if (colon <= 0 || service === 'aws' || service.includes('.')) continue;
    if (!(v.catalog?.serviceConditionKeys(service) ?? []).some((t) => matchesKeyTemplate(t.key, k.key))) continue;
    const unsupported = actions.filter((a) => {
      const [prefix = '', name = ''] = a.split(':');
      if (prefix.toLowerCase() !== service || /[*?]/.test(a) || name === '') return false;
      const supported = lookup(prefix, name);
      return supported !== undefined && !supported.some((t) => matchesKeyTemplate(t, k.key));
    });
    if (unsupported.length > 0) v.report('UNSUPPORTED_ACTION_FOR_CONDITION_KEY', k.path, k.node, { actions: unsupported.join(', '), key: k.key });
  }
}

/**
 * NotAction with a tag condition key: actions that do not support the key are
 * never matched by an Allow, never denied by a Deny ("Allow/Deny NotAction with
 * unsupported tag condition key for service").
 */
function checkNotActionTagKeys(v: Validation, st: StatementView, keys: { key: string; path: PathElement[]; node: Node }[]): void {
  if (st.element('NotAction') === undefined || st.effect === undefined) return;
  const tag = keys.find((k) => /^aws:resourcetag\/./i.test(k.key));
  if (tag === undefined) return;
  const code = st.effect === 'Allow' ? 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE' : 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE';
  v.report(code, tag.path, tag.node, { conditionKeyName: tag.key });
}

/** Keys that are only safe together (aws:VpcSourceIp with aws:SourceVpc), and dynamodb:Attributes with dynamodb:Select. */
function checkKeyPairs(v: Validation, st: StatementView, keys: { operator: string; key: string; path: PathElement[]; node: Node }[]): void {
  const has = (k: string) => keys.some((x) => x.key.toLowerCase() === k);
  for (const k of keys) {
    const lower = k.key.toLowerCase();
    if (lower === 'aws:vpcsourceip' && !has('aws:sourcevpc')) v.report('MISSING_PAIRED_CONDITION_KEYS', k.path, k.node, { conditionKeyName: k.key, recommendedKeys: 'aws:SourceVpc' });
    if (lower === 'dynamodb:attributes' && st.effect === 'Allow' && !has('dynamodb:select')) v.report('DYNAMODB_ATTRIBUTES_WITHOUT_SELECT', k.path, k.node);
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
  // One key's values share a JSON type ("Error – Invalid condition data type").
  if (new Set(items(node).filter((i) => scalarText(i) !== undefined).map((i) => i.type)).size > 1) {
    v.report('INVALID_CONDITION_DATA_TYPE', path, node);
    return undefined;
  }
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
  if (/^aws:(ResourceTag|RequestTag|PrincipalTag)\/?$/i.test(key)) {
    v.report('MISSING_TAG_KEY_IN_CONDITION', path, node, { conditionKeyName: key.endsWith('/') ? key : `${key}/` });
    return undefined;
  }
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

