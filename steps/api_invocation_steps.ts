import { Given, Then, When } from '@cucumber/cucumber';
import { configuredRoleArn, invokeRoute, type Actor } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectThat } from './support/expect.ts';

Given('the HTTP API {string}', function (this: CrossgateWorld, api: string) {
  if (!this.harness.config.apis[api]) throw new Error(`unknown API '${api}' (configured: ${Object.keys(this.harness.config.apis).join(', ')})`);
  this.apiAlias = api;
});

When('{actor} sends a signed {method} {path}', async function (this: CrossgateWorld, actor: Actor, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor });
});

When('{actor} sends a signed {method} {path} with its own credentials', async function (this: CrossgateWorld, actor: Actor, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor, credentials: 'own' });
});

When('{actor} sends a {method} {path} with a tampered signature', async function (this: CrossgateWorld, actor: Actor, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor, tamper: 'signature' });
});

When('{actor} sends a {method} {path} signed {int} minutes ago', async function (this: CrossgateWorld, actor: Actor, method: string, path: string, minutes: number) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor, clockSkewSeconds: -minutes * 60 });
});

When('an anonymous caller sends an unsigned {method} {path}', async function (this: CrossgateWorld, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'unsigned' });
});

Then('the response status is {int}', function (this: CrossgateWorld, status: number) {
  const inv = this.invocation;
  expectThat(inv.status === status, () => `${inv.method} ${inv.url} as ${inv.principal ?? 'anonymous'}: expected ${status}, got ${inv.status}${inv.errorType ? ` (${inv.errorType})` : ''}`);
});

Then('the error type is {word}', function (this: CrossgateWorld, errorType: string) {
  const inv = this.invocation;
  expectThat(inv.errorType === errorType, () => `${inv.method} ${inv.url}: expected error type ${errorType}, got ${inv.errorType ?? 'none'} (status ${inv.status})`);
});

Then('the error message is {string}', function (this: CrossgateWorld, message: string) {
  const inv = this.invocation;
  let body: unknown;
  try {
    body = JSON.parse(inv.body);
  } catch {
    body = undefined;
  }
  const actual = (body as { message?: unknown } | undefined)?.message;
  expectThat(actual === message, () => `${inv.method} ${inv.url}: expected message ${JSON.stringify(message)}, got ${actual === undefined ? `a body without one: ${inv.body.slice(0, 200)}` : JSON.stringify(actual)}`);
});

Then('the API saw the caller as the assumed role {role}', function (this: CrossgateWorld, role: string) {
  const inv = this.invocation;
  expectThat(inv.status === 200, () => `${inv.method} ${inv.url} was not served (status ${inv.status}${inv.errorType ? `, ${inv.errorType}` : ''})`);
  const roleArn = configuredRoleArn(this.harness, role);
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)!;
  const payload = JSON.parse(inv.body) as { requestContext?: { authorizer?: { iam?: { userArn?: string } } } };
  const userArn = payload.requestContext?.authorizer?.iam?.userArn;
  expectThat(userArn, () => `${inv.method} ${inv.url}: the integration saw no IAM caller (requestContext.authorizer.iam.userArn missing): the route did not authenticate the request`);
  expectThat(new RegExp(`^arn:aws:sts::${m[1]}:assumed-role/${m[2]}/[\\w+=,.@-]+$`).test(userArn), () => `${inv.method} ${inv.url}: the integration saw ${userArn}, not a session of ${roleArn}`);
});
