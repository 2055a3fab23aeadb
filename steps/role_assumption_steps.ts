import { Given, Then, When } from '@cucumber/cucumber';
import { assumeRoleAs, tryAssumeRole, type Actor } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectThat } from './support/expect.ts';

Given('{actor} has assumed the role {role}', async function (this: CrossgateWorld, actor: Actor, role: string) {
  await assumeRoleAs(this.harness, actor, role);
});

When('{actor} tries to assume the role {role}', async function (this: CrossgateWorld, actor: Actor, role: string) {
  this.lastAssumption = await tryAssumeRole(this.harness, actor, role);
});

Then('the assumption is denied', function (this: CrossgateWorld) {
  const a = this.lastAssumption;
  expectThat(a, () => 'no role assumption was attempted in this scenario');
  expectThat(a.outcome === 'denied', () => `expected AccessDenied, but the role was assumed as ${a.outcome === 'assumed' ? a.session.arn : '?'}`);
});

Then('the assumption succeeds', function (this: CrossgateWorld) {
  const a = this.lastAssumption;
  expectThat(a, () => 'no role assumption was attempted in this scenario');
  expectThat(a.outcome === 'assumed', () => (a.outcome === 'denied' ? `expected the role to be assumed, but ${a.roleArn} was denied: ${a.code}: ${a.message}` : ''));
});
