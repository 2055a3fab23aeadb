/**
 * Golden files for representative wire responses of the embedded AWS's control plane:
 * status, content type, error type and body, byte for byte, with request ids and
 * timestamps normalised. Regenerate with UPDATE_GOLDEN=1 after a deliberate change,
 * and review the diff.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { KEYS, startSeedEmulator } from '../support/emulator.ts';
import { queryCall, restCall } from '../support/awsRequest.ts';
import type { RawResponse } from '../support/signing.ts';

const DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

let emu: RunningEmulator;
before(async () => {
  emu = await startSeedEmulator();
});
after(() => emu.close());

/** The parts of a response that are pinned, with what changes per run replaced. */
function render(res: RawResponse): string {
  const head = [`HTTP ${res.status}`, `content-type: ${res.headers['content-type']}`];
  if (res.headers['x-amzn-errortype']) head.push(`x-amzn-errortype: ${res.headers['x-amzn-errortype']}`);
  const body = res.body
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request-id>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, '<timestamp>');
  return `${head.join('\n')}\n\n${body}\n`;
}

const CASES: [string, () => Promise<RawResponse>][] = [
  ['iam-GetRole.xml', () => queryCall(emu.url, KEYS.auditor, { Action: 'GetRole', RoleName: 'ApiInvokerRole' })],
  ['iam-ListAttachedRolePolicies.xml', () => queryCall(emu.url, KEYS.auditor, { Action: 'ListAttachedRolePolicies', RoleName: 'OrdersReadOnlyRole' })],
  ['iam-GetPolicyVersion.xml', () => queryCall(emu.url, KEYS.auditor, { Action: 'GetPolicyVersion', PolicyArn: 'arn:aws:iam::111111111111:policy/ReadOrdersApi', VersionId: 'v1' })],
  ['iam-ListRoles-page.xml', () => queryCall(emu.url, KEYS.auditor, { Action: 'ListRoles', MaxItems: '1' })],
  ['iam-AccessDenied.xml', () => queryCall(emu.url, KEYS.bystander, { Action: 'GetRole', RoleName: 'ApiInvokerRole' })],
  ['iam-ValidationError.xml', () => queryCall(emu.url, KEYS.auditor, { Action: 'GetRole' })],
  ['iam-NoSuchEntity.xml', () => queryCall(emu.url, KEYS.auditor, { Action: 'GetRole', RoleName: 'Missing' })],
  ['apigatewayv2-GetApis.json', () => restCall(emu.url, KEYS.auditor, 'GET', '/v2/apis')],
  ['apigatewayv2-GetRoutes.json', () => restCall(emu.url, KEYS.auditor, 'GET', '/v2/apis/a1b2c3d4e5/routes')],
  ['apigatewayv2-GetStage.json', () => restCall(emu.url, KEYS.auditor, 'GET', '/v2/apis/a1b2c3d4e5/stages/%24default')],
  ['apigatewayv2-NotFoundException.json', () => restCall(emu.url, KEYS.auditor, 'GET', '/v2/apis/zzzzzzzzzz')],
  ['apigatewayv2-AccessDeniedException.json', () => restCall(emu.url, KEYS.bystander, 'GET', '/v2/apis/a1b2c3d4e5/routes')],
];

for (const [file, call] of CASES) {
  test(file, async () => {
    const actual = render(await call());
    const path = join(DIR, file);
    if (UPDATE) writeFileSync(path, actual);
    assert.equal(actual, readFileSync(path, 'utf8'), `${file} differs from its golden file (UPDATE_GOLDEN=1 regenerates it)`);
  });
}
