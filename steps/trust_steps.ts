import { Then } from '@cucumber/cucumber';
import { roleRequiresCondition, roleTrustsAccount, roleTrustsOnly } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectPass } from './support/expect.ts';

Then('the role {role} trusts the account {account}', async function (this: CrossgateWorld, role: string, account: string) {
  expectPass(await roleTrustsAccount(this.harness, role, account));
});

Then('the role {role} trusts no account other than {accounts}', async function (this: CrossgateWorld, role: string, accounts: string[]) {
  expectPass(await roleTrustsOnly(this.harness, role, accounts));
});

Then('the role {role} requires an external id', async function (this: CrossgateWorld, role: string) {
  expectPass(await roleRequiresCondition(this.harness, role, 'sts:ExternalId'));
});

Then('the role {role} requires the condition key {word}', async function (this: CrossgateWorld, role: string, key: string) {
  expectPass(await roleRequiresCondition(this.harness, role, key));
});
