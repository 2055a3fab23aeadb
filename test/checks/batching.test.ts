/**
 * SimulatePrincipalPolicy batched to what one call allows (every action × up to
 * RESOURCES_PER_CALL resources, pages of MAX_ITEMS results): the calls the embedded
 * AWS receives are counted, and every (action, resource) gets its decision.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { executeApiArn } from '../../src/arn/index.ts';
import { MAX_ITEMS, RESOURCES_PER_CALL, simulate } from '../../src/aws/simulate.ts';
import { principalCredentials, simulateRoleRoutes, startHarness, type Harness } from '../../src/checks/index.ts';
import { REPO } from '../support/emulator.ts';

describe('simulation batching', () => {
  let h: Harness;
  let iamCalls = 0;
  before(async () => {
    h = await startHarness(join(REPO, 'crossgate.config.json'));
    h.emulator!.server.on('request', (req) => {
      if (req.headers.authorization?.includes('/iam/aws4_request')) iamCalls++;
    });
  });
  after(() => h.close());

  test('a role × route matrix takes one call per RESOURCES_PER_CALL routes', async () => {
    const n = RESOURCES_PER_CALL + 500;
    const requests = Array.from({ length: n }, (_, i) => ({ method: i % 2 ? 'GET' : 'DELETE', path: `/orders/${i}` }));
    const before = iamCalls;
    const { simulations, calls } = await simulateRoleRoutes(h, 'OrdersReadOnlyRole', 'orders', requests);
    assert.equal(calls, 2);
    assert.equal(iamCalls - before, 2);
    assert.deepEqual(simulations.map((s) => s.result.decision), requests.map((r) => (r.method === 'GET' ? 'allowed' : 'implicitDeny')));
  });

  test('several actions: results beyond MAX_ITEMS come in pages, each a call, none lost', async () => {
    const resources = Array.from({ length: 700 }, (_, i) => executeApiArn({ region: 'us-east-1', accountId: '111111111111', apiId: 'a1b2c3d4e5', stage: '$default', method: 'GET', path: `/orders/${i}` }));
    const actions = ['execute-api:Invoke', 'execute-api:ManageConnections'];
    const before = iamCalls;
    const run = await simulate(h.target, await principalCredentials(h, 'auditor'), 'auditor', { policySourceArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', actions, resources });
    assert.equal(run.calls, Math.ceil((actions.length * resources.length) / MAX_ITEMS));
    assert.equal(iamCalls - before, run.calls);
    assert.equal(new Set(run.results.map((r) => `${r.action} ${r.resource}`)).size, actions.length * resources.length);
  });
});
