/**
 * Static checks of a role's trust policy: who may assume the role, on what condition.
 * Pure: works on a parsed policy. Anything it cannot prove safe is a finding.
 */
import { parsePrincipalArn, principalAccountId } from '../../arn/index.ts';
import { actionMatches } from '../../policy/index.ts';
import type { ConditionBlock, Policy, Statement } from '../../policy/index.ts';
import { verdict, type StaticFinding, type StaticVerdict } from './types.ts';

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

/** One principal an Allow statement of the trust policy lets assume the role. */
export interface TrustGrant {
  statementIndex: number;
  sid?: string;
  /** As written in the policy. */
  principal: string;
  kind: 'wildcard' | 'account' | 'user' | 'role' | 'assumedRole' | 'service' | 'federated' | 'canonicalUser' | 'unparsable';
  accountId?: string;
  condition?: ConditionBlock;
}

function grantsAssume(s: Statement): boolean {
  if (s.action) return s.action.some((p) => ASSUME_ACTIONS.some((a) => actionMatches(p, a)));
  if (s.notAction) return ASSUME_ACTIONS.some((a) => !s.notAction!.some((p) => actionMatches(p, a)));
  return false;
}

function classifyAws(value: string): Pick<TrustGrant, 'kind' | 'accountId'> {
  if (value === '*') return { kind: 'wildcard' };
  if (/^\d{12}$/.test(value)) return { kind: 'account', accountId: value };
  const arn = parsePrincipalArn(value);
  if (!arn) return { kind: 'unparsable' };
  return { kind: arn.kind === 'root' ? 'account' : arn.kind, accountId: arn.accountId };
}

/** Every principal the trust policy's Allow statements let assume the role. */
export function trustGrants(policy: Policy): TrustGrant[] {
  const grants: TrustGrant[] = [];
  for (const s of policy.statements) {
    if (s.effect !== 'Allow' || !grantsAssume(s)) continue;
    const base = { statementIndex: s.index, sid: s.sid, condition: s.condition };
    if (s.notPrincipal) {
      grants.push({ ...base, principal: 'NotPrincipal', kind: 'wildcard' });
      continue;
    }
    const p = s.principal;
    if (!p) continue;
    if (p.wildcard) grants.push({ ...base, principal: '*', kind: 'wildcard' });
    for (const v of p.AWS ?? []) grants.push({ ...base, principal: v, ...classifyAws(v) });
    for (const v of p.Service ?? []) grants.push({ ...base, principal: v, kind: 'service' });
    for (const v of p.Federated ?? []) grants.push({ ...base, principal: v, kind: 'federated' });
    for (const v of p.CanonicalUser ?? []) grants.push({ ...base, principal: v, kind: 'canonicalUser' });
  }
  return grants;
}

/** Condition values that pin the caller's account, under a positive string/ARN operator. */
export function pinnedAccounts(condition: ConditionBlock | undefined): Set<string> | undefined {
  if (!condition) return undefined;
  for (const [operator, keys] of Object.entries(condition)) {
    if (!/^(StringEquals|StringLike|ArnEquals|ArnLike)$/i.test(operator)) continue;
    for (const [key, values] of Object.entries(keys)) {
      const k = key.toLowerCase();
      if (k === 'aws:principalaccount' || k === 'aws:sourceaccount') {
        if (values.every((v) => /^\d{12}$/.test(v))) return new Set(values);
      }
      if (k === 'aws:principalarn') {
        const accounts = values.map((v) => principalAccountId(v));
        if (accounts.every((a) => a !== undefined)) return new Set(accounts as string[]);
      }
    }
  }
  return undefined;
}

function finding(policyId: string, g: TrustGrant, message: string): StaticFinding {
  return { policy: policyId, statementIndex: g.statementIndex, sid: g.sid, message };
}

/** The trust policy lets principals of `accountId` assume the role (root or account id, or a principal in it). */
export function trustsAccount(policyId: string, policy: Policy, accountId: string): StaticVerdict {
  const grants = trustGrants(policy);
  // A wildcard admits the account too, unless a condition pins callers to other accounts.
  const hit = grants.some((g) => g.accountId === accountId || (g.kind === 'wildcard' && (pinnedAccounts(g.condition)?.has(accountId) ?? true)));
  return verdict([policyId], hit ? [] : [{ policy: policyId, message: `no Allow statement lets a principal of account ${accountId} assume the role (it trusts: ${grants.map((g) => g.principal).join(', ') || 'nobody'})` }]);
}

/** The trust policy lets this exact principal ARN (or its whole account) assume the role. */
export function trustsPrincipal(policyId: string, policy: Policy, principalArn: string): StaticVerdict {
  const target = parsePrincipalArn(principalArn);
  const hit = trustGrants(policy).some((g) => g.principal === principalArn || (g.kind === 'account' && g.accountId === target?.accountId));
  return verdict([policyId], hit ? [] : [{ policy: policyId, message: `no Allow statement names ${principalArn} or its account` }]);
}

/**
 * Nobody outside `accountIds` may assume the role. A wildcard principal passes only when
 * a condition pins the caller's account to the list; services, federated and unparsable
 * principals are outside by definition.
 */
export function trustsOnly(policyId: string, policy: Policy, accountIds: string[]): StaticVerdict {
  const allowed = new Set(accountIds);
  const findings: StaticFinding[] = [];
  for (const g of trustGrants(policy)) {
    if (g.kind === 'wildcard') {
      const pinned = pinnedAccounts(g.condition);
      if (!pinned) findings.push(finding(policyId, g, `${g.principal === 'NotPrincipal' ? 'NotPrincipal in an Allow lets everyone else' : "Principal '*' lets any AWS principal"} assume the role, and no condition pins the caller's account`));
      else {
        const outside = [...pinned].filter((a) => !allowed.has(a));
        if (outside.length > 0) findings.push(finding(policyId, g, `a wildcard principal is pinned to accounts outside the list: ${outside.join(', ')}`));
      }
    } else if (g.accountId === undefined) {
      findings.push(finding(policyId, g, `${g.kind} principal '${g.principal}' is not an account on the list`));
    } else if (!allowed.has(g.accountId)) {
      findings.push(finding(policyId, g, `'${g.principal}' is in account ${g.accountId}, outside ${accountIds.join(', ')}`));
    }
  }
  return verdict([policyId], findings);
}

/**
 * Every grant to an AWS principal carries a condition on `key` (e.g. sts:ExternalId,
 * aws:PrincipalOrgID) under an operator that requires the key to be present.
 */
export function requiresCondition(policyId: string, policy: Policy, key: string): StaticVerdict {
  const k = key.toLowerCase();
  const findings: StaticFinding[] = [];
  const grants = trustGrants(policy).filter((g) => g.kind !== 'service');
  for (const g of grants) {
    const present = Object.entries(g.condition ?? {}).some(
      ([operator, keys]) => !/IfExists$/i.test(operator) && !/^Null$/i.test(operator) && !/^ForAllValues:/i.test(operator) && Object.keys(keys).some((x) => x.toLowerCase() === k),
    );
    if (!present) findings.push(finding(policyId, g, `'${g.principal}' may assume the role without a condition on ${key}`));
  }
  if (grants.length === 0) findings.push({ policy: policyId, message: 'the trust policy grants sts:AssumeRole to no AWS principal, so there is nothing to require a condition of' });
  return verdict([policyId], findings);
}
