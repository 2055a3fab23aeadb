/**
 * STS through the real @aws-sdk/client-sts against the embedded AWS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { request } from 'undici';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { KEYS, ROLE, startSeedEmulator, TestClock } from '../support/emulator.ts';
import type { Creds } from '../support/signing.ts';

let emu: RunningEmulator;
const clock = new TestClock();
const sts = (credentials: Creds) => new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });

before(async () => {
  emu = await startSeedEmulator(clock);
});
after(() => emu.close());

async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number; requestId?: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, requestId: e.$metadata?.requestId };
  }
  assert.fail('expected the call to be rejected');
}

describe('GetCallerIdentity', () => {
  test('names an estate user', async () => {
    const out = await sts(KEYS.ciCaller).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, 'arn:aws:iam::222222222222:user/ci-caller');
    assert.equal(out.Account, '222222222222');
    assert.match(out.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.match(out.$metadata.requestId!, /^[0-9a-f-]{36}$/);
  });

  test('an unknown access key never validates', async () => {
    const err = await rejection(sts({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: KEYS.ciCaller.secretAccessKey }).send(new GetCallerIdentityCommand({})));
    assert.equal(err.name, 'InvalidClientTokenId');
    assert.equal(err.status, 403);
    assert.equal(err.message, 'The security token included in the request is invalid.');
  });

  test('a wrong secret is SignatureDoesNotMatch', async () => {
    const err = await rejection(sts({ accessKeyId: KEYS.ciCaller.accessKeyId, secretAccessKey: KEYS.bystander.secretAccessKey }).send(new GetCallerIdentityCommand({})));
    assert.equal(err.name, 'SignatureDoesNotMatch');
    assert.equal(err.status, 403);
  });
});

describe('AssumeRole', () => {
  test('ci-caller assumes ApiInvokerRole across accounts and gets working session credentials', async () => {
    const out = await sts(KEYS.ciCaller).send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'role_session', DurationSeconds: 900 }));
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey!.length, 40);
    assert.ok(c.SessionToken!.length > 100);
    const ttl = (c.Expiration!.getTime() - Date.now()) / 1000;
    assert.ok(ttl > 890 && ttl <= 900, `expiration ${ttl}s from now`);
    assert.equal(out.AssumedRoleUser!.Arn, 'arn:aws:sts::111111111111:assumed-role/ApiInvokerRole/role_session');
    assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]{17}:role_session$/);

    const who = await sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, out.AssumedRoleUser!.Arn);
    assert.equal(who.Account, '111111111111');
    assert.equal(who.UserId, out.AssumedRoleUser!.AssumedRoleId);
  });

  for (const [name, creds, arn] of [
    ['bystander (no identity policy)', KEYS.bystander, 'arn:aws:iam::222222222222:user/bystander'],
    ['outsider (account C, not trusted)', KEYS.outsider, 'arn:aws:iam::333333333333:user/outsider'],
  ] as const) {
    test(`${name} is denied with AWS's message`, async () => {
      const err = await rejection(sts(creds).send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 's1' })));
      assert.equal(err.name, 'AccessDenied');
      assert.equal(err.status, 403);
      assert.equal(err.message, `User: ${arn} is not authorized to perform: sts:AssumeRole on resource: ${ROLE.invoker}`);
    });
  }

  test('a role that does not exist is AccessDenied, not NoSuchEntity', async () => {
    const err = await rejection(sts(KEYS.outsider).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/Nope', RoleSessionName: 's1' })));
    assert.equal(err.name, 'AccessDenied');
  });

  test('DurationSeconds outside 900..43200 and above MaxSessionDuration are ValidationErrors', async () => {
    for (const [d, pattern] of [
      [899, /greater than or equal to 900/],
      [43201, /less than or equal to 43200/],
      [7200, /exceeds the MaxSessionDuration/],
    ] as const) {
      const err = await rejection(sts(KEYS.ciCaller).send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 's1', DurationSeconds: d })));
      assert.equal(err.name, 'ValidationError', `DurationSeconds ${d}`);
      assert.match(err.message, pattern);
    }
  });

  test('a bad session name is a ValidationError', async () => {
    const err = await rejection(sts(KEYS.ciCaller).send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'has space' })));
    assert.equal(err.name, 'ValidationError');
  });

  test('session credentials expire', async () => {
    const out = await sts(KEYS.ciCaller).send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'short', DurationSeconds: 900 }));
    const c = out.Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    clock.advance(901);
    try {
      const err = await rejection(sts(session).send(new GetCallerIdentityCommand({})));
      assert.equal(err.name, 'ExpiredToken');
      assert.equal(err.message, 'The security token included in the request is expired');
    } finally {
      clock.advance(-901);
    }
  });

  test("one session's token with another session's key is rejected", async () => {
    const a = (await sts(KEYS.ciCaller).send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'sa' }))).Credentials!;
    const b = (await sts(KEYS.ciCaller).send(new AssumeRoleCommand({ RoleArn: ROLE.readOnly, RoleSessionName: 'sb' }))).Credentials!;
    const err = await rejection(sts({ accessKeyId: a.AccessKeyId!, secretAccessKey: a.SecretAccessKey!, sessionToken: b.SessionToken! }).send(new GetCallerIdentityCommand({})));
    assert.equal(err.name, 'InvalidClientTokenId');
    const noToken = await rejection(sts({ accessKeyId: a.AccessKeyId!, secretAccessKey: a.SecretAccessKey! }).send(new GetCallerIdentityCommand({})));
    assert.equal(noToken.name, 'InvalidClientTokenId');
  });
});

describe('Query protocol shape', () => {
  test('responses carry the STS namespace and ResponseMetadata/RequestId', async () => {
    const { HttpRequest } = await import('@smithy/protocol-http');
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const url = new URL(emu.url);
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: KEYS.auditor, sha256: Sha256 });
    const signed = await signer.sign(new HttpRequest({
      method: 'POST', hostname: url.hostname, port: Number(url.port), path: '/', protocol: 'http:', body,
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    }));
    const res = await request(emu.url + '/', { method: 'POST', headers: signed.headers, body });
    const xml = await res.body.text();
    assert.equal(res.statusCode, 200);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user\/auditor<\/Arn><UserId>AIDA[A-Z2-7]{17}<\/UserId><Account>111111111111<\/Account><\/GetCallerIdentityResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/GetCallerIdentityResponse>$/);
  });

  test('an unsigned Query request is MissingAuthenticationToken in an ErrorResponse', async () => {
    const res = await request(emu.url + '/?Action=GetCallerIdentity&Version=2011-06-15');
    const xml = await res.body.text();
    assert.equal(res.statusCode, 403);
    assert.match(xml, /<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/);
    assert.match(xml, /<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });
});
