/**
 * IAM Access Analyzer in the embedded AWS, through clients nobody here wrote: the
 * real @aws-sdk/client-accessanalyzer and the AWS CLI; raw signed requests for
 * every malformed input (each a ValidationException, never a 500).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  AccessAnalyzerClient,
  CheckAccessNotGrantedCommand,
  CheckNoNewAccessCommand,
  CheckNoPublicAccessCommand,
  ValidatePolicyCommand,
  type ValidatePolicyFinding,
} from '@aws-sdk/client-accessanalyzer';
import fc from 'fast-check';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { KEYS, startSeedEmulator } from '../support/emulator.ts';
import { has } from '../support/cli.ts';
import { callApi, type Creds, type RawResponse } from '../support/signing.ts';
import { requireTool } from '../support/tools.ts';

const API = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5';
const TRUST = 'AWS::IAM::AssumeRolePolicyDocument';
const SEED_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' }] });
const OPEN_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] });
const DELETE_GRANT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*/DELETE/*` }] });

let emu: RunningEmulator;
const client = (credentials: Creds = KEYS.auditor) => new AccessAnalyzerClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });

before(async () => {
  emu = await startSeedEmulator();
});
after(() => emu.close());

async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number; reason?: string; fieldList?: { name: string; message: string }[] }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; reason?: string; fieldList?: { name: string; message: string }[]; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, reason: e.reason, fieldList: e.fieldList };
  }
  assert.fail('expected the call to be rejected');
}

/** A raw request to an operation, signed for access-analyzer as the auditor. */
function raw(path: string, body: string, opts: { method?: string; creds?: Creds } = {}): Promise<RawResponse> {
  const host = new URL(emu.url).host;
  return callApi(emu.url, { method: opts.method ?? 'POST', path, host, body, creds: opts.creds ?? KEYS.auditor, service: 'access-analyzer', headers: { 'content-type': 'application/json' } });
}

function assertValidationException(res: RawResponse, reason?: string): { message: string; reason: string; fieldList?: { name: string; message: string }[] } {
  assert.equal(res.status, 400, res.body);
  assert.equal(res.headers['x-amzn-errortype'], 'ValidationException');
  assert.match(res.headers['x-amzn-requestid'] ?? '', /^[0-9a-f-]{36}$/);
  const body = JSON.parse(res.body) as { message: string; reason: string; fieldList?: { name: string; message: string }[] };
  assert.equal(typeof body.message, 'string');
  if (reason !== undefined) assert.equal(body.reason, reason);
  return body;
}

describe('ValidatePolicy through @aws-sdk/client-accessanalyzer', () => {
  const typos = JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['execute-api:Invok', 'iam:PassRole'], Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'soon' } } }] },
    null,
    2,
  );

  test('reports findings with AWS issue codes, links, and spans of the original text', async () => {
    const out = await client().send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: typos }));
    const findings = out.findings ?? [];
    assert.deepEqual(findings.map((f) => f.issueCode), ['INVALID_ACTION', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'TYPE_MISMATCH_NUMBER']);
    const invalid = findings[0] as ValidatePolicyFinding;
    assert.equal(invalid.findingType, 'ERROR');
    assert.equal(invalid.findingDetails, 'The action execute-api:Invok does not exist. Did you mean execute-api:Invoke?');
    assert.equal(invalid.learnMoreLink, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action');
    assert.deepEqual(invalid.locations?.[0]?.path, [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 0 }]);
    const span = invalid.locations![0]!.span!;
    assert.equal(typos.slice(span.start!.offset, span.end!.offset), '"execute-api:Invok"');
    assert.equal(span.start!.line, 7);
    assert.equal(span.start!.column, 8);
    assert.equal(findings[1]?.findingType, 'SECURITY_WARNING');
    assert.equal(findings[2]?.findingType, 'WARNING');
  });

  test('resource control policies are validated as RCPs', async () => {
    const rcp = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }] });
    const out = await client().send(new ValidatePolicyCommand({ policyType: 'RESOURCE_CONTROL_POLICY', policyDocument: rcp }));
    assert.deepEqual(out.findings?.map((f) => [f.issueCode, f.findingType]), [['RCP_SYNTAX_ERROR_NOTACTION', 'ERROR']]);
  });

  test('invalid JSON is a JSON_SYNTAX_ERROR finding, not an error', async () => {
    const out = await client().send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: '{"Version": "2012-10-17", "Statement": [' }));
    assert.deepEqual(out.findings?.map((f) => f.issueCode), ['JSON_SYNTAX_ERROR']);
  });

  test('trust policies get AWS’s role trust policy checks and nothing invented', async () => {
    const out = await client().send(new ValidatePolicyCommand({ policyType: 'RESOURCE_POLICY', validatePolicyResourceType: TRUST, policyDocument: OPEN_TRUST }));
    assert.deepEqual(out.findings, [], '{"AWS": "*"} is valid grammar; public access is CheckNoPublicAccess’s answer');
    const bare = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] });
    const errors = await client().send(new ValidatePolicyCommand({ policyType: 'RESOURCE_POLICY', validatePolicyResourceType: TRUST, policyDocument: bare }));
    assert.deepEqual(
      errors.findings?.map((f) => [f.issueCode, f.findingType]),
      [['ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'ERROR'], ['ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', 'ERROR']],
    );
    assert.equal(
      errors.findings?.[0]?.learnMoreLink,
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-role-trust-policy-unsupported-wildcard-in-principal',
    );
    const seed = await client().send(new ValidatePolicyCommand({ policyType: 'RESOURCE_POLICY', validatePolicyResourceType: TRUST, policyDocument: SEED_TRUST }));
    assert.deepEqual(seed.findings, []);
  });

  test('pages with maxResults and nextToken', async () => {
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const out = await client().send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: typos, maxResults: 1, nextToken }));
      pages.push((out.findings ?? []).map((f) => f.issueCode!));
      nextToken = out.nextToken;
    } while (nextToken !== undefined && pages.length < 10);
    assert.deepEqual(pages, [['INVALID_ACTION'], ['PASS_ROLE_WITH_STAR_IN_RESOURCE'], ['TYPE_MISMATCH_NUMBER']]);
  });

  test('a nextToken from another document is refused', async () => {
    const first = await client().send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: typos, maxResults: 1 }));
    const err = await rejection(client().send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: DELETE_GRANT, nextToken: first.nextToken })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.status, 400);
    assert.deepEqual(err.fieldList?.map((f) => f.name), ['nextToken']);
  });
});

describe('the custom policy checks through @aws-sdk/client-accessanalyzer', () => {
  test('CheckNoPublicAccess: an open trust policy FAILs, the seed’s PASSes', async () => {
    const open = await client().send(new CheckNoPublicAccessCommand({ resourceType: TRUST, policyDocument: OPEN_TRUST }));
    assert.equal(open.result, 'FAIL');
    assert.equal(open.message, 'The resource policy grants public access for the given resource type.');
    assert.equal(open.reasons?.[0]?.statementIndex, 0);
    const seed = await client().send(new CheckNoPublicAccessCommand({ resourceType: TRUST, policyDocument: SEED_TRUST }));
    assert.equal(seed.result, 'PASS');
    assert.deepEqual(seed.reasons, []);
  });

  test('CheckAccessNotGranted: DELETE route FAILs, another API PASSes', async () => {
    const check = (resource: string) =>
      client().send(new CheckAccessNotGrantedCommand({ policyType: 'IDENTITY_POLICY', policyDocument: DELETE_GRANT, access: [{ actions: ['execute-api:Invoke'], resources: [resource] }] }));
    const hit = await check(`${API}/$default/DELETE/orders/42`);
    assert.equal(hit.result, 'FAIL');
    assert.match(hit.reasons?.[0]?.description ?? '', /^One or more of the listed actions or resources in the statement with index: 0\./);
    assert.equal((await check(`${API}/*/DELETE/*`)).result, 'FAIL');
    assert.equal((await check('arn:aws:execute-api:us-east-1:111111111111:zzzzzzzzzz/$default/DELETE/orders/42')).result, 'PASS');
  });

  test('CheckNoNewAccess: opening the trust policy is new access', async () => {
    const out = await client().send(new CheckNoNewAccessCommand({ policyType: 'RESOURCE_POLICY', existingPolicyDocument: SEED_TRUST, newPolicyDocument: OPEN_TRUST }));
    assert.equal(out.result, 'FAIL');
    assert.equal(out.message, 'The modified permissions grant new access compared to your existing policy.');
    const same = await client().send(new CheckNoNewAccessCommand({ policyType: 'RESOURCE_POLICY', existingPolicyDocument: SEED_TRUST, newPolicyDocument: SEED_TRUST }));
    assert.equal(same.result, 'PASS');
  });

  test('an invalid policy is a ValidationException naming the member', async () => {
    const err = await rejection(client().send(new CheckAccessNotGrantedCommand({ policyType: 'IDENTITY_POLICY', policyDocument: '{', access: [{ actions: ['s3:GetObject'] }] })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.status, 400);
    assert.equal(err.reason, 'fieldValidationFailed');
    assert.deepEqual(err.fieldList?.map((f) => f.name), ['policyDocument']);
  });
});

describe('authorization', () => {
  test('bystander (no Access Analyzer permissions) gets AccessDeniedException 403', async () => {
    const err = await rejection(client(KEYS.bystander).send(new CheckNoPublicAccessCommand({ resourceType: TRUST, policyDocument: SEED_TRUST })));
    assert.equal(err.name, 'AccessDeniedException');
    assert.equal(err.status, 403);
    assert.equal(
      err.message,
      'User: arn:aws:iam::222222222222:user/bystander is not authorized to perform: access-analyzer:CheckNoPublicAccess on resource: arn:aws:access-analyzer:us-east-1:222222222222:* because no identity-based policy allows the access-analyzer:CheckNoPublicAccess action',
    );
  });

  test('an unknown key is UnrecognizedClientException 403', async () => {
    const err = await rejection(client({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: KEYS.auditor.secretAccessKey }).send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: SEED_TRUST })));
    assert.equal(err.name, 'UnrecognizedClientException');
    assert.equal(err.status, 403);
  });

  test('a wrong secret is InvalidSignatureException 403', async () => {
    const err = await rejection(client({ accessKeyId: KEYS.auditor.accessKeyId, secretAccessKey: KEYS.bystander.secretAccessKey }).send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: SEED_TRUST })));
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.status, 403);
  });
});

describe('malformed requests are ValidationException 400', () => {
  const validate = '/policy/validation';
  const notGranted = '/policy/check-access-not-granted';
  const newAccess = '/policy/check-no-new-access';
  const publicAccess = '/policy/check-no-public-access';

  test('a body that is not JSON, or not an object', async () => {
    assertValidationException(await raw(validate, '{"policyType": '), 'cannotParse');
    assertValidationException(await raw(notGranted, '[1, 2]'), 'cannotParse');
    assertValidationException(await raw(publicAccess, '"text"'), 'cannotParse');
  });

  test('missing required members, all named', async () => {
    const body = assertValidationException(await raw(notGranted, '{}'), 'fieldValidationFailed');
    assert.deepEqual(body.fieldList?.map((f) => f.name), ['policyDocument', 'access', 'policyType']);
    assert.match(body.message, /^3 validation errors detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null/);
    assert.deepEqual(assertValidationException(await raw(newAccess, '{"policyType":"IDENTITY_POLICY"}')).fieldList?.map((f) => f.name), ['newPolicyDocument', 'existingPolicyDocument']);
  });

  test('members of the wrong type or outside their enum', async () => {
    const cases: [string, unknown, string[]][] = [
      [validate, { policyDocument: 42, policyType: 'IDENTITY_POLICY' }, ['policyDocument']],
      [validate, { policyDocument: '{}', policyType: 'TRUST_POLICY' }, ['policyType']],
      [validate, { policyDocument: '{}', policyType: 'IDENTITY_POLICY', locale: 'XX' }, ['locale']],
      [validate, { policyDocument: '{}', policyType: 'IDENTITY_POLICY', validatePolicyResourceType: TRUST }, ['validatePolicyResourceType']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: 'execute-api:Invoke' }, ['access']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: [] }, ['access']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: [{ actions: ['a:b'] }, { actions: ['c:d'] }] }, ['access']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: ['x'] }, ['access.1.member']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: [{}] }, ['access.1.member']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: [{ actions: [7] }] }, ['access.1.member.actions']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: [{ actions: ['invoke'] }] }, ['access.1.member.actions']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: [{ resources: ['orders/42'] }] }, ['access.1.member.resources']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'IDENTITY_POLICY', access: [{ resources: Array.from({ length: 101 }, () => '*') }] }, ['access.1.member.resources']],
      [notGranted, { policyDocument: DELETE_GRANT, policyType: 'SERVICE_CONTROL_POLICY', access: [{ actions: ['s3:*'] }] }, ['policyType']],
      [publicAccess, { policyDocument: SEED_TRUST, resourceType: 'AWS::IAM::Role' }, ['resourceType']],
      [publicAccess, { policyDocument: { Version: '2012-10-17' }, resourceType: TRUST }, ['policyDocument']],
    ];
    for (const [path, body, fields] of cases) {
      const res = await raw(path, JSON.stringify(body));
      assert.deepEqual(assertValidationException(res, 'fieldValidationFailed').fieldList?.map((f) => f.name), fields, `${path} ${JSON.stringify(body).slice(0, 120)}`);
    }
  });

  test('huge and deeply nested policy documents', async () => {
    const huge = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 6000 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] });
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    for (const document of [huge, deep]) {
      assertValidationException(await raw(validate, JSON.stringify({ policyDocument: document, policyType: 'IDENTITY_POLICY' })), 'fieldValidationFailed');
      assertValidationException(await raw(notGranted, JSON.stringify({ policyDocument: document, policyType: 'IDENTITY_POLICY', access: [{ actions: ['s3:GetObject'] }] })), 'fieldValidationFailed');
      assertValidationException(await raw(newAccess, JSON.stringify({ newPolicyDocument: document, existingPolicyDocument: SEED_TRUST, policyType: 'RESOURCE_POLICY' })), 'fieldValidationFailed');
      assertValidationException(await raw(publicAccess, JSON.stringify({ policyDocument: document, resourceType: TRUST })), 'fieldValidationFailed');
    }
    // The request body itself nested deeply: JSON.parse copes, the members are wrong.
    assertValidationException(await raw(validate, `{"policyDocument": ${'['.repeat(50_000)}${']'.repeat(50_000)}, "policyType": "IDENTITY_POLICY"}`), 'fieldValidationFailed');
  });

  test('unknown operations and methods', async () => {
    assertValidationException(await raw('/policy/nothing', '{}'), 'unknownOperation');
    assertValidationException(await raw(validate, '', { method: 'GET' }), 'unknownOperation');
    assertValidationException(await raw('/', '{}'), 'unknownOperation');
  });

  test('random bodies never end in a 500 (property)', async () => {
    const paths = fc.constantFrom(validate, notGranted, newAccess, publicAccess);
    const member = fc.oneof(fc.string(), fc.constantFrom('IDENTITY_POLICY', 'RESOURCE_POLICY', TRUST, SEED_TRUST, OPEN_TRUST, DELETE_GRANT, '{', ''), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
    const bodies = fc.oneof(
      fc.json(),
      fc.record({ policyDocument: member, policyType: member, resourceType: member, newPolicyDocument: member, existingPolicyDocument: member, validatePolicyResourceType: member }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
      fc.record({ policyDocument: member, policyType: member, access: fc.oneof(member, fc.array(fc.record({ actions: fc.oneof(member, fc.array(member)), resources: fc.oneof(member, fc.array(member)) }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(paths, bodies, async (path, body) => {
        const res = await raw(path, body);
        assert.ok(res.status === 200 || res.status === 400, `${res.status} for ${path} ${body.slice(0, 200)}: ${res.body.slice(0, 200)}`);
        const parsed = JSON.parse(res.body) as Record<string, unknown>;
        if (res.status === 400) {
          assert.equal(res.headers['x-amzn-errortype'], 'ValidationException');
          assert.equal(typeof parsed['message'], 'string');
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('through the AWS CLI', () => {
  const cli = requireTool(has('aws') ? false : 'the AWS CLI is not installed');
  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: KEYS.auditor.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.auditor.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    delete e.AWS_PROFILE;
    delete e.AWS_SESSION_TOKEN;
    return e;
  };
  // Asynchronous on purpose: the emulator runs in this process and must keep serving.
  const aws = async (args: string[]) => JSON.parse((await promisify(execFile)('aws', [...args, '--endpoint-url', emu.url, '--output', 'json'], { env: env(), encoding: 'utf8' })).stdout) as Record<string, unknown>;

  test('aws accessanalyzer validate-policy', { skip: cli }, async () => {
    const out = await aws(['accessanalyzer', 'validate-policy', '--policy-type', 'IDENTITY_POLICY', '--policy-document', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }] })]);
    const findings = out['findings'] as { issueCode: string; findingDetails: string }[];
    assert.deepEqual(findings.map((f) => f.issueCode), ['INVALID_ACTION']);
    assert.match(findings[0]!.findingDetails, /Did you mean s3:GetObject\?/);
  });

  test('aws accessanalyzer check-no-public-access --resource-type AWS::IAM::AssumeRolePolicyDocument', { skip: cli }, async () => {
    const open = await aws(['accessanalyzer', 'check-no-public-access', '--resource-type', TRUST, '--policy-document', OPEN_TRUST]);
    assert.equal(open['result'], 'FAIL');
    const seed = await aws(['accessanalyzer', 'check-no-public-access', '--resource-type', TRUST, '--policy-document', SEED_TRUST]);
    assert.equal(seed['result'], 'PASS');
  });

  test('aws accessanalyzer check-access-not-granted', { skip: cli }, async () => {
    const out = await aws(['accessanalyzer', 'check-access-not-granted', '--policy-type', 'IDENTITY_POLICY', '--policy-document', DELETE_GRANT, '--access', JSON.stringify([{ actions: ['execute-api:Invoke'], resources: [`${API}/$default/DELETE/orders/42`] }])]);
    assert.equal(out['result'], 'FAIL');
  });
});
