import { configuredRoleArn, invokeRoute, recordExpectation, type Actor } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectThat } from './support/expect.ts';
import { step } from './support/define.ts';

step('Given', 'the HTTP API {string}', {
  description: 'Names the configured API (alias) the following requests address; needed only when several APIs are configured.',
  example: 'the HTTP API "orders"',
  layer: 'any',
}, function (this: CrossgateWorld, api: string) {
  if (!this.harness.config.apis[api]) throw new Error(`unknown API '${api}' (configured: ${Object.keys(this.harness.config.apis).join(', ')})`);
  this.apiAlias = api;
});

step('When', '{actor} sends a signed {method} {path}', {
  description: 'Sends the request signed with SigV4 using the principal\'s current credentials (its role session if it assumed one).',
  example: 'ci-caller sends a signed GET /orders/42',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor });
});

step('When', '{actor} sends a signed {method} {path} with its own credentials', {
  description: 'Sends the request signed with the principal\'s own credentials, ignoring any role session.',
  example: 'ci-caller sends a signed GET /orders with its own credentials',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor, credentials: 'own' });
});

step('When', '{actor} sends a {method} {path} with a tampered signature', {
  description: 'Signs the request, then changes one character of the signature before sending.',
  example: 'ci-caller sends a GET /orders with a tampered signature',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor, tamper: 'signature' });
});

step('When', '{actor} sends a {method} {path} signed {int} minutes ago', {
  description: 'Signs the request with a clock set back by the given minutes (a stale X-Amz-Date).',
  example: 'ci-caller sends a GET /orders signed 10 minutes ago',
  layer: 'e2e',
}, async function (this: CrossgateWorld, actor: Actor, method: string, path: string, minutes: number) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'signed', as: actor, clockSkewSeconds: -minutes * 60 });
});

step('When', 'an anonymous caller sends an unsigned {method} {path}', {
  description: 'Sends the request with no signature at all.',
  example: 'an anonymous caller sends an unsigned GET /orders',
  layer: 'e2e',
}, async function (this: CrossgateWorld, method: string, path: string) {
  this.lastInvocation = await invokeRoute(this.harness, this.api, method, path, { kind: 'unsigned' });
});

step('Then', 'the response status is {int}', {
  description: 'The last response had this HTTP status.',
  example: 'the response status is 403',
  layer: 'e2e',
}, function (this: CrossgateWorld, status: number) {
  const inv = this.invocation;
  const holds = recordExpectation(this, { of: inv.evidenceId, check: 'status', expected: status, observed: inv.status });
  expectThat(holds, () => `${inv.method} ${inv.url} as ${inv.principal ?? 'anonymous'}: expected ${status}, got ${inv.status}${inv.errorType ? ` (${inv.errorType})` : ''}`);
});

step('Then', 'the error type is {word}', {
  description: 'The last response\'s x-amzn-ErrorType was this.',
  example: 'the error type is MissingAuthenticationTokenException',
  layer: 'e2e',
}, function (this: CrossgateWorld, errorType: string) {
  const inv = this.invocation;
  const holds = recordExpectation(this, { of: inv.evidenceId, check: 'errorType', expected: errorType, observed: inv.errorType });
  expectThat(holds, () => `${inv.method} ${inv.url}: expected error type ${errorType}, got ${inv.errorType ?? 'none'} (status ${inv.status})`);
});

step('Then', 'the error message is {string}', {
  description: 'The last response\'s JSON body had this message.',
  example: 'the error message is "Forbidden"',
  layer: 'e2e',
}, function (this: CrossgateWorld, message: string) {
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

step('Then', 'the API saw the caller as the assumed role {role}', {
  description: 'The integration\'s request context (requestContext.authorizer.iam.userArn) names a session of the role. Needs an integration that echoes the context, as the embedded AWS\'s does.',
  example: 'the API saw the caller as the assumed role ApiInvokerRole',
  layer: 'e2e',
}, function (this: CrossgateWorld, role: string) {
  const inv = this.invocation;
  expectThat(inv.status === 200, () => `${inv.method} ${inv.url} was not served (status ${inv.status}${inv.errorType ? `, ${inv.errorType}` : ''})`);
  const roleArn = configuredRoleArn(this.harness, role);
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)!;
  const payload = JSON.parse(inv.body) as { requestContext?: { authorizer?: { iam?: { userArn?: string } } } };
  const userArn = payload.requestContext?.authorizer?.iam?.userArn;
  expectThat(userArn, () => `${inv.method} ${inv.url}: the integration saw no IAM caller (requestContext.authorizer.iam.userArn missing): the route did not authenticate the request`);
  expectThat(new RegExp(`^arn:aws:sts::${m[1]}:assumed-role/${m[2]}/[\\w+=,.@-]+$`).test(userArn), () => `${inv.method} ${inv.url}: the integration saw ${userArn}, not a session of ${roleArn}`);
});
