import type { DataTable } from '@cucumber/cucumber';
import { apiRoutesUseIam, roleCoversExactly, roleInvokeArnsNameApi } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectPass } from './support/expect.ts';
import { step } from './support/define.ts';

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

step('Then', 'every execute-api ARN in the policies of the role {role} names the HTTP API {string}', {
  description: 'Each Resource granting execute-api:Invoke in the role\'s permission policies names the API\'s partition, region, account, api id (no wildcard) and stage.',
  example: 'every execute-api ARN in the policies of the role ApiInvokerRole names the HTTP API "orders"',
  layer: 'static',
}, async function (this: CrossgateWorld, role: string, api: string) {
  expectPass(await roleInvokeArnsNameApi(this.harness, role, api));
});

step('Then', 'every route of the HTTP API {string} uses AWS_IAM', {
  description: 'Every route of the API (apigateway GetRoutes) uses AWS_IAM authorization.',
  example: 'every route of the HTTP API "orders" uses AWS_IAM',
  layer: 'static',
}, async function (this: CrossgateWorld, api: string) {
  expectPass(await apiRoutesUseIam(this.harness, api, []));
});

step('Then', 'every route of the HTTP API {string} uses AWS_IAM except {string}', {
  description: 'Every route uses AWS_IAM except the comma-separated route keys given.',
  example: 'every route of the HTTP API "orders" uses AWS_IAM except "GET /health"',
  layer: 'static',
}, async function (this: CrossgateWorld, api: string, open: string) {
  expectPass(await apiRoutesUseIam(this.harness, api, list(open)));
});

step('Then', 'the policies of the role {role} allow exactly these routes of the HTTP API {string}:', {
  description: 'crossgate\'s evaluator, on each route\'s concrete ARN, allows a session of the role exactly the listed routes (a one-column table of route keys).',
  example: 'the policies of the role OrdersReadOnlyRole allow exactly these routes of the HTTP API "orders":',
  table: [['route'], ['GET /orders'], ['GET /orders/{id}'], ['GET /health']],
  layer: 'static',
}, async function (this: CrossgateWorld, role: string, api: string, table: DataTable) {
  const routes = table.raw().flat().map((s) => s.trim()).filter((s) => s !== '' && s !== 'route');
  expectPass(await roleCoversExactly(this.harness, role, api, routes));
});
