import { parsePrincipalArn } from '../arn/index.ts';
import type { ContextValue, PrincipalIdentity } from './types.ts';

/** aws:PrincipalType in IAM's words. A role acts only through its sessions. */
const PRINCIPAL_TYPE: Record<PrincipalIdentity['type'], string> = {
  user: 'User',
  assumedRole: 'AssumedRole',
  role: 'AssumedRole',
  root: 'Account',
  anonymous: 'Anonymous',
};

const derived = new WeakMap<PrincipalIdentity, ReadonlyMap<string, string>>();

/** principalKeys, lower-cased, once per principal object (principals are treated as immutable). */
function derivedKeys(principal: PrincipalIdentity): ReadonlyMap<string, string> {
  let keys = derived.get(principal);
  if (keys === undefined) {
    keys = new Map(Object.entries(principalKeys(principal)).map(([k, v]) => [k.toLowerCase(), v] as const));
    derived.set(principal, keys);
  }
  return keys;
}

/** What statements read from a request context: values by lower-cased key. */
export interface ContextLookup {
  get(lowerKey: string): ContextValue | undefined;
}

const NO_KEYS: ReadonlyMap<string, string> = new Map();

/**
 * The request context without copying the principal's keys: the given keys
 * (lower-cased), then the principal's, then aws:EpochTime / aws:CurrentTime
 * derived from each other on demand. Same answers as buildRequestContext.
 */
export class RequestContextView implements ContextLookup {
  private readonly principal: PrincipalIdentity;
  private readonly given: Record<string, ContextValue> | undefined;
  private readonly fromPrincipal: boolean;
  /** The given keys lower-cased, built on the first lookup (many requests never look). */
  private lowered: Map<string, ContextValue> | undefined;
  private derived: ReadonlyMap<string, string> | undefined;

  constructor(principal: PrincipalIdentity, given: Record<string, ContextValue> | undefined, fromPrincipal: boolean) {
    this.principal = principal;
    this.given = given;
    this.fromPrincipal = fromPrincipal;
  }

  get(lowerKey: string): ContextValue | undefined {
    const v = this.own(lowerKey);
    if (v !== undefined) return v;
    if (this.fromPrincipal) {
      const d = (this.derived ??= derivedKeys(this.principal)).get(lowerKey);
      if (d !== undefined) return d;
    }
    if (lowerKey === 'aws:epochtime') return epochFrom(this.own('aws:currenttime'));
    if (lowerKey === 'aws:currenttime') return currentFrom(this.own('aws:epochtime'));
    return undefined;
  }

  private own(lowerKey: string): ContextValue | undefined {
    if (this.given === undefined) return undefined;
    if (this.lowered === undefined) {
      const map = new Map<string, ContextValue>();
      for (const key in this.given) map.set(key.toLowerCase(), this.given[key] as ContextValue);
      this.lowered = map;
    }
    return this.lowered.get(lowerKey);
  }
}

function epochFrom(current: ContextValue | undefined): string | undefined {
  if (typeof current !== 'string') return undefined;
  const ms = Date.parse(current);
  return Number.isNaN(ms) ? undefined : String(Math.floor(ms / 1000));
}

function currentFrom(epoch: ContextValue | undefined): string | undefined {
  if (typeof epoch !== 'string' || !/^\d+$/.test(epoch)) return undefined;
  const d = new Date(Number(epoch) * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The request context as statements see it: keys lower-cased (condition keys are
 * case-insensitive), plus the global keys AWS derives from the principal when the
 * caller did not give them (unless `fromPrincipal` is false), plus aws:EpochTime
 * from aws:CurrentTime and the other way round.
 */
export function buildRequestContext(
  principal: PrincipalIdentity,
  given: Record<string, ContextValue> = {},
  fromPrincipal = true,
): ReadonlyMap<string, ContextValue> {
  const context = new Map<string, ContextValue>();
  for (const key in given) context.set(key.toLowerCase(), given[key] as ContextValue);
  if (fromPrincipal) {
    for (const [lower, value] of derivedKeys(principal)) if (!context.has(lower)) context.set(lower, value);
  }
  // aws:CurrentTime and aws:EpochTime are two views of one instant: either gives the other.
  if (!context.has('aws:epochtime')) {
    const epoch = epochFrom(context.get('aws:currenttime'));
    if (epoch !== undefined) context.set('aws:epochtime', epoch);
  } else if (!context.has('aws:currenttime')) {
    const current = currentFrom(context.get('aws:epochtime'));
    if (current !== undefined) context.set('aws:currenttime', current);
  }
  return context;
}

/**
 * The global condition keys AWS fills in from who is calling: aws:PrincipalType,
 * aws:PrincipalArn, aws:PrincipalAccount, aws:userid, aws:username (users),
 * aws:PrincipalTag/<key>, aws:PrincipalOrgID, aws:PrincipalIsAWSService.
 * Keys that depend on the request rather than the principal (aws:SourceIp,
 * aws:SecureTransport, aws:CurrentTime, aws:TokenIssueTime,
 * aws:MultiFactorAuthPresent, sts:ExternalId, aws:RequestTag/…) come from the caller.
 */
export function principalKeys(principal: PrincipalIdentity): Record<string, string> {
  const keys: Record<string, string> = { 'aws:PrincipalType': PRINCIPAL_TYPE[principal.type] };
  if (principal.type === 'anonymous') {
    keys['aws:userid'] = principal.userId ?? 'anonymous';
    return keys;
  }
  keys['aws:PrincipalArn'] = principal.type === 'assumedRole' && principal.roleArn ? principal.roleArn : principal.arn;
  keys['aws:PrincipalAccount'] = principal.accountId;
  keys['aws:PrincipalIsAWSService'] = 'false';
  const userId = principal.userId ?? (principal.type === 'root' ? principal.accountId : undefined);
  if (userId !== undefined) keys['aws:userid'] = userId;
  if (principal.type === 'user') {
    const parsed = parsePrincipalArn(principal.arn);
    if (parsed?.kind === 'user') keys['aws:username'] = parsed.name;
  }
  if (principal.orgId !== undefined) keys['aws:PrincipalOrgID'] = principal.orgId;
  for (const [k, v] of Object.entries(principal.tags ?? {})) keys[`aws:PrincipalTag/${k}`] = v;
  return keys;
}

/** Values of a key (case-insensitive); undefined when absent or empty, which AWS treats alike. */
export function contextValues(context: ContextLookup, key: string): string[] | undefined {
  const value = context.get(key.toLowerCase());
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  return list.length === 0 ? undefined : list;
}

/**
 * A policy variable's value. Only single-valued keys can be policy variables: a key
 * given as a list is multivalued, even when the list holds one value.
 */
export function variableValue(context: ContextLookup, key: string): string | undefined {
  const value = context.get(key.toLowerCase());
  return typeof value === 'string' ? value : undefined;
}
