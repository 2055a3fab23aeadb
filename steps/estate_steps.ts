/**
 * Estate-wide invariants: every role and every route of the audited accounts, found by
 * discovery, so a role or route added to the estate is covered without naming it.
 */
import type { DataTable } from '@cucumber/cucumber';
import {
  estateAssumableRolesGrantOnlyInvoke, estateNoRoleAssumableFromOutside, estateNoRoleAssumableFromOutsideOrganization, estateOnlyTheseInvoke,
  estateNoPublicTrust, estateOutsidersReachOnlyThroughDelegated, estateRoutesUseIam, estateSimulationAgrees,
} from '../src/checks/estateWide.ts';
import type { CrossgateWorld } from './support/world.ts';
import { CheckFailed, expectPass } from './support/expect.ts';
import { step } from './support/define.ts';

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

step('Then', 'no role in account {account} can be assumed from outside account(s) {accounts}', {
  description: 'Every role of the account (all of them, from iam:GetAccountAuthorizationDetails) trusts no principal outside the account itself and the listed ones: not another account, not \'*\', not a federated identity; a condition excuses only a wildcard pinned to listed accounts.',
  example: 'no role in account A can be assumed from outside account B',
  layer: 'static',
}, async function (this: CrossgateWorld, account: string, allowed: string[]) {
  expectPass(await estateNoRoleAssumableFromOutside(this.harness, account, allowed));
});

step('Then', 'no role in account {account} can be assumed from outside the organization', {
  description: 'Every role of the account trusts only accounts of the estate\'s organization (members and management account), or \'*\' pinned to it by aws:PrincipalOrgID.',
  example: 'no role in account A can be assumed from outside the organization',
  layer: 'static',
}, async function (this: CrossgateWorld, account: string) {
  expectPass(await estateNoRoleAssumableFromOutsideOrganization(this.harness, account));
});

step('Then', 'only these principals can invoke the HTTP API {string}:', {
  description: 'Decided by crossgate\'s engine for every role and user of the API\'s account on every AWS_IAM route: exactly the listed principals reach exactly the listed routes (column routes: route keys separated by commas, or "every AWS_IAM route"). An extra grant fails naming the principal, route and granting statement; a missing one fails too.',
  example: 'only these principals can invoke the HTTP API "orders":',
  table: [['principal', 'routes'], ['ApiInvokerRole', 'every AWS_IAM route'], ['OrdersReadOnlyRole', 'GET /orders, GET /orders/{id}']],
  layer: 'static',
}, async function (this: CrossgateWorld, api: string, table: DataTable) {
  const rows = table.hashes() as { principal?: string; routes?: string }[];
  if (rows.some((r) => !r.principal || r.routes === undefined)) throw new CheckFailed('the table needs the columns principal and routes');
  const expected = rows.map((r) => ({ principal: r.principal!.trim(), routes: /^every AWS_IAM route$/i.test(r.routes!.trim()) ? ('all' as const) : list(r.routes!) }));
  expectPass(await estateOnlyTheseInvoke(this.harness, api, expected));
});

step('Then', 'the roles account {account} can assume grant nothing beyond invoking the HTTP API {string}', {
  description: 'Every role whose trust policy admits the account allows, in every permission policy, only execute-api:Invoke and only on resources of the API.',
  example: 'the roles account B can assume grant nothing beyond invoking the HTTP API "orders"',
  layer: 'static',
}, async function (this: CrossgateWorld, account: string, api: string) {
  expectPass(await estateAssumableRolesGrantOnlyInvoke(this.harness, account, api));
});

step('Then', 'every route of every HTTP API in account {account} uses AWS_IAM', {
  description: 'Every route of every HTTP API of the account (apigateway GetApis, GetRoutes) uses AWS_IAM authorization.',
  example: 'every route of every HTTP API in account A uses AWS_IAM',
  layer: 'static',
}, async function (this: CrossgateWorld, account: string) {
  expectPass(await estateRoutesUseIam(this.harness, account, []));
});

step('Then', 'every route of every HTTP API in account {account} uses AWS_IAM except {string}', {
  description: 'The same, except the comma-separated allow-list: "GET /health" (that route of any API) or "orders: GET /health" (of one API). An entry that matches no route fails too.',
  example: 'every route of every HTTP API in account A uses AWS_IAM except "GET /health"',
  layer: 'static',
}, async function (this: CrossgateWorld, account: string, allowed: string) {
  expectPass(await estateRoutesUseIam(this.harness, account, list(allowed)));
});

step('Then', 'no principal outside account {account} reaches an AWS_IAM route except through the delegated roles', {
  description: 'Every role of the account that may invoke an AWS_IAM route and that someone outside the account may assume is one of the roles the config names (the delegated roles).',
  example: 'no principal outside account A reaches an AWS_IAM route except through the delegated roles',
  layer: 'static',
}, async function (this: CrossgateWorld, account: string) {
  expectPass(await estateOutsidersReachOnlyThroughDelegated(this.harness, account));
});

step('Then', "IAM's simulation agrees with crossgate's engine on who can invoke the HTTP API {string}", {
  description: 'For every role of the API\'s account, iam:SimulatePrincipalPolicy on every AWS_IAM route gives the decision crossgate\'s engine gave in discovery.',
  example: "IAM's simulation agrees with crossgate's engine on who can invoke the HTTP API \"orders\"",
  layer: 'simulation',
}, async function (this: CrossgateWorld, api: string) {
  expectPass(await estateSimulationAgrees(this.harness, api));
});

step('Then', 'no role in account {account} has a trust policy that Access Analyzer finds public', {
  description: 'access-analyzer:CheckNoPublicAccess (AWS::IAM::AssumeRolePolicyDocument) answers PASS for the trust policy of every role of the account, found by discovery.',
  example: 'no role in account A has a trust policy that Access Analyzer finds public',
  layer: 'analyzer',
}, async function (this: CrossgateWorld, account: string) {
  expectPass(await estateNoPublicTrust(this.harness, account));
});
