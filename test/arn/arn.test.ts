import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  accountRootArn,
  assumedRoleArn,
  executeApiArn,
  formatArn,
  parseArn,
  parseExecuteApiArn,
  parsePrincipalArn,
  principalAccountId,
  splitArn,
  arnPrefix,
  roleArn,
  userArn,
} from '../../src/arn/index.ts';

describe('parseArn / formatArn', () => {
  it('splits at the first five colons; the resource keeps its colons and slashes', () => {
    assert.deepEqual(parseArn('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/a:b/c'), {
      partition: 'aws',
      service: 'execute-api',
      region: 'us-east-1',
      accountId: '111111111111',
      resource: 'a1b2c3d4e5/$default/GET/a:b/c',
    });
    assert.deepEqual(parseArn('arn:aws:s3:::bucket/key'), {
      partition: 'aws', service: 's3', region: '', accountId: '', resource: 'bucket/key',
    });
    assert.equal(parseArn('arn:aws:logs:us-east-1:111111111111:log-group:/aws/x:*')?.resource, 'log-group:/aws/x:*');
  });

  it('rejects what is not an ARN', () => {
    for (const s of ['', 'arn', 'arn:aws:s3::', 'arn:aws:s3:::', 'urn:aws:s3:::b', 'arn::s3:::b', 'arn:aws::::b', '*']) {
      assert.equal(parseArn(s), undefined, s);
    }
  });

  it('round-trips', () => {
    const part = fc.stringMatching(/^[a-z0-9-]{0,12}$/);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z-]{1,10}$/), fc.stringMatching(/^[a-z0-9-]{1,12}$/), part, part, fc.string({ minLength: 1 }), (partition, service, region, accountId, resource) => {
        const arn = { partition, service, region, accountId, resource };
        assert.deepEqual(parseArn(formatArn(arn)), arn);
      }),
    );
  });
});

describe('executeApiArn', () => {
  const base = { region: 'us-east-1', accountId: '111111111111', apiId: 'a1b2c3d4e5', stage: '$default' };

  it('drops the leading slash of the path and upper-cases the method', () => {
    assert.equal(executeApiArn({ ...base, method: 'get', path: '/orders/42' }), 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/orders/42');
  });

  it('ends with /METHOD/ for the path /', () => {
    assert.equal(executeApiArn({ ...base, method: 'GET', path: '/' }), 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/');
  });

  it('keeps wildcards and a named stage, and honours the partition', () => {
    assert.equal(executeApiArn({ ...base, stage: 'prod', method: '*', path: '*' }), 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/prod/*/*');
    assert.equal(executeApiArn({ ...base, partition: 'aws-cn', region: 'cn-north-1', method: 'POST', path: '/orders' }), 'arn:aws-cn:execute-api:cn-north-1:111111111111:a1b2c3d4e5/$default/POST/orders');
  });

  it('round-trips through parseExecuteApiArn', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_{}+.-]{1,8}$/);
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'DELETE', '*'), fc.array(segment, { maxLength: 4 }), fc.constantFrom('$default', 'prod', '*'), (method, segments, stage) => {
        const parts = { partition: 'aws', ...base, stage, method, path: `/${segments.join('/')}` };
        assert.deepEqual(parseExecuteApiArn(executeApiArn(parts)), parts);
      }),
    );
  });
});

describe('parseExecuteApiArn', () => {
  it('keeps wildcards as written', () => {
    assert.deepEqual(parseExecuteApiArn('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/*/*'), {
      partition: 'aws', region: 'us-east-1', accountId: '111111111111', apiId: 'a1b2c3d4e5', stage: '$default', method: '*', path: '/*',
    });
    assert.equal(parseExecuteApiArn('arn:aws:execute-api:*:*:a1b2c3d4e5/*/GET/orders/*')?.path, '/orders/*');
  });

  it('yields undefined for other services and for ARNs that stop before the path', () => {
    assert.equal(parseExecuteApiArn('arn:aws:iam::111111111111:role/R'), undefined);
    assert.equal(parseExecuteApiArn('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*'), undefined);
    assert.equal(parseExecuteApiArn('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET'), undefined);
    assert.equal(parseExecuteApiArn('not an arn'), undefined);
  });
});

describe('principal ARNs', () => {
  it('builds role, user, session and root ARNs', () => {
    assert.equal(roleArn('111111111111', 'ApiInvokerRole'), 'arn:aws:iam::111111111111:role/ApiInvokerRole');
    assert.equal(roleArn('111111111111', 'R', '/team/'), 'arn:aws:iam::111111111111:role/team/R');
    assert.equal(roleArn('111111111111', 'R', 'team'), 'arn:aws:iam::111111111111:role/team/R');
    assert.equal(userArn('222222222222', 'ci-caller'), 'arn:aws:iam::222222222222:user/ci-caller');
    assert.equal(userArn('222222222222', 'ci', '/ci/'), 'arn:aws:iam::222222222222:user/ci/ci');
    assert.equal(assumedRoleArn('111111111111', 'ApiInvokerRole', 'run-1'), 'arn:aws:sts::111111111111:assumed-role/ApiInvokerRole/run-1');
    assert.equal(accountRootArn('222222222222'), 'arn:aws:iam::222222222222:root');
  });

  it('classifies principal ARNs', () => {
    assert.deepEqual(parsePrincipalArn(accountRootArn('222222222222')), { kind: 'root', partition: 'aws', accountId: '222222222222' });
    assert.deepEqual(parsePrincipalArn(roleArn('111111111111', 'R', '/a/b/')), { kind: 'role', partition: 'aws', accountId: '111111111111', path: '/a/b/', name: 'R' });
    assert.deepEqual(parsePrincipalArn(userArn('222222222222', 'ci-caller')), { kind: 'user', partition: 'aws', accountId: '222222222222', path: '/', name: 'ci-caller' });
    assert.deepEqual(parsePrincipalArn(assumedRoleArn('111111111111', 'R', 's')), { kind: 'assumedRole', partition: 'aws', accountId: '111111111111', roleName: 'R', sessionName: 's' });
    for (const s of ['arn:aws:s3:::b', 'arn:aws:iam::111111111111:policy/P', 'arn:aws:iam::1:root', 'arn:aws:iam::111111111111:role/']) {
      assert.equal(parsePrincipalArn(s), undefined, s);
    }
  });

  it('splits ARNs and patterns in one place: five fields, then the resource with its colons', () => {
    assert.deepEqual(splitArn('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/x:y'), ['arn', 'aws', 'execute-api', 'us-east-1', '111111111111', 'a1b2c3d4e5/$default/GET/x:y'], 'resource keeps its colons');
    assert.deepEqual(splitArn('arn:aws:s3:::b'), ['arn', 'aws', 's3', '', '', 'b'], 'empty fields stay');
    assert.deepEqual(splitArn('arn:*:iam::*:role/*'), ['arn', '*', 'iam', '', '*', 'role/*'], 'a pattern splits the same way');
    assert.equal(splitArn('arn:aws:execute-api:*'), undefined, 'a shortened pattern is no ARN');
    assert.equal(arnPrefix('arn:aws:iam::111111111111:role/R'), 'arn:aws:iam::111111111111:', 'the prefix up to the fifth colon');
    assert.equal(arnPrefix('xrn:aws:iam::111111111111:role/R'), undefined, 'only arn: ARNs have a prefix');
  });

  it('finds the account of an IAM or STS principal ARN', () => {
    assert.equal(principalAccountId('arn:aws:iam::222222222222:user/ci/ci-caller'), '222222222222', 'a user');
    assert.equal(principalAccountId('arn:aws-us-gov:sts::111111111111:assumed-role/R/s'), '111111111111', 'a session in another AWS partition');
    assert.equal(principalAccountId('arn:aws:iam::111111111111:root'), '111111111111', 'the root');
    for (const s of ['arn:aws:s3:::b', 'arn:aws:iam::1111:root', 'arn:aws:iam:us-east-1:111111111111:role/R', '*', 'arn:aws:iam::*:role/R']) assert.equal(principalAccountId(s), undefined, s);
  });
});
