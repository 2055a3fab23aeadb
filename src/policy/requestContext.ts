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

/**
 * The request context as statements see it: keys lower-cased (condition keys are
 * case-insensitive), plus the global keys AWS derives from the principal when the
 * caller did not give them.
 */
export function buildRequestContext(
  principal: PrincipalIdentity,
  given: Record<string, ContextValue> = {},
): ReadonlyMap<string, ContextValue> {
  const context = new Map<string, ContextValue>();
  for (const [key, value] of Object.entries(given)) context.set(key.toLowerCase(), value);
  for (const [key, value] of Object.entries(principalKeys(principal))) {
    const lower = key.toLowerCase();
    if (!context.has(lower)) context.set(lower, value);
  }
  return context;
}

/** The global condition keys AWS fills in from who is calling. */
export function principalKeys(principal: PrincipalIdentity): Record<string, string> {
  const keys: Record<string, string> = { 'aws:PrincipalType': PRINCIPAL_TYPE[principal.type] };
  if (principal.type === 'anonymous') {
    keys['aws:userid'] = principal.userId ?? 'anonymous';
    return keys;
  }
  keys['aws:PrincipalArn'] = principal.type === 'assumedRole' && principal.roleArn ? principal.roleArn : principal.arn;
  keys['aws:PrincipalAccount'] = principal.accountId;
  const userId = principal.userId ?? (principal.type === 'root' ? principal.accountId : undefined);
  if (userId !== undefined) keys['aws:userid'] = userId;
  if (principal.type === 'user') {
    const parsed = parsePrincipalArn(principal.arn);
    if (parsed?.kind === 'user') keys['aws:username'] = parsed.name;
  }
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
