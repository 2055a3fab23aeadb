import { Then, type DataTable } from '@cucumber/cucumber';
import { apiRoutesUseIam, roleCoversExactly, roleInvokeArnsNameApi } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectPass } from './support/expect.ts';

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

Then('every execute-api ARN in the policies of the role {role} names the HTTP API {string}', async function (this: CrossgateWorld, role: string, api: string) {
  expectPass(await roleInvokeArnsNameApi(this.harness, role, api));
});

Then('every route of the HTTP API {string} uses AWS_IAM', async function (this: CrossgateWorld, api: string) {
  expectPass(await apiRoutesUseIam(this.harness, api, []));
});

Then('every route of the HTTP API {string} uses AWS_IAM except {string}', async function (this: CrossgateWorld, api: string, open: string) {
  expectPass(await apiRoutesUseIam(this.harness, api, list(open)));
});

Then('the policies of the role {role} allow exactly these routes of the HTTP API {string}:', async function (this: CrossgateWorld, role: string, api: string, table: DataTable) {
  const routes = table.raw().flat().map((s) => s.trim()).filter((s) => s !== '' && s !== 'route');
  expectPass(await roleCoversExactly(this.harness, role, api, routes));
});
