import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { configuredRoleArn, invokeRoute, type Actor } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';

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
  assert.equal(inv.status, status, `${inv.method} ${inv.url} as ${inv.principal ?? 'anonymous'}: expected ${status}, got ${inv.status}${inv.errorType ? ` (${inv.errorType})` : ''}`);
});

Then('the error type is {word}', function (this: CrossgateWorld, errorType: string) {
  assert.equal(this.invocation.errorType, errorType);
});

Then('the error message is {string}', function (this: CrossgateWorld, message: string) {
  let body: unknown;
  try {
    body = JSON.parse(this.invocation.body);
  } catch {
    assert.fail(`the response body is not JSON: ${this.invocation.body.slice(0, 200)}`);
  }
  assert.equal((body as { message?: unknown }).message, message);
});

Then('the API saw the caller as the assumed role {role}', function (this: CrossgateWorld, role: string) {
  const inv = this.invocation;
  assert.equal(inv.status, 200, `the request was not served (status ${inv.status})`);
  const roleArn = configuredRoleArn(this.harness, role);
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)!;
  const payload = JSON.parse(inv.body) as { requestContext?: { authorizer?: { iam?: { userArn?: string } } } };
  const userArn = payload.requestContext?.authorizer?.iam?.userArn;
  assert.ok(userArn, 'the integration saw no IAM caller (requestContext.authorizer.iam.userArn missing)');
  assert.match(userArn, new RegExp(`^arn:aws:sts::${m[1]}:assumed-role/${m[2]}/[\\w+=,.@-]+$`));
});
