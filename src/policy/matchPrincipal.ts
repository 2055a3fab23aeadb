import { parsePrincipalArn } from '../arn/index.ts';
import type { PrincipalBlock, PrincipalIdentity, PrincipalMatchKind } from './types.ts';

const ACCOUNT_ID = /^\d{12}$/;

/** One AWS principal value, classified once. */
type PrincipalValue =
  | { kind: 'wildcard' }
  | { kind: 'account'; accountId: string }
  | { kind: 'role'; arn: string }
  | { kind: 'arn'; arn: string };

export interface CompiledPrincipalBlock {
  /** Principal "*" (or AWS "*" in a list). */
  wildcard: boolean;
  values: readonly PrincipalValue[];
  /** The AWS values as written, for NotPrincipal. */
  listed: ReadonlySet<string>;
}

function classify(value: string): PrincipalValue {
  if (value === '*') return { kind: 'wildcard' };
  if (ACCOUNT_ID.test(value)) return { kind: 'account', accountId: value };
  const named = parsePrincipalArn(value);
  if (named?.kind === 'root') return { kind: 'account', accountId: named.accountId };
  if (named?.kind === 'role') return { kind: 'role', arn: value };
  return { kind: 'arn', arn: value };
}

export function compilePrincipalBlock(block: PrincipalBlock): CompiledPrincipalBlock {
  const aws = block.AWS ?? [];
  return { wildcard: block.wildcard === true, values: aws.map(classify), listed: new Set(aws) };
}

function valueMatch(v: PrincipalValue, principal: PrincipalIdentity): PrincipalMatchKind | undefined {
  if (v.kind === 'wildcard') return 'wildcard';
  if (principal.type === 'anonymous') return undefined;
  switch (v.kind) {
    case 'account':
      return v.accountId === principal.accountId ? 'account' : undefined;
    case 'role':
      return v.arn === principal.arn ? 'specific' : v.arn === principal.roleArn ? 'role' : undefined;
    case 'arn':
      return v.arn === principal.arn ? 'specific' : undefined;
  }
}

/**
 * How one AWS principal value names the requesting principal, if it does.
 * - '*': everyone, anonymous callers included (same as Principal "*").
 * - '111111111111' or 'arn:aws:iam::111111111111:root': every principal of that account.
 * - a user ARN or an assumed-role session ARN: exactly that principal ('specific').
 * - a role ARN: the role itself ('specific') and every session of it ('role').
 */
export function awsPrincipalMatch(value: string, principal: PrincipalIdentity): PrincipalMatchKind | undefined {
  return valueMatch(classify(value), principal);
}

const STRENGTH: Record<PrincipalMatchKind, number> = { specific: 4, role: 3, account: 2, wildcard: 1 };

/** The strongest way a compiled Principal block names the principal, or undefined. */
export function compiledPrincipalMatch(block: CompiledPrincipalBlock, principal: PrincipalIdentity): PrincipalMatchKind | undefined {
  if (block.wildcard) return 'wildcard';
  let best: PrincipalMatchKind | undefined;
  for (const v of block.values) {
    const m = valueMatch(v, principal);
    if (m !== undefined && (best === undefined || STRENGTH[m] > STRENGTH[best])) best = m;
  }
  return best;
}

/**
 * The strongest way a Principal block names the principal, or undefined. Service,
 * Federated and CanonicalUser name other kinds of principal than the AWS ones
 * crossgate evaluates, so they never match.
 */
export function principalMatch(block: PrincipalBlock, principal: PrincipalIdentity): PrincipalMatchKind | undefined {
  return compiledPrincipalMatch(compilePrincipalBlock(block), principal);
}

/**
 * Whether a Deny with NotPrincipal applies to the principal (AWS supports
 * NotPrincipal with Deny only). AWS checks every identity in the caller's chain
 * (session, role, account; or user, account), so a caller escapes the Deny only
 * when each of them is listed — the documented reason a NotPrincipal must also
 * list the account ARN.
 */
export function compiledNotPrincipalApplies(block: CompiledPrincipalBlock, principal: PrincipalIdentity): boolean {
  if (block.wildcard || block.listed.has('*')) return false;
  for (const forms of principalChain(principal)) if (!forms.some((f) => block.listed.has(f))) return true;
  return false;
}

export function notPrincipalApplies(block: PrincipalBlock, principal: PrincipalIdentity): boolean {
  return compiledNotPrincipalApplies(compilePrincipalBlock(block), principal);
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
