/**
 * The mission's own examples, on the seed estate's documents where they come from it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess, validatePolicy } from '../../src/analyzer/index.ts';
import { iamDataCatalog } from '../../src/emulator/services/accessanalyzer/iamCatalog.ts';
import { join } from 'node:path';
import { loadEstateFile } from '../../src/emulator/index.ts';
import { REPO, SEED_ESTATE } from '../support/emulator.ts';

interface SeedEstate {
  accounts: { id: string; roles?: { name: string; assumeRolePolicyDocument: unknown }[]; policies?: { name: string; document: unknown }[] }[];
}
const seed = JSON.parse(readFileSync(SEED_ESTATE, 'utf8')) as SeedEstate;
const accountA = seed.accounts.find((a) => a.id === '111111111111')!;
const trustPolicy = (role: string) => JSON.stringify(accountA.roles!.find((r) => r.name === role)!.assumeRolePolicyDocument);
const policy = (name: string) => JSON.stringify(accountA.policies!.find((p) => p.name === name)!.document);

const API = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5';
const TRUST = 'AWS::IAM::AssumeRolePolicyDocument';

function outcome<T>(answer: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  assert.ok(answer.ok, answer.ok ? '' : answer.problem.message);
  return answer.value;
}

describe('CheckNoPublicAccess on role trust policies', () => {
  it('{"AWS": "*"} with no condition FAILs', () => {
    const open = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] });
    const o = outcome(checkNoPublicAccess({ policyDocument: open, resourceType: TRUST }));
    assert.equal(o.result, 'FAIL');
    assert.deepEqual(o.reasons.map((r) => r.statementIndex), [0]);
  });

  it("the seed's ApiInvokerRole trust policy (arn:aws:iam::222222222222:root) PASSes", () => {
    const o = outcome(checkNoPublicAccess({ policyDocument: trustPolicy('ApiInvokerRole'), resourceType: TRUST }));
    assert.equal(o.result, 'PASS');
    assert.equal(o.message, 'The resource policy does not grant public access for the given resource type.');
    assert.deepEqual(o.reasons, []);
  });

  it("the broken estate trust-any-account (ApiInvokerRole trusting '*') FAILs", () => {
    const broken = loadEstateFile(join(REPO, 'estates', 'broken', 'trust-any-account.json')) as unknown as SeedEstate;
    const role = broken.accounts.find((a) => a.id === '111111111111')!.roles!.find((r) => r.name === 'ApiInvokerRole')!;
    const o = outcome(checkNoPublicAccess({ policyDocument: JSON.stringify(role.assumeRolePolicyDocument), resourceType: TRUST }));
    assert.equal(o.result, 'FAIL');
  });
});

describe('CheckAccessNotGranted on an execute-api grant', () => {
  const grant = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*/DELETE/*` }] });
  const check = (resource: string) => outcome(checkAccessNotGranted({ policyDocument: grant, policyType: 'IDENTITY_POLICY', access: [{ actions: ['execute-api:Invoke'], resources: [resource] }] }));

  it('FAILs for the concrete DELETE route', () => {
    const o = check(`${API}/$default/DELETE/orders/42`);
    assert.equal(o.result, 'FAIL');
    assert.equal(o.reasons[0]?.statementIndex, 0);
  });

  it('FAILs for the DELETE pattern', () => {
    assert.equal(check(`${API}/*/DELETE/*`).result, 'FAIL');
  });

  it('PASSes for another API id', () => {
    assert.equal(check('arn:aws:execute-api:us-east-1:111111111111:zzzzzzzzzz/$default/DELETE/orders/42').result, 'PASS');
    assert.equal(check('arn:aws:execute-api:us-east-1:111111111111:zzzzzzzzzz/*/DELETE/*').result, 'PASS');
  });
});

describe("the seed's policies", () => {
  it('ReadOrdersApi grants no new access compared to InvokeOrdersApi, and not the other way round', () => {
    assert.equal(outcome(checkNoNewAccess({ newPolicyDocument: policy('ReadOrdersApi'), existingPolicyDocument: policy('InvokeOrdersApi'), policyType: 'IDENTITY_POLICY' })).result, 'PASS');
    assert.equal(outcome(checkNoNewAccess({ newPolicyDocument: policy('InvokeOrdersApi'), existingPolicyDocument: policy('ReadOrdersApi'), policyType: 'IDENTITY_POLICY' })).result, 'FAIL');
  });

  it('ReadOrdersApi never grants the DELETE route', () => {
    const o = outcome(checkAccessNotGranted({ policyDocument: policy('ReadOrdersApi'), policyType: 'IDENTITY_POLICY', access: [{ actions: ['execute-api:Invoke'], resources: [`${API}/$default/DELETE/orders/42`] }] }));
    assert.equal(o.result, 'PASS');
  });

  it('every seed policy and trust policy validates without errors or security warnings', () => {
    const documents: [string, string, 'IDENTITY_POLICY' | 'RESOURCE_POLICY'][] = [
      ...accountA.policies!.map((p): [string, string, 'IDENTITY_POLICY'] => [p.name, JSON.stringify(p.document, null, 2), 'IDENTITY_POLICY']),
      ...accountA.roles!.map((r): [string, string, 'RESOURCE_POLICY'] => [r.name, JSON.stringify(r.assumeRolePolicyDocument, null, 2), 'RESOURCE_POLICY']),
    ];
    for (const [name, document, policyType] of documents) {
      const answer = validatePolicy(
        { policyDocument: document, policyType, ...(policyType === 'RESOURCE_POLICY' ? { validatePolicyResourceType: TRUST as 'AWS::IAM::AssumeRolePolicyDocument' } : {}) },
        { catalog: iamDataCatalog() },
      );
      const findings = outcome(answer).filter((f) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING');
      assert.deepEqual(findings.map((f) => `${f.issueCode}: ${f.findingDetails}`), [], name);
    }
  });
});
