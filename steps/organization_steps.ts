import { accountInOrganizationOf, rolesAssumableOnlyFromOrganization } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectPass } from './support/expect.ts';
import { step } from './support/define.ts';

step('Then', 'the account {account} belongs to the organization of the account {account}', {
  description: 'Both accounts are members of the same AWS Organizations organization (read from the estate; not checkable on the aws target).',
  example: 'the account B belongs to the organization of the account A',
  layer: 'static',
}, function (this: CrossgateWorld, member: string, of: string) {
  expectPass(accountInOrganizationOf(this.harness, member, of));
});

step('Then', 'the roles of the account {account} may be assumed only from accounts of its organization', {
  description: "No principal outside the account's organization can assume its configured roles: crossgate's evaluator decides sts:AssumeRole for each principal the trust policies name outside it (and for '*'), with the RCPs over the account and without aws:PrincipalOrgID.",
  example: 'the roles of the account A may be assumed only from accounts of its organization',
  layer: 'static',
}, async function (this: CrossgateWorld, account: string) {
  expectPass(await rolesAssumableOnlyFromOrganization(this.harness, account));
});
