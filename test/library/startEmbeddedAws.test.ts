// The embedded AWS as a library, driven the way a user's own test suite drives it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetApisCommand, ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { startEmbeddedAws, type EmbeddedAws, type Estate } from '../../src/index.ts';

describe('startEmbeddedAws', () => {
  let aws: EmbeddedAws;
  before(async () => {
    aws = await startEmbeddedAws({ estate: 'estates/seed.json' });
  });
  after(() => aws.close());

  test('serves the estate on loopback, with the users\' keys', async () => {
    assert.match(aws.url, /^http:\/\/127\.0\.0\.1:\d+$/, 'a loopback URL');
    assert.equal(aws.region, 'us-east-1', 'the estate\'s region');
    const sts = new STSClient({ endpoint: aws.url, region: aws.region, credentials: aws.credentialsFor('ci-caller') });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:iam::222222222222:user/ci-caller', 'GetCallerIdentity names the user');
    const role = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', RoleSessionName: 'lib' }));
    assert.ok(role.Credentials?.SessionToken, 'AssumeRole returns session credentials');
  });

  test('names the users there are when a name is unknown, and asks which account when two match', () => {
    assert.throws(() => aws.credentialsFor('nobody'), /no user 'nobody'.*222222222222\/ci-caller/, 'the known users are listed');
    assert.deepEqual(aws.credentialsFor('222222222222/ci-caller'), aws.credentialsFor('ci-caller'), 'ACCOUNT/name form');
  });

  test('takes an estate object, validated like a file', async () => {
    const estate = JSON.parse(readFileSync('estates/seed.json', 'utf8')) as Estate;
    const other = await startEmbeddedAws({ estate });
    try {
      const apigw = new ApiGatewayV2Client({ endpoint: other.url, region: other.region, credentials: other.credentialsFor('auditor') });
      const apis = await apigw.send(new GetApisCommand({}));
      assert.deepEqual(apis.Items?.map((a) => a.ApiId), ['a1b2c3d4e5'], 'the seed\'s API');
    } finally {
      await other.close();
    }
    await assert.rejects(startEmbeddedAws({ estate: { region: 'us-east-1' } as unknown as Estate }), /accounts/, 'a schema error names what is missing');
  });
});
