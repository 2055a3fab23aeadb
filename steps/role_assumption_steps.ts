import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assumeRoleAs, tryAssumeRole, type Actor } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';

Given('{actor} has assumed the role {role}', async function (this: CrossgateWorld, actor: Actor, role: string) {
  await assumeRoleAs(this.harness, actor, role);
});

When('{actor} tries to assume the role {role}', async function (this: CrossgateWorld, actor: Actor, role: string) {
  this.lastAssumption = await tryAssumeRole(this.harness, actor, role);
});

Then('the assumption is denied', function (this: CrossgateWorld) {
  const a = this.lastAssumption;
  assert.ok(a, 'no role assumption was attempted in this scenario');
  assert.equal(a.outcome, 'denied', `expected AccessDenied, but the role was assumed as ${a.outcome === 'assumed' ? a.session.arn : ''}`);
});

Then('the assumption succeeds', function (this: CrossgateWorld) {
  const a = this.lastAssumption;
  assert.ok(a, 'no role assumption was attempted in this scenario');
  assert.equal(a.outcome, 'assumed', a.outcome === 'denied' ? `denied: ${a.code}: ${a.message}` : '');
});
