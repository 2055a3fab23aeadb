import { parseCidr } from './conditions/ipAddress.ts';
import { parseDate } from './conditions/date.ts';
import { parseNumber } from './conditions/numeric.ts';
import { parseOperator } from './conditions/operators.ts';
import { hasPolicyVariables } from './policyVariables.ts';
import type { NamedPolicy, PolicyProblem } from './types.ts';

export const SUPPORTED_VERSIONS: readonly string[] = ['2012-10-17', '2008-10-17'];

/** Kinds whose statements must name principals, and kinds that must not. */
const NEEDS_PRINCIPAL: ReadonlySet<NamedPolicy['kind']> = new Set(['resource', 'trust', 'rcp']);
const NEEDS_RESOURCE: ReadonlySet<NamedPolicy['kind']> = new Set(['identity', 'resource', 'boundary', 'session', 'rcp']);

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
const ACCOUNT_ID = /^\d{12}$/;
/** IAM unique ids (AIDA…, AROA…): what a principal ARN turns into once its user or role is deleted. */
const UNIQUE_ID = /^A[A-Z0-9]{15,127}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rules beyond the grammar: Version values, Action xor NotAction, Resource and
 * Principal by policy kind, action and principal shapes, condition operators and
 * values, unique Sids. Runs on documents whose Statement is already a list, and
 * tolerates anything the schema rejects (it reports only what it can read).
 */
export function checkPolicy(document: unknown, kind?: NamedPolicy['kind']): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(document)) return problems;

  const version = document['Version'];
  if (typeof version === 'string' && !SUPPORTED_VERSIONS.includes(version)) {
    problem('/Version', `unsupported Version '${version}'`);
  }

  const statements = Array.isArray(document['Statement']) ? (document['Statement'] as unknown[]) : [];
  const sids = new Set<string>();
  statements.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const at = `/Statement/${i}`;
    const has = (k: string) => raw[k] !== undefined;

    const sid = raw['Sid'];
    if (typeof sid === 'string' && sid !== '') {
      if (sids.has(sid)) problem(`${at}/Sid`, `duplicate Sid '${sid}': Sids must be unique within a policy`);
      sids.add(sid);
    }

    if (has('Action') && has('NotAction')) problem(at, 'Statement must have Action or NotAction, not both');
    else if (!has('Action') && !has('NotAction')) problem(at, 'Statement must have Action or NotAction');
    for (const key of ['Action', 'NotAction']) {
      eachString(raw[key], `${at}/${key}`, (value, path) => {
        if (value !== '*' && !ACTION.test(value)) problem(path, `${key} '${value}' must be '*' or '<service>:<action>'`);
      });
    }

    if (has('Resource') && has('NotResource')) problem(at, 'Statement must have Resource or NotResource, not both');
    else if (kind === 'trust' && (has('Resource') || has('NotResource'))) problem(at, 'a trust policy must not have Resource or NotResource');
    else if (kind !== undefined && NEEDS_RESOURCE.has(kind) && !has('Resource') && !has('NotResource')) {
      problem(at, 'Statement must have Resource or NotResource');
    }
    for (const key of ['Resource', 'NotResource']) {
      eachString(raw[key], `${at}/${key}`, (value, path) => {
        if (value !== '*' && !value.startsWith('arn:')) problem(path, `${key} '${value}' must be '*' or an ARN`);
      });
    }

    if (has('Principal') && has('NotPrincipal')) problem(at, 'Statement must have Principal or NotPrincipal, not both');
    else if (kind !== undefined && NEEDS_PRINCIPAL.has(kind) && !has('Principal') && !has('NotPrincipal')) {
      problem(at, `Statement must have Principal or NotPrincipal in ${article(kind)} ${kind} policy`);
    } else if (kind !== undefined && !NEEDS_PRINCIPAL.has(kind)) {
      for (const key of ['Principal', 'NotPrincipal']) {
        if (has(key)) problem(`${at}/${key}`, `${key} is not allowed in ${article(kind)} ${kind} policy`);
      }
    }
    if (has('NotPrincipal') && raw['Effect'] === 'Allow') problem(`${at}/NotPrincipal`, 'NotPrincipal can only be used with Effect Deny');
    if (has('NotPrincipal') && kind === 'trust') problem(`${at}/NotPrincipal`, 'NotPrincipal is not allowed in a trust policy');
    for (const key of ['Principal', 'NotPrincipal']) {
      const block = raw[key];
      if (isObject(block)) {
        eachString(block['AWS'], `${at}/${key}/AWS`, (value, path) => checkAwsPrincipal(value, path, problem));
      }
    }

    const condition = raw['Condition'];
    if (isObject(condition)) checkCondition(condition, `${at}/Condition`, problem);
  });
  return problems;
}

function checkAwsPrincipal(value: string, path: string, problem: (path: string, message: string) => void): void {
  if (value === '*' || ACCOUNT_ID.test(value) || UNIQUE_ID.test(value)) return;
  if (!value.startsWith('arn:')) {
    problem(path, `'${value}' is not an AWS principal: use '*', a 12-digit account id or an ARN`);
  } else if (value.includes('*') || value.includes('?')) {
    problem(path, `'${value}': principal ARNs cannot contain wildcards; match aws:PrincipalArn in a Condition instead`);
  }
}

function checkCondition(condition: Json, at: string, problem: (path: string, message: string) => void): void {
  for (const [operatorText, keys] of Object.entries(condition)) {
    const path = `${at}/${escapePointer(operatorText)}`;
    const operator = parseOperator(operatorText);
    if (operator === undefined) {
      problem(path, `unknown condition operator '${operatorText}'`);
      continue;
    }
    if (!isObject(keys)) continue;
    const name = operator.base.name;
    const valueCheck = VALUE_CHECKS.find(([prefix]) => name.startsWith(prefix))?.[1];
    for (const [key, values] of Object.entries(keys)) {
      const keyPath = `${path}/${escapePointer(key)}`;
      const each = Array.isArray(values) ? values.map((v, j) => [v, `${keyPath}/${j}`] as const) : [[values, keyPath] as const];
      for (const [v, p] of each) {
        const text = String(v);
        if (name === 'Null' && !['true', 'false'].includes(text.toLowerCase())) problem(p, `Null takes 'true' or 'false', not '${text}'`);
        const bad = valueCheck?.(text);
        if (bad !== undefined && !hasPolicyVariables(text)) problem(p, `${bad} for ${operatorText}`);
      }
    }
  }
}

const VALUE_CHECKS: ReadonlyArray<readonly [string, (v: string) => string | undefined]> = [
  ['Numeric', (v) => (parseNumber(v) === undefined ? `'${v}' is not a number` : undefined)],
  ['Date', (v) => (parseDate(v) === undefined ? `'${v}' is not a date (ISO 8601 or epoch seconds)` : undefined)],
  ['IpAddress', (v) => (parseCidr(v) === undefined ? `'${v}' is not an IP address or CIDR range` : undefined)],
  ['NotIpAddress', (v) => (parseCidr(v) === undefined ? `'${v}' is not an IP address or CIDR range` : undefined)],
  ['Bool', (v) => (['true', 'false'].includes(v.toLowerCase()) ? undefined : `'${v}' is not true or false`)],
];

function eachString(v: unknown, path: string, f: (value: string, path: string) => void): void {
  if (typeof v === 'string') f(v, path);
  else if (Array.isArray(v)) v.forEach((x, j) => typeof x === 'string' && f(x, `${path}/${j}`));
}

/** JSON Pointer escaping ('/' in 'ForAnyValue:…' keys is fine; '~' and '/' are not). */
function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
