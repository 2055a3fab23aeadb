/**
 * IAM details the embedded AWS must get right, through @aws-sdk/client-sts:
 *
 * - A role's trust policy must allow sts:AssumeRole even within one account; an
 *   identity policy alone is not enough. Same account, a trust policy naming the
 *   caller's ARN needs no identity-policy Allow; one naming the account (its root)
 *   needs one. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 *   and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * - sts:GetCallerIdentity: "No permissions are required to perform this operation. If
 *   an administrator attaches a policy to your identity that explicitly denies access
 *   to the sts:GetCallerIdentity action, you can still perform this operation."
 *   https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadEstate, loadEstateFile, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { KEYS, ROLE, SEED_ESTATE } from '../support/emulator.ts';
import type { Creds } from '../support/signing.ts';

const A = '111111111111';
const AUDITOR = `arn:aws:iam::${A}:user/auditor`;
const trust = (principal: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });

/** The seed, plus same-account roles, and an auditor whose identity policies allow assuming some of them and deny everything else. */
function estateFile(): string {
  const estate = loadEstateFile(SEED_ESTATE) as unknown as { accounts: { roles: unknown[]; users: { name: string; inlinePolicies?: Record<string, unknown> }[] }[] };
  const a = estate.accounts[0]!;
  a.roles.push(
    { name: 'TrustsAuditorByArn', assumeRolePolicyDocument: trust(AUDITOR) },
    { name: 'TrustsAccountRoot', assumeRolePolicyDocument: trust(`arn:aws:iam::${A}:root`) },
    { name: 'TrustsAccountRootToo', assumeRolePolicyDocument: trust(`arn:aws:iam::${A}:root`) },
  );
  const auditor = a.users.find((u) => u.name === 'auditor')!;
  auditor.inlinePolicies = {
    ...(auditor.inlinePolicies ?? {}),
    AssumeSome: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [`arn:aws:iam::${A}:role/TrustsAccountRootToo`, ROLE.invoker] },
        { Effect: 'Deny', Action: 'sts:GetCallerIdentity', Resource: '*' },
      ],
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-iam-'));
  const file = join(dir, 'estate.json');
  writeFileSync(file, JSON.stringify(estate));
  return file;
}

let emu: RunningEmulator;
before(async () => {
  emu = await startEmulator({ state: loadEstate(estateFile()) });
});
after(() => emu.close());

const sts = (credentials: Creds) => new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
async function assumeAs(credentials: Creds, roleName: string): Promise<string> {
  try {
    const out = await sts(credentials).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/${roleName}`, RoleSessionName: 'same-account' }));
    return `assumed ${out.AssumedRoleUser!.Arn}`;
  } catch (err) {
    const e = err as { name: string; message: string };
    return `${e.name}: ${e.message}`;
  }
}

describe('assuming a role within one account', () => {
  test('a trust policy naming the caller’s ARN suffices: no identity policy needed', async () => {
    assert.equal(await assumeAs(KEYS.auditor, 'TrustsAuditorByArn'), `assumed arn:aws:sts::${A}:assumed-role/TrustsAuditorByArn/same-account`);
  });

  test('a trust policy naming the account root needs an identity-policy Allow too', async () => {
    assert.equal(await assumeAs(KEYS.auditor, 'TrustsAccountRoot'), `AccessDenied: User: ${AUDITOR} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/TrustsAccountRoot`);
    assert.equal(await assumeAs(KEYS.auditor, 'TrustsAccountRootToo'), `assumed arn:aws:sts::${A}:assumed-role/TrustsAccountRootToo/same-account`);
  });

  test('an identity policy alone is not enough: the trust policy must allow, same account or not', async () => {
    // ApiInvokerRole is in the auditor's account and the auditor may sts:AssumeRole on it; its trust names only account B.
    assert.equal(await assumeAs(KEYS.auditor, 'ApiInvokerRole'), `AccessDenied: User: ${AUDITOR} is not authorized to perform: sts:AssumeRole on resource: ${ROLE.invoker}`);
  });
});

describe('sts:GetCallerIdentity', () => {
  test('answers under an explicit deny of sts:GetCallerIdentity', async () => {
    const id = await sts(KEYS.auditor).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([id.Account, id.Arn], [A, AUDITOR]);
  });
});
