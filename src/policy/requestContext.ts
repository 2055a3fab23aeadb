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

const derived = new WeakMap<PrincipalIdentity, ReadonlyArray<readonly [string, string]>>();

/** principalKeys, lower-cased, once per principal object. */
function derivedKeys(principal: PrincipalIdentity): ReadonlyArray<readonly [string, string]> {
  let keys = derived.get(principal);
  if (keys === undefined) {
    keys = Object.entries(principalKeys(principal)).map(([k, v]) => [k.toLowerCase(), v] as const);
    derived.set(principal, keys);
  }
  return keys;
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
  deriveTime(context);
  return context;
}

/** aws:CurrentTime and aws:EpochTime are two views of one instant: either gives the other. */
function deriveTime(context: Map<string, ContextValue>): void {
  const current = context.get('aws:currenttime');
  const epoch = context.get('aws:epochtime');
  if (typeof current === 'string' && epoch === undefined) {
    const ms = Date.parse(current);
    if (!Number.isNaN(ms)) context.set('aws:epochtime', String(Math.floor(ms / 1000)));
  } else if (typeof epoch === 'string' && current === undefined && /^\d+$/.test(epoch)) {
    const d = new Date(Number(epoch) * 1000);
    if (!Number.isNaN(d.getTime())) context.set('aws:currenttime', d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }
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
export function contextValues(context: ReadonlyMap<string, ContextValue>, key: string): string[] | undefined {
  const value = context.get(key.toLowerCase());
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  return list.length === 0 ? undefined : list;
}

/** A policy variable's value: only single-valued keys can be substituted. */
export function variableValue(context: ReadonlyMap<string, ContextValue>, key: string): string | undefined {
  const value = context.get(key.toLowerCase());
  if (typeof value === 'string') return value;
  return value !== undefined && value.length === 1 ? value[0] : undefined;
}
