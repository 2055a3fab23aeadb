/**
 * CheckNoPublicAccess: can a caller from an account the policy does not know reach
 * the resource?
 *
 * An Allow is public when it names every principal (Principal "*", {"AWS": "*"},
 * or Allow with NotPrincipal) and nothing pins the caller down: no clause of its
 * own Condition tests a caller-identifying key (aws:PrincipalAccount,
 * aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalArn, aws:SourceAccount,
 * aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths, aws:SourceOwner, aws:userid)
 * or the caller's network (aws:SourceIp within a /8 or narrower, aws:SourceVpc,
 * aws:SourceVpce) against fixed values, and no Deny for every principal keeps
 * outsiders out. These are the keys AWS counts (model/conditions.ts cites them).
 * In role trust policies, web identity federation is public too unless a
 * condition pins the token's audience or subject.
 *
 * Conditions crossgate cannot read as restrictions (sts:ExternalId, IfExists
 * forms, wildcard values) do not make a statement private: the answer is FAIL
 * with the reason, never a PASS that could be wrong.
 */
import { Budget } from '../glob/emptiness.ts';
import { isSubset } from '../glob/sets.ts';
import { ANALYZER_LIMITS } from '../limits.ts';
import { type Clause, clauses, excludesOutsiders, restrictsCaller } from '../model/conditions.ts';
import { appliesToEveryone, namesEveryone } from '../model/principals.ts';
import type { PolicyModel, StatementModel } from '../model/statementModel.ts';
import type { AccessCheckResourceType, CheckOutcome, Checked, ReasonSummary } from '../types.ts';
import { readPolicy } from './readPolicy.ts';
import { reason } from './reasons.ts';

export const NO_PUBLIC_ACCESS_MESSAGES = {
  PASS: 'The resource policy does not grant public access for the given resource type.',
  FAIL: 'The resource policy grants public access for the given resource type.',
} as const;

export interface CheckNoPublicAccessInput {
  policyDocument: string;
  resourceType: AccessCheckResourceType;
}

export const TRUST_POLICY_TYPE = 'AWS::IAM::AssumeRolePolicyDocument';

export function checkNoPublicAccess(input: CheckNoPublicAccessInput, budget = new Budget(ANALYZER_LIMITS.searchBudget)): Checked<CheckOutcome> {
  const model = readPolicy(input.policyDocument, input.resourceType === TRUST_POLICY_TYPE ? 'trust' : 'resource', 'policyDocument');
  if (!model.ok) return model;
  return { ok: true, value: noPublicAccess(model.value, budget) };
}

export function noPublicAccess(policy: PolicyModel, budget = new Budget(ANALYZER_LIMITS.searchBudget)): CheckOutcome {
  const reasons: ReasonSummary[] = publicGrants(policy, budget).map((g) =>
    reason(g.statement, `Public access granted in the following statement with index: ${g.statement.index}.`, g.description),
  );
  return reasons.length === 0
    ? { result: 'PASS', message: NO_PUBLIC_ACCESS_MESSAGES.PASS, reasons: [] }
    : { result: 'FAIL', message: NO_PUBLIC_ACCESS_MESSAGES.FAIL, reasons };
}

/** One Allow statement that lets unknown callers in, and how. */
export interface PublicGrant {
  statement: StatementModel;
  /** 'undecided': not examined (analysis budget exhausted), counted as public. */
  kind: 'everyone' | 'notPrincipal' | 'webIdentity' | 'undecided';
  /** For 'everyone': how the Principal element says it. */
  principal?: string;
  /** For 'webIdentity': the provider, and the token claims a condition should pin. */
  provider?: string;
  claims?: string[];
  description: string;
}

export function publicGrants(policy: PolicyModel, budget = new Budget(ANALYZER_LIMITS.searchBudget)): PublicGrant[] {
  const grants: PublicGrant[] = [];
  const allows = policy.statements.filter((s) => s.effect === 'Allow');
  for (const [i, s] of allows.entries()) {
    const grant = publicIn(s, policy, budget);
    if (grant !== undefined) grants.push(grant);
    const next = allows[i + 1];
    if (budget.exhausted && next !== undefined) {
      grants.push({ statement: next, kind: 'undecided', description: 'crossgate ran out of analysis budget before examining this statement, so it counts as public.' });
      break;
    }
  }
  return grants;
}

function publicIn(s: StatementModel, policy: PolicyModel, budget: Budget): PublicGrant | undefined {
  if (s.principal.kind === 'holder') return undefined;
  const own = clauses(s.condition);
  if (s.principal.kind === 'notPrincipal') {
    if (own?.some(restrictsCaller) === true || keptOutByDeny(s, policy, budget)) return undefined;
    return { statement: s, kind: 'notPrincipal', description: 'It allows every principal not listed in NotPrincipal, anonymous callers included.' };
  }
  if (namesEveryone(s.principal.block)) {
    if (own?.some(restrictsCaller) === true || keptOutByDeny(s, policy, budget)) return undefined;
    const how = s.principal.block.wildcard === true ? 'Principal "*"' : 'Principal {"AWS": "*"}';
    const description =
      s.condition === undefined
        ? `It allows ${how} with no condition.`
        : `It allows ${how}, and no condition pins the caller to specific accounts, organizations or principals (such as aws:PrincipalAccount, aws:PrincipalOrgID or aws:PrincipalArn with concrete values).`;
    return { statement: s, kind: 'everyone', principal: how, description };
  }
  if (policy.kind === 'trust') {
    for (const provider of s.principal.block.Federated ?? []) {
      const grant = publicFederation(s, provider, own ?? []);
      if (grant !== undefined) return grant;
    }
  }
  return undefined;
}

/** A Deny naming every principal whose conditions hold for every outsider, over all the Allow grants. */
function keptOutByDeny(s: StatementModel, policy: PolicyModel, budget: Budget): boolean {
  return policy.statements.some((d) => {
    if (d.effect !== 'Deny' || !appliesToEveryone(d.principal)) return false;
    const cs = clauses(d.condition);
    if (cs === undefined || !cs.every(excludesOutsiders)) return false;
    return isSubset([s.actions], [d.actions], budget) === 'yes' && isSubset([s.resourcesOver], [d.resourcesUnder], budget) === 'yes';
  });
}

/** Public web identity providers: anyone can get a token from them. */
const PUBLIC_IDPS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

function publicFederation(s: StatementModel, provider: string, own: Clause[]): PublicGrant | undefined {
  if (/^arn:[^:]+:iam::\d{12}:saml-provider\//.test(provider)) return undefined;
  const oidc = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/.exec(provider);
  const host = oidc?.[1] ?? (PUBLIC_IDPS.has(provider) ? provider : undefined);
  if (host === undefined) {
    return { statement: s, kind: 'webIdentity', provider, claims: [], description: `It trusts the federated principal ${provider}, which crossgate cannot classify, so it counts as public.` };
  }
  // Public IdPs issue tokens to anyone: the audience (the app or pool id) pins them; OIDC providers are pinned by the subject.
  const claims = (oidc === null ? ['aud', 'sub'] : ['sub']).map((c) => `${host}:${c}`);
  const pinned = own.some(
    (c) =>
      claims.some((claim) => c.key === claim.toLowerCase()) &&
      ['StringEquals', 'StringLike', 'StringEqualsIgnoreCase'].includes(c.base) &&
      !c.ifExists &&
      c.set !== 'ForAllValues' &&
      c.values.length > 0 &&
      c.values.every((v) => !/^[*?]*$/.test(v) && !v.includes('${')),
  );
  if (pinned) return undefined;
  return {
    statement: s,
    kind: 'webIdentity',
    provider: host,
    claims,
    description: `It trusts tokens from ${host} without a condition on ${claims.join(' or ')}, so anyone who can get a token from it can assume the role.`,
  };
}
