/**
 * `crossgate estate import aws`: a live snapshot read with GetAccountAuthorizationDetails
 * and API Gateway v2 reads. Against the embedded AWS serving the seed, with each account's
 * local administrator, the snapshot is the seed less its keys. Against moto_server (an
 * AWS implementation nobody here wrote), populated with boto3, it holds what boto3 made.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { snapshotEstate } from '../../../src/aws/estateSnapshot.ts';
import { closeClients } from '../../../src/aws/clients.ts';
import { buildState, type RunningEmulator } from '../../../src/emulator/index.ts';
import { localAdministratorKey, localUserKey } from '../../../src/estate/localCredentials.ts';
import type { Estate, EstateAccount } from '../../../src/estate/types.ts';
import { schemaValidator } from '../../../src/util/schemas.ts';
import { SEED_ESTATE, startSeedEmulator } from '../../support/emulator.ts';
import { requireTool } from '../../support/tools.ts';

/** An account as a comparable value: names, documents, attachments as ARNs, routes; no keys, no ids. */
function comparable(a: EstateAccount): unknown {
  const arn = (ref: string) => (ref.startsWith('arn:') ? ref : `arn:aws:iam::${a.id}:policy/${ref}`);
  const sorted = <T extends { name: string }>(xs: T[] | undefined) => [...(xs ?? [])].sort((x, y) => x.name.localeCompare(y.name));
  return {
    id: a.id,
    policies: sorted(a.policies).map((p) => ({ name: p.name, path: p.path ?? '/', document: p.document })),
    users: sorted(a.users).map((u) => ({ name: u.name, path: u.path ?? '/', inline: u.inlinePolicies ?? {}, attached: (u.attachedPolicies ?? []).map(arn).sort() })),
    roles: sorted(a.roles).map((r) => ({ name: r.name, path: r.path ?? '/', trust: r.assumeRolePolicyDocument, inline: r.inlinePolicies ?? {}, attached: (r.attachedPolicies ?? []).map(arn).sort(), boundary: r.permissionsBoundary && arn(r.permissionsBoundary) })),
    apis: (a.apis ?? []).map((x) => ({ apiId: x.apiId, name: x.name, stages: x.stages ?? ['$default'], routes: x.routes.map((r) => `${r.routeKey} ${r.authorizationType ?? 'NONE'}`).sort() })),
  };
}

let emulator: RunningEmulator;
const seed = JSON.parse(readFileSync(SEED_ESTATE, 'utf8')) as Estate;
before(async () => {
  emulator = await startSeedEmulator();
});
after(async () => {
  closeClients({ kind: 'embedded', region: 'us-east-1', endpoint: emulator.url });
  await emulator.close();
});

test('the embedded AWS serving the seed: the snapshot is the seed less its keys', async () => {
  const target = { kind: 'embedded' as const, region: 'us-east-1', endpoint: emulator.url };
  const readers = seed.accounts.map((a) => ({ name: `admin-${a.id}`, credentials: localAdministratorKey(a.id) }));
  const estate = await snapshotEstate(target, readers);
  assert.ok(schemaValidator('estate')(JSON.parse(JSON.stringify(estate))), 'the snapshot is a valid estate');
  assert.deepEqual(estate.accounts.map(comparable), seed.accounts.map(comparable), 'every account, user, role, policy and route of the seed');
  assert.ok(estate.accounts.every((a) => (a.users ?? []).every((u) => u.accessKeys === undefined)), 'no keys are read');
  assert.deepEqual(estate.imported!.skipped, [], 'nothing skipped');
});

test('the local administrator: reads its own account, not another; cannot assume roles', async () => {
  const target = { kind: 'embedded' as const, region: 'us-east-1', endpoint: emulator.url };
  const b = localAdministratorKey('222222222222');
  const estate = await snapshotEstate(target, [{ name: 'admin-b', credentials: b }]);
  assert.deepEqual(estate.accounts.map((a) => a.id), ['222222222222'], 'only its own account');
  const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials: b });
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', RoleSessionName: 'session' })), (e: Error) => e.name === 'AccessDenied' && /root accounts/.test(e.message), 'root may not assume roles');
  sts.destroy();
});

test('an imported estate\'s users get local keys when the embedded AWS loads it', () => {
  const estate: Estate = { region: 'us-east-1', accounts: [{ id: '111111111111', users: [{ name: 'deployer' }] }], imported: { from: [{ kind: 'aws' }], locations: {}, placeholders: [], skipped: [] } };
  const state = buildState(estate, 'imported.json');
  const key = localUserKey('111111111111', 'deployer');
  assert.equal(state.credentials.get(key.accessKeyId)?.identity.arn, 'arn:aws:iam::111111111111:user/deployer', 'the local key signs as the user');
  assert.equal(state.credentials.get(localAdministratorKey('111111111111').accessKeyId)?.identity.arn, 'arn:aws:iam::111111111111:root', 'and the account has its local administrator');
  const plain = buildState({ ...estate, imported: undefined }, 'plain.json');
  assert.equal(plain.credentials.get(key.accessKeyId), undefined, 'a hand-written estate\'s keyless user stays keyless');
});

test('the command line: crossgate estate import aws with the config\'s auditors, against a served embedded AWS', async () => {
  const { serve, stop, BIN } = await import('../../support/cli.ts');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const served = await serve();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-live-'));
    const config = {
      target: 'embedded', region: 'us-east-1', estate: SEED_ESTATE,
      accounts: { A: '111111111111', B: '222222222222', C: '333333333333' }, apis: {}, roles: {},
      principals: Object.fromEntries(['A', 'B', 'C'].map((a) => [`admin-${a.toLowerCase()}`, { account: a, credentials: { source: 'estate' } }])),
      auditors: { A: 'admin-a', B: 'admin-b', C: 'admin-c' },
    };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const out = join(dir, 'live.json');
    const r = spawnSync(process.execPath, [BIN, 'estate', 'import', 'aws', '--config', join(dir, 'config.json'), '--endpoint', served.url, '--out', out], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /3 account\(s\), 2 role\(s\), 4 user\(s\)/, 'the summary');
    const live = JSON.parse(readFileSync(out, 'utf8')) as Estate;
    assert.deepEqual(live.accounts.map(comparable), seed.accounts.map(comparable), 'the seed less its keys');
  } finally {
    await stop(served.child);
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * moto answers API Gateway v2 list calls (GetApis, GetRoutes, GetStages) with a JSON body
 * labelled 'text/html' (AWS says application/json); crossgate's clients rightly refuse an
 * answer in the wrong content type. This relay corrects that one header on 2xx JSON
 * answers and passes everything else of moto's through untouched.
 */
function contentTypeRelay(upstream: number): Promise<{ server: Server; url: string }> {
  const server = createHttpServer((req, res) => {
    const out = httpRequest({ host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const headers = { ...up.headers };
      if ((up.statusCode ?? 500) < 300 && req.url?.startsWith('/v2/') && /text\/html/.test(String(headers['content-type']))) headers['content-type'] = 'application/json';
      res.writeHead(up.statusCode ?? 502, headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

const motoMissing = spawnSync('python3', ['-c', 'import moto.server, boto3'], { stdio: 'ignore' }).status === 0 ? false : 'python3 with moto[server] and boto3 is not installed';

test('moto_server populated with boto3: the snapshot holds its roles, trust, policies and routes', { skip: requireTool(motoMissing) }, async () => {
  const port = await freePort();
  const moto: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    let up = false;
    for (let i = 0; i < 100 && !up; i++) {
      up = await fetch(`${endpoint}/moto-api/`).then(() => true, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(up, 'moto_server answers');
    const populate = spawnSync('python3', ['-c', POPULATE, endpoint], { encoding: 'utf8', env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1' } });
    assert.equal(populate.status, 0, `boto3 populates moto: ${populate.stderr}`);
    const liveApiId = populate.stdout.trim();
    const relay = await contentTypeRelay(port);
    const target = { kind: 'aws' as const, region: 'us-east-1', endpoint: relay.url };
    const estate = await snapshotEstate(target, [{ name: 'moto', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }]).finally(() => {
      closeClients(target);
      relay.server.close();
    });
    const a = estate.accounts[0]!;
    assert.equal(a.id, '123456789012', 'moto\'s default account');
    const role = a.roles?.find((r) => r.name === 'ApiInvokerRole');
    assert.deepEqual(role?.assumeRolePolicyDocument, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' }] }, 'the trust policy');
    assert.deepEqual(role?.attachedPolicies, ['arn:aws:iam::123456789012:policy/invoke-orders'], 'the attached managed policy');
    assert.ok(role?.inlinePolicies?.['deny-delete'], 'the inline policy');
    assert.ok(a.policies?.some((p) => p.name === 'invoke-orders'), 'the managed policy with its document');
    const user = a.users?.find((u) => u.name === 'ci-caller');
    assert.ok(user?.inlinePolicies?.['group.assume'] ?? user?.inlinePolicies?.['callers.assume'], `the group policy reaches its member: ${JSON.stringify(user)}`);
    // moto's ids are 8 characters; the estate holds a 10-character stand-in, named in the placeholders.
    const apiId = /^[a-z0-9]{10}$/.test(liveApiId) ? liveApiId : estate.imported!.placeholders.find((p) => p.name === `123456789012.${liveApiId}`)?.value;
    const api = a.apis?.find((x) => x.apiId === apiId);
    assert.match(JSON.stringify(a.policies), new RegExp(`:${apiId}/\\*/GET/\\*`), 'the execute-api ARN names the API the estate holds');
    assert.deepEqual(api?.routes.map((r) => `${r.routeKey} ${r.authorizationType}`).sort(), ['GET /health NONE', 'GET /orders AWS_IAM'], 'routes with their authorization');
    assert.deepEqual(api?.stages, ['$default'], 'the stage');
    assert.ok(schemaValidator('estate')(JSON.parse(JSON.stringify(estate))), 'a valid estate');
    assert.ok(buildState(estate, 'moto'), 'the embedded AWS loads it');
  } finally {
    moto.kill('SIGTERM');
  }
});

const POPULATE = `
import json, sys, boto3
endpoint = sys.argv[1]
iam = boto3.client('iam', endpoint_url=endpoint)
apigw = boto3.client('apigatewayv2', endpoint_url=endpoint)
trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::222222222222:root'}, 'Action': 'sts:AssumeRole'}]}
iam.create_role(RoleName='ApiInvokerRole', AssumeRolePolicyDocument=json.dumps(trust))
api = apigw.create_api(Name='orders', ProtocolType='HTTP')['ApiId']
invoke = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'execute-api:Invoke', 'Resource': 'arn:aws:execute-api:us-east-1:123456789012:%s/*/GET/*' % api}]}
arn = iam.create_policy(PolicyName='invoke-orders', PolicyDocument=json.dumps(invoke))['Policy']['Arn']
iam.attach_role_policy(RoleName='ApiInvokerRole', PolicyArn=arn)
deny = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Deny', 'Action': 'execute-api:Invoke', 'Resource': '*'}]}
iam.put_role_policy(RoleName='ApiInvokerRole', PolicyName='deny-delete', PolicyDocument=json.dumps(deny))
iam.create_user(UserName='ci-caller')
iam.create_access_key(UserName='ci-caller')
iam.create_group(GroupName='callers')
iam.add_user_to_group(GroupName='callers', UserName='ci-caller')
assume = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'sts:AssumeRole', 'Resource': 'arn:aws:iam::111111111111:role/ApiInvokerRole'}]}
iam.put_group_policy(GroupName='callers', PolicyName='assume', PolicyDocument=json.dumps(assume))
apigw.create_route(ApiId=api, RouteKey='GET /orders', AuthorizationType='AWS_IAM')
apigw.create_route(ApiId=api, RouteKey='GET /health', AuthorizationType='NONE')
apigw.create_stage(ApiId=api, StageName='$default')
print(api)
`;
