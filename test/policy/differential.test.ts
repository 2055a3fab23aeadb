/**
 * Differential test: crossgate's evaluator against @cloud-copilot/iam-simulate,
 * a dev-time oracle only (AGPL; never imported from src/). Runs every case file
 * the oracle can express and checks that both reach the same decision, except
 * where crossgate deliberately differs (listed below, with the reason).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorize, principalKeys } from '../../src/policy/index.ts';
import { loadCases, toRequest, type CasePolicy, type PolicyCase } from './caseFile.ts';

type Oracle = typeof import('@cloud-copilot/iam-simulate');
const oracle: Oracle | undefined = await import('@cloud-copilot/iam-simulate').catch(() => undefined);

/** Cases where crossgate and the oracle are known to part ways, on purpose. */
const DIVERGENCES: Record<string, string> = {
  'var-old-version-is-literal.json': 'AWS treats ${…} as text under Version 2008-10-17; the oracle substitutes anyway',
  'var-old-version-literal-match.json': 'same as var-old-version-is-literal',
  'notprincipal-deny-user-without-account.json': 'AWS documents that a Deny/NotPrincipal must list the account too; the oracle exempts the user alone',
  'notprincipal-deny-other-user.json': 'same reading of NotPrincipal as notprincipal-deny-user-without-account',
  'notprincipal-deny-session-missing-role.json': 'same reading of NotPrincipal as notprincipal-deny-user-without-account',
  'trust-same-account-wildcard-needs-identity-policy.json': 'crossgate fails closed: only a trust statement naming the caller by ARN stands without an identity Allow',
};

/** Cases the oracle cannot express. */
function inexpressible(c: PolicyCase): string | undefined {
  if (c.skipValidation === true) return 'holds a policy AWS would reject; the oracle validates first';
  if (c.request.principal.type === 'anonymous') return 'anonymous caller';
  if (c.request.resourcePolicyRequired === true && c.request.resourcePolicy === undefined) return 'requires a resource policy it does not have';
  if (c.request.resource.endsWith('/')) return 'the oracle does not recognise an execute-api ARN for the path /';
  return undefined;
}

const DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' } as const;

function document(p: CasePolicy): unknown {
  return typeof p.policy === 'string' ? JSON.parse(p.policy.startsWith('%') ? decodeURIComponent(p.policy) : p.policy) : p.policy;
}

async function oracleDecision(o: Oracle, c: PolicyCase): Promise<string> {
  const r = c.request;
  const result = await o.runSimulation(
    {
      request: {
        principal: r.principal.arn,
        action: r.action,
        resource: { resource: r.resource, accountId: r.resourceAccount },
        // The oracle does not derive principal keys yet; give it the ones crossgate derives.
        contextVariables: { ...principalKeys(r.principal), ...(r.context ?? {}) },
      },
      identityPolicies: r.identityPolicies.map((p) => ({ name: p.name, policy: document(p) })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(r.resourcePolicy === undefined ? {} : { resourcePolicy: document(r.resourcePolicy) }),
    },
    {},
  );
  if (result.resultType === 'error') return `error: ${result.errors.message}`;
  return DECISION[result.overallResult as keyof typeof DECISION] ?? String(result.overallResult);
}

describe('differential: crossgate vs @cloud-copilot/iam-simulate', { skip: oracle === undefined ? 'oracle not installed' : false }, () => {
  const cases = loadCases();
  const identityOnly = cases.filter((c) => c.request.resourcePolicy === undefined && inexpressible(c) === undefined);
  const withResource = cases.filter((c) => c.request.resourcePolicy !== undefined && inexpressible(c) === undefined);

  it('covers enough cases', () => {
    assert.ok(identityOnly.length >= 40, `${identityOnly.length} identity-only cases`);
  });

  for (const [label, group] of [['identity policies only', identityOnly], ['with a resource or trust policy', withResource]] as const) {
    describe(label, () => {
      for (const c of group) {
        const divergence = DIVERGENCES[c.file];
        it(`${c.file}${divergence === undefined ? '' : ' (known divergence)'}`, async () => {
          const ours = authorize(toRequest(c)).decision;
          const theirs = await oracleDecision(oracle as Oracle, c);
          if (divergence === undefined) assert.equal(ours, theirs, `crossgate ${ours}, oracle ${theirs}`);
          else assert.notEqual(ours, theirs, `no longer diverges (${divergence}): drop it from DIVERGENCES`);
        });
      }
    });
  }
});
