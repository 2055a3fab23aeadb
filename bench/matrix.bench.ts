/**
 * AWS API calls a simulation matrix costs: every role × every AWS_IAM route of its
 * API in a generated estate (100× the seed: 20 roles × 50 routes), checked the way the
 * harness does it (simulateRoleRoutes: all of a role's routes in as few
 * SimulatePrincipalPolicy calls as IAM allows) against one call per (action, resource).
 * Calls are counted where they arrive: requests reaching the embedded AWS.
 */
import { join } from 'node:path';
import { executeApiArn } from '../src/arn/index.ts';
import { simulate } from '../src/aws/simulate.ts';
import { principalCredentials, simulateRoleRoutes, startHarness} from '../src/checks/index.ts';
import { auditorOf, configuredApi, configuredRole } from '../src/checks/harness.ts';
import { routeRequests } from '../src/checks/static/routes.ts';
import { CONFIG_FILE, generateEstate, writeGenerated } from '../src/estategen/index.ts';
import { scratchDir } from './processes.ts';
import type { Bench } from './support.ts';

export const MATRIX_ESTATE = { accounts: 3, apis: 1, routes: 50, roles: 20, seed: 'bench' };

interface Cell { role: string; api: string; method: string; path: string }

function cells(plan: ReturnType<typeof generateEstate>['plan']): Cell[] {
  return plan.roles.flatMap((role) =>
    role.api.routes.filter((r) => r.authorizationType === 'AWS_IAM').flatMap((r) => routeRequests(r.routeKey).map((q) => ({ role: role.name, api: role.api.name, ...q }))));
}

const bench: Bench = {
  name: 'AWS API calls of a simulation matrix: batched vs one per (action, resource)',
  async run({ log }) {
    const generated = generateEstate(MATRIX_ESTATE);
    const dir = scratchDir('matrix');
    writeGenerated(generated, dir);
    const h = await startHarness(join(dir, CONFIG_FILE));
    let requests = 0;
    h.emulator!.server.on('request', () => requests++);
    try {
      const matrix = cells(generated.plan);
      const byRole = new Map<string, Cell[]>();
      for (const c of matrix) byRole.set(c.role, [...(byRole.get(c.role) ?? []), c]);

      let started = performance.now();
      requests = 0;
      let reported = 0;
      for (const [role, list] of byRole) reported += (await simulateRoleRoutes(h, role, list[0]!.api, list.map((c) => ({ method: c.method, path: c.path })))).calls;
      const batched = { calls: requests, ms: performance.now() - started };
      if (reported !== batched.calls) throw new Error(`simulateRoleRoutes reported ${reported} calls, the embedded AWS saw ${batched.calls}`);

      started = performance.now();
      requests = 0;
      for (const c of matrix) {
        const role = configuredRole(h, c.role);
        const auditor = auditorOf(h, role.accountId);
        const resource = executeApiArn({ ...configuredApi(h, c.api), method: c.method, path: c.path });
        await simulate(h.target, await principalCredentials(h, auditor), auditor, { policySourceArn: role.arn, actions: ['execute-api:Invoke'], resources: [resource] });
      }
      const naive = { calls: requests, ms: performance.now() - started };
      log(`${byRole.size} roles × their routes = ${matrix.length} (action, resource) decisions`);
      log(`batched: ${batched.calls} calls in ${(batched.ms / 1000).toFixed(2)} s; one per decision: ${naive.calls} calls in ${(naive.ms / 1000).toFixed(2)} s`);
      return [
        { name: 'simulation.matrix.awsCalls', unit: 'calls', crossgate: batched.calls, baseline: naive.calls, ratio: naive.calls / batched.calls },
        { name: 'simulation.matrix.wallTime', unit: 'ms', crossgate: batched.ms, baseline: naive.ms, ratio: naive.ms / batched.ms },
      ];
    } finally {
      await h.close();
    }
  },
};

export default bench;
