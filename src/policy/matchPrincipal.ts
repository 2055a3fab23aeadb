import { parsePrincipalArn } from '../arn/index.ts';
import type { PrincipalBlock, PrincipalIdentity, PrincipalMatchKind } from './types.ts';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * How one AWS principal value names the requesting principal, if it does.
 * - '*': everyone, anonymous callers included (same as Principal "*").
 * - '111111111111' or 'arn:aws:iam::111111111111:root': every principal of that account.
 * - a user ARN or an assumed-role session ARN: exactly that principal.
 * - a role ARN: the role and every session of it.
 */
export function awsPrincipalMatch(value: string, principal: PrincipalIdentity): PrincipalMatchKind | undefined {
  if (value === '*') return 'wildcard';
  if (principal.type === 'anonymous') return undefined;
  if (ACCOUNT_ID.test(value)) return value === principal.accountId ? 'account' : undefined;
  const named = parsePrincipalArn(value);
  if (named?.kind === 'root') return named.accountId === principal.accountId ? 'account' : undefined;
  if (named?.kind === 'role') return value === principal.arn || value === principal.roleArn ? 'specific' : undefined;
  return value === principal.arn ? 'specific' : undefined;
}

const STRENGTH: Record<PrincipalMatchKind, number> = { specific: 3, account: 2, wildcard: 1 };

/**
 * The strongest way a Principal block names the principal, or undefined. Service,
 * Federated and CanonicalUser name other kinds of principal than the AWS ones
 * crossgate evaluates, so they never match.
 */
export function principalMatch(block: PrincipalBlock, principal: PrincipalIdentity): PrincipalMatchKind | undefined {
  if (block.wildcard === true) return 'wildcard';
  let best: PrincipalMatchKind | undefined;
  for (const value of block.AWS ?? []) {
    const m = awsPrincipalMatch(value, principal);
    if (m !== undefined && (best === undefined || STRENGTH[m] > STRENGTH[best])) best = m;
  }
  return best;
}

/**
 * Whether a Deny with NotPrincipal applies to the principal (AWS supports
 * NotPrincipal with Deny only). AWS checks every identity in the caller's chain
 * (session, role, account; or user, account), so a caller escapes the Deny only
 * when each of them is listed — the documented reason a NotPrincipal must also
 * list the account ARN.
 */
export function notPrincipalApplies(block: PrincipalBlock, principal: PrincipalIdentity): boolean {
  if (block.wildcard === true || (block.AWS ?? []).includes('*')) return false;
  const listed = new Set(block.AWS ?? []);
  return !principalChain(principal).every((forms) => forms.some((f) => listed.has(f)));
}

/** Each identity in the caller's chain, with the ways a policy may write it. */
function principalChain(principal: PrincipalIdentity): string[][] {
  if (principal.type === 'anonymous') return [[principal.arn]];
  const account = [principal.accountId, `arn:${partitionOf(principal.arn)}:iam::${principal.accountId}:root`];
  if (principal.type === 'root') return [account];
  const chain = [[principal.arn]];
  if (principal.type === 'assumedRole' && principal.roleArn !== undefined) chain.push([principal.roleArn]);
  chain.push(account);
  return chain;
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}
