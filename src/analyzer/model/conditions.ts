/**
 * Reasoning about Condition blocks without a request: when one block certainly
 * implies another, and when a block certainly limits who can be the caller.
 * Both are sufficient tests only; anything they cannot show counts as "no".
 */
import { parseOperator, type ConditionBlock } from '../../policy/index.ts';
import { parseCidr } from '../../policy/conditions/ipAddress.ts';

export interface Clause {
  operator: string;
  /** Normalised operator: qualifier, base name, IfExists. */
  normalized: string;
  base: string;
  negated: boolean;
  set?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  key: string;
  values: string[];
}

export function clauses(block: ConditionBlock | undefined): Clause[] | undefined {
  const out: Clause[] = [];
  for (const [operator, keys] of Object.entries(block ?? {})) {
    const op = parseOperator(operator);
    if (op === undefined) return undefined;
    for (const [key, values] of Object.entries(keys)) {
      const clause: Clause = {
        operator,
        normalized: `${op.set ?? ''}:${op.base.name}:${op.ifExists}`,
        base: op.base.name,
        negated: op.base.negated,
        ifExists: op.ifExists,
        key: key.toLowerCase(),
        values,
      };
      if (op.set !== undefined) clause.set = op.set;
      out.push(clause);
    }
  }
  return out;
}

/**
 * Does `stronger` hold whenever it holds… that is, is every clause of `weaker`
 * implied by a clause of `stronger` on the same operator and key? A positive
 * operator with fewer values is stronger (values are alternatives); a negated one
 * with more values is stronger. Policy variables only compare under equal Versions.
 */
export function conditionImplies(stronger: ConditionBlock | undefined, weaker: ConditionBlock | undefined, sameVersion: boolean): boolean {
  const weak = clauses(weaker);
  const strong = clauses(stronger);
  if (weak === undefined || strong === undefined) return false;
  return weak.every((w) =>
    strong.some((s) => {
      if (s.normalized !== w.normalized || s.key !== w.key) return false;
      if (!sameVersion && [...s.values, ...w.values].some((v) => v.includes('${'))) return false;
      const fold = (v: string) => (/IgnoreCase$|^Bool$|^Null$/.test(s.base) ? v.toLowerCase() : v);
      const sv = new Set(s.values.map(fold));
      const wv = new Set(w.values.map(fold));
      if (s.base === 'Null' || s.base === 'Bool') return sv.size === wv.size && [...sv].every((v) => wv.has(v));
      return s.negated ? [...wv].every((v) => sv.has(v)) : [...sv].every((v) => wv.has(v));
    }),
  );
}

/** Structural equality of two blocks (same clauses, same values): they hold in the same requests. */
export function sameCondition(a: ConditionBlock | undefined, b: ConditionBlock | undefined, sameVersion: boolean): boolean {
  return conditionImplies(a, b, sameVersion) && conditionImplies(b, a, sameVersion);
}

/**
 * Global keys whose value is fixed by who the caller is (or on whose behalf a
 * service calls): a clause pinning one of them to concrete values admits only
 * known accounts, organizations or principals.
 */
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner']);
const ORG_KEYS = new Set(['aws:principalorgid', 'aws:sourceorgid']);
const ORG_PATH_KEYS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
const USERID_KEYS = new Set(['aws:userid']);

/**
 * Keys whose fixed values make a grant to "*" not public, as AWS determines it:
 * IAM Access Analyzer "considers only certain IAM condition keys that external
 * users cannot directly influence" (IAM User Guide, "How IAM Access Analyzer
 * works"), and the list is the one Amazon S3 documents for "The meaning of
 * public" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status):
 * the caller's account, organization or ARN, the source of a service's call, the
 * source network (aws:SourceIp, aws:SourceVpc, aws:SourceVpce).
 */
export const RESTRICTING_KEYS: readonly string[] = [
  'aws:PrincipalAccount', 'aws:SourceAccount', 'aws:SourceOwner', 'aws:PrincipalOrgID', 'aws:SourceOrgID',
  'aws:PrincipalOrgPaths', 'aws:SourceOrgPaths', 'aws:PrincipalArn', 'aws:SourceArn', 'aws:userid',
  'aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce',
];
const NETWORK_KEYS = new Set(['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce']);

function concreteValue(key: string, value: string): boolean {
  if (value.includes('${')) return false;
  if (ACCOUNT_KEYS.has(key)) return /^\d{12}$/.test(value);
  if (ORG_KEYS.has(key)) return /^o-[a-z0-9]+$/.test(value);
  if (ORG_PATH_KEYS.has(key)) return /^o-[a-z0-9]+\//.test(value);
  if (ARN_KEYS.has(key)) {
    const account = value.split(':')[4];
    return value.startsWith('arn:') && account !== undefined && /^\d{12}$/.test(account);
  }
  if (USERID_KEYS.has(key)) return /^[A-Z0-9]{16,}/.test(value) || /^\d{12}(:|$)/.test(value);
  if (key === 'aws:sourcevpc') return /^vpc-[a-z0-9]+$/.test(value);
  if (key === 'aws:sourcevpce') return /^vpce-[a-z0-9]+$/.test(value);
  if (key === 'aws:sourceip') {
    // A range no wider than /8 (IPv4) or /32 (IPv6): "0.0.0.0/1" still admits half the internet.
    const cidr = parseCidr(value);
    return cidr !== undefined && cidr.prefix >= (cidr.family === 4 ? 8 : 32);
  }
  return false;
}

/** The operators that test a key against fixed values: strings and ARNs, and IP ranges for aws:SourceIp. */
function positiveMatcher(base: string, key: string): boolean {
  if (key === 'aws:sourceip') return base === 'IpAddress';
  return POSITIVE_MATCHERS.has(base) && !(NETWORK_KEYS.has(key) && base.startsWith('Arn'));
}

const POSITIVE_MATCHERS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);

/**
 * A clause that is false for every caller outside the accounts, organizations or
 * principals it names: a positive string or ARN test (not IfExists, not
 * ForAllValues, which hold when the key is missing) of a restricting key against
 * concrete values only.
 */
export function restrictsCaller(c: Clause): boolean {
  if (!positiveMatcher(c.base, c.key) || c.negated || c.ifExists || c.set === 'ForAllValues') return false;
  if (!RESTRICTING_KEYS.some((k) => k.toLowerCase() === c.key)) return false;
  return c.values.every((v) => concreteValue(c.key, v));
}

/**
 * A clause that is true for every caller outside the named accounts, organizations
 * or principals: the negated form (StringNotEquals aws:PrincipalOrgID …), which also
 * holds when the key is missing. A Deny made only of such clauses keeps everyone
 * else out.
 */
export function excludesOutsiders(c: Clause): boolean {
  const positive = c.base.replace('Not', '');
  if (!c.negated || !positiveMatcher(positive, c.key) || c.set !== undefined) return false;
  if (!RESTRICTING_KEYS.some((k) => k.toLowerCase() === c.key)) return false;
  return c.values.length > 0 && c.values.every((v) => concreteValue(c.key, v));
}
