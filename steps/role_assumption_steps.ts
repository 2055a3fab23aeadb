import { assumeRoleAs, recordExpectation, tryAssumeRole, type Actor } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectThat } from './support/expect.ts';
import { step } from './support/define.ts';

step('Given', '{actor} has assumed the role {role}', {
  description: 'The principal assumes the role (sts:AssumeRole with its own credentials) and acts through the session from now on; fails if STS refuses.',
  example: 'ci-caller has assumed the role ApiInvokerRole',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, role: string) {
  await assumeRoleAs(this.harness, actor, role);
});

step('When', '{actor} tries to assume the role {role}', {
  description: 'The principal calls sts:AssumeRole; the outcome (assumed or AccessDenied) is kept for the next step. Any other error fails the scenario.',
  example: 'outsider tries to assume the role ApiInvokerRole',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, role: string) {
  this.lastAssumption = await tryAssumeRole(this.harness, actor, role);
});

step('Then', 'the assumption is denied', {
  description: 'STS refused the last role assumption with AccessDenied (403).',
  example: 'the assumption is denied',
  layer: 'e2e',
}, function (this: CrossgateWorld) {
  const a = this.lastAssumption;
  expectThat(a, () => 'no role assumption was attempted in this scenario');
  recordExpectation(this, { of: a.evidenceId, check: 'assumption', expected: 'denied', observed: a.outcome });
  expectThat(a.outcome === 'denied', () => `expected AccessDenied, but the role was assumed as ${a.outcome === 'assumed' ? a.session.arn : '?'}`);
});

step('Then', 'the assumption succeeds', {
  description: 'STS granted the last role assumption.',
  example: 'the assumption succeeds',
  layer: 'e2e',
}, function (this: CrossgateWorld) {
  const a = this.lastAssumption;
  expectThat(a, () => 'no role assumption was attempted in this scenario');
  recordExpectation(this, { of: a.evidenceId, check: 'assumption', expected: 'assumed', observed: a.outcome });
  expectThat(a.outcome === 'assumed', () => (a.outcome === 'denied' ? `expected the role to be assumed, but ${a.roleArn} was denied: ${a.code}: ${a.message}` : ''));
});

step('Given', '{actor} has assumed the role {role} with the external id {string}', {
  description: 'As "has assumed the role", presenting sts:ExternalId (for roles whose trust policy requires it).',
  example: 'ci-caller has assumed the role PartnerRole with the external id "orders-7f3a"',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, role: string, externalId: string) {
  await assumeRoleAs(this.harness, actor, role, { externalId });
});

step('When', '{actor} tries to assume the role {role} with the external id {string}', {
  description: 'As "tries to assume the role", presenting sts:ExternalId.',
  example: 'ci-caller tries to assume the role PartnerRole with the external id "wrong"',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, role: string, externalId: string) {
  this.lastAssumption = await tryAssumeRole(this.harness, actor, role, { externalId });
});

step('When', '{actor} tries to assume the role {role} for {int} seconds', {
  description: 'As "tries to assume the role", asking for a session of this duration (DurationSeconds).',
  example: 'ci-caller tries to assume the role ApiInvokerRole for 900 seconds',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, role: string, durationSeconds: number) {
  this.lastAssumption = await tryAssumeRole(this.harness, actor, role, { durationSeconds });
});

step('Given', '{actor} has assumed the role {role} with the session policy:', {
  description: 'As "has assumed the role", passing the doc string as a session policy: the session may do only what both the role and the session policy allow.',
  example: 'ci-caller has assumed the role ApiInvokerRole with the session policy:',
  docString: '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/*" }] }',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, role: string, policy: string) {
  await assumeRoleAs(this.harness, actor, role, { policy });
});

step('Given', '{actor} has assumed the role {role} with the session tag {word} = {string}', {
  description: 'As "has assumed the role", with a session tag (aws:PrincipalTag/<key> in later requests).',
  example: 'ci-caller has assumed the role ApiInvokerRole with the session tag team = "payments"',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, role: string, key: string, value: string) {
  await assumeRoleAs(this.harness, actor, role, { tags: { [key]: value } });
});
