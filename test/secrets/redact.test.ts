/**
 * The redactor: exact registered values in any quoting, and secret-shaped values
 * next to their names, in every form crossgate might print them.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clearRegisteredSecrets, redact, redactDeep, redactError, registerCredentials, registerSecret, REDACTED } from '../../src/secrets/redact.ts';

const SECRET = 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx';
const TOKEN = `IQoJb3JpZ2luX2VjE${'Ab3/+x9Z'.repeat(40)}==`;
const SIG = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

afterEach(() => clearRegisteredSecrets());

describe('redact: patterns', () => {
  const cases: [string, string, string][] = [
    ['Authorization header line', `Authorization: AWS4-HMAC-SHA256 Credential=AKIACICALLER00000002/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIG}`, SIG],
    ['authorization in JSON', `{"authorization":"Bearer abc.def.ghi","host":"x"}`, 'abc.def.ghi'],
    ['bare SigV4 value', `sent AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${SIG} ok`, SIG],
    ['presigned URL signature', `https://h/orders?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX%2F20260101%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Signature=${SIG}`, SIG],
    ['presigned URL credential', `https://h/orders?X-Amz-Credential=AKIACICALLER00000002%2F20260101&X-Amz-Date=1`, 'AKIACICALLER00000002'],
    ['presigned URL security token', `https://h/o?X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&a=b`, encodeURIComponent(TOKEN).slice(0, 30)],
    ['x-amz-security-token header (JSON)', `{"x-amz-security-token": "${TOKEN}"}`, TOKEN.slice(0, 30)],
    ['secretAccessKey in JSON', `{"accessKeyId":"ASIAXXXX","secretAccessKey":"${SECRET}"}`, SECRET],
    ['SecretAccessKey in XML', `<Credentials><SecretAccessKey>${SECRET}</SecretAccessKey></Credentials>`, SECRET],
    ['aws_secret_access_key in INI', `aws_secret_access_key = ${SECRET}\n`, SECRET],
    ['AWS_SECRET_ACCESS_KEY env', `AWS_SECRET_ACCESS_KEY=${SECRET} aws sts`, SECRET],
    ['sessionToken in JSON', `{"sessionToken":"${TOKEN}"}`, TOKEN.slice(0, 30)],
    ['SessionToken in XML', `<SessionToken>short-but-secret-token-value</SessionToken>`, 'short-but-secret-token-value'],
    ['session-token-shaped value anywhere', `token was ${TOKEN} here`, TOKEN.slice(0, 30)],
  ];
  for (const [name, input, secret] of cases) {
    test(name, () => {
      const out = redact(input);
      assert.ok(!out.includes(secret), out);
      assert.ok(out.includes(REDACTED), out);
    });
  }

  test('leaves ordinary evidence alone', () => {
    const text = 'GET https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders as arn:aws:sts::111111111111:assumed-role/ApiInvokerRole/crossgate-ci-caller: expected 403, got 200 (AccessDeniedException); authorizationType AWS_IAM; signed: true';
    assert.equal(redact(text), text);
  });

  test('an access key id alone is not a secret', () => {
    assert.equal(redact('access key AKIACICALLER00000002'), 'access key AKIACICALLER00000002');
  });
});

describe('redact: registry', () => {
  test('a registered secret is scrubbed bare, URL-encoded and JSON-escaped', () => {
    const secret = 'abc/def+ghi=jkl"mno';
    registerSecret(secret);
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      assert.equal(redact(`x ${form} y`), `x ${REDACTED} y`);
    }
  });

  test('credentials register their secret parts, not the key id', () => {
    registerCredentials({ secretAccessKey: SECRET, sessionToken: 'a-session-token-1234' });
    assert.equal(redact(`${SECRET} a-session-token-1234 AKIAX`), `${REDACTED} ${REDACTED} AKIAX`);
  });

  test('short values are not registered', () => {
    registerSecret('abc');
    assert.equal(redact('abc'), 'abc');
  });
});

describe('redactDeep and redactError', () => {
  test('redactDeep copies, scrubbing values and secret-named keys', () => {
    registerSecret(SECRET);
    const input = { a: [`key ${SECRET}`], nested: { sessionToken: 'whatever-it-is', authorization: 'x', status: 403 }, date: new Date(0) };
    const out = redactDeep(input);
    assert.deepEqual(out, { a: [`key ${REDACTED}`], nested: { sessionToken: REDACTED, authorization: REDACTED, status: 403 }, date: new Date(0) });
    assert.equal(input.a[0], `key ${SECRET}`, 'the input is not modified');
  });

  test('redactError scrubs message, stack, string and plain-data properties and causes', () => {
    registerSecret(SECRET);
    const cause = new Error(`inner ${SECRET}`);
    const err = Object.assign(new Error(`outer ${SECRET}`, { cause }), { actual: { secretAccessKey: SECRET }, expected: `x ${SECRET}` });
    redactError(err);
    assert.ok(!err.message.includes(SECRET), 'message');
    assert.ok(!String(err.stack).includes(SECRET), 'stack');
    assert.ok(!JSON.stringify(err.actual).includes(SECRET), 'actual');
    assert.ok(!err.expected.includes(SECRET), 'expected');
    assert.ok(!cause.message.includes(SECRET), 'cause');
  });

  test('a thrown string is redacted', () => {
    registerSecret(SECRET);
    assert.equal(redactError(`boom ${SECRET}`), `boom ${REDACTED}`);
  });
});
