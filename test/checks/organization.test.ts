/**
 * The organization checks on the embedded AWS: each trust shape that lets a principal
 * outside the organization in is a finding, for its reason; organization-based trust and
 * an RCP keep outsiders out; and the checks fail closed where the organization cannot
 * be read.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountInOrganizationOf, describeFindings, rolesAssumableOnlyFromOrganization, startHarness, type Harness, type StaticVerdict } from '../../src/checks/index.ts';
import { loadEstateFile } from '../../src/estate/load.ts';
import { REPO } from '../support/emulator.ts';

const ORG = 'o-a1b2c3d4e5';
const harnesses: Harness[] = [];
after(async () => {
  for (const h of harnesses) await h.close();
});

/** A harness on estates/org.json with ApiInvokerRole's trust replaced, and optionally an RCP over the root. */
async function harnessWith(trust: object, rcp?: object): Promise<Harness> {
  const estate = loadEstateFile(join(REPO, 'estates', 'org.json')) as unknown as Record<string, any>;
  estate.accounts[0].roles[0].assumeRolePolicyDocument = trust;
  if (rcp !== undefined) {
    estate.organization.policies = [{ name: 'KeepOutsidersOut', type: 'RESOURCE_CONTROL_POLICY', document: rcp }];
    estate.organization.root.resourceControlPolicies = ['KeepOutsidersOut'];
  }
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-orgcheck-'));
  writeFileSync(join(dir, 'estate.json'), JSON.stringify(estate));
  const config = JSON.parse(readFileSync(join(REPO, 'crossgate.config.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  config.estate = join(dir, 'estate.json');
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const h = await startHarness(join(dir, 'config.json'));
  harnesses.push(h);
  return h;
}

const statement = (principal: unknown, condition?: object) => ({ Version: '2012-10-17', Statement: [{ Sid: 'Trust', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });

function fails(v: StaticVerdict, pattern: RegExp): void {
  assert.equal(v.verdict, 'fail', 'expected a finding');
  assert.match(describeFindings(v), pattern);
}

describe('the roles of account A may be assumed only from accounts of its organization', () => {
  test('passes on org.json: B is a member, and the read-only role pins aws:PrincipalOrgID', async () => {
    const h = await harnessWith(statement({ AWS: 'arn:aws:iam::222222222222:root' }));
    assert.equal((await rolesAssumableOnlyFromOrganization(h, 'A')).verdict, 'pass');
    assert.equal(accountInOrganizationOf(h, 'B', 'A').verdict, 'pass');
    fails(accountInOrganizationOf(h, 'C', 'A'), /account 333333333333 \(C\) is not a member of organization o-a1b2c3d4e5/);
  });

  test("an account outside the organization, a user of it, or '*': findings naming the principal", async () => {
    fails(await rolesAssumableOnlyFromOrganization(await harnessWith(statement({ AWS: 'arn:aws:iam::333333333333:root' })), 'A'), /ApiInvokerRole#trust statement 0 \(Trust\): lets 'arn:aws:iam::333333333333:root' \(account 333333333333\), outside organization o-a1b2c3d4e5/);
    fails(await rolesAssumableOnlyFromOrganization(await harnessWith(statement({ AWS: 'arn:aws:iam::333333333333:user/outsider' })), 'A'), /lets 'arn:aws:iam::333333333333:user\/outsider' \(account 333333333333\)/);
    fails(await rolesAssumableOnlyFromOrganization(await harnessWith(statement({ AWS: '*' })), 'A'), /lets any AWS account \('\*', e\.g\. account 000000000000\), outside organization/);
  });

  test('an external id is no organization boundary: a caller can supply it', async () => {
    const h = await harnessWith(statement({ AWS: 'arn:aws:iam::333333333333:root' }, { StringEquals: { 'sts:ExternalId': 'partner-42' } }));
    fails(await rolesAssumableOnlyFromOrganization(h, 'A'), /only for lack of sts:externalid, which such a caller can supply/i);
  });

  test("'*' pinned to the organization with aws:PrincipalOrgID passes", async () => {
    const h = await harnessWith(statement({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': ORG } }));
    assert.equal((await rolesAssumableOnlyFromOrganization(h, 'A')).verdict, 'pass');
  });

  test('an RCP denying principals outside the organization keeps a trusted outside account out', async () => {
    const rcp = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }] };
    const h = await harnessWith(statement({ AWS: 'arn:aws:iam::333333333333:root' }), rcp);
    assert.equal((await rolesAssumableOnlyFromOrganization(h, 'A')).verdict, 'pass');
  });

  test('fails closed without an organization, and on the aws target', async () => {
    const seed = await startHarness(join(REPO, 'crossgate.config.json'));
    harnesses.push(seed);
    await assert.rejects(rolesAssumableOnlyFromOrganization(seed, 'A'), /has no organization: add one under "organization"/);
    const aws = { ...seed, target: { kind: 'aws', region: 'us-east-1' } } as unknown as Harness;
    assert.throws(() => accountInOrganizationOf(aws, 'B', 'A'), /on the aws target crossgate does not read AWS Organizations, so the check cannot be made/);
  });
});
