import { roleRequiresCondition, roleTrustsAccount, roleTrustsOnly } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectPass } from './support/expect.ts';
import { step } from './support/define.ts';

step('Then', 'the role {role} trusts the account {account}', {
  description: 'The role\'s trust policy lets principals of the account assume it (read with iam:GetRole).',
  example: 'the role ApiInvokerRole trusts the account B',
  layer: 'static',
}, async function (this: CrossgateWorld, role: string, account: string) {
  expectPass(await roleTrustsAccount(this.harness, role, account));
});

step('Then', 'the role {role} trusts no account other than {accounts}', {
  description: 'Every principal the trust policy admits belongs to the listed accounts; \'*\' passes only when a condition pins the caller\'s account to them.',
  example: 'the role ApiInvokerRole trusts no account other than B',
  layer: 'static',
}, async function (this: CrossgateWorld, role: string, accounts: string[]) {
  expectPass(await roleTrustsOnly(this.harness, role, accounts));
});

step('Then', 'the role {role} requires an external id', {
  description: 'Every AWS principal the trust policy admits must present sts:ExternalId (a condition that requires it).',
  example: 'the role PartnerRole requires an external id',
  layer: 'static',
}, async function (this: CrossgateWorld, role: string) {
  expectPass(await roleRequiresCondition(this.harness, role, 'sts:ExternalId'));
});

step('Then', 'the role {role} requires the condition key {word}', {
  description: 'Every AWS principal the trust policy admits is constrained by a condition on the key.',
  example: 'the role ApiInvokerRole requires the condition key aws:PrincipalOrgID',
  layer: 'static',
}, async function (this: CrossgateWorld, role: string, key: string) {
  expectPass(await roleRequiresCondition(this.harness, role, key));
});
