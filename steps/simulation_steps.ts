import type { DataTable } from '@cucumber/cucumber';
import {
  accessOf, invokeRoutes, roleRouteDecisions, readRoutes, simulateAssume, simulateRoleRoutes, simulateTrust, assumeRoleAs,
  type Access, type Actor,
} from '../src/checks/index.ts';
import { routeRequests } from '../src/checks/static/routes.ts';
import type { CrossgateWorld } from './support/world.ts';
import { CheckFailed, expectThat } from './support/expect.ts';
import { step } from './support/define.ts';

async function expectRouteAccess(world: CrossgateWorld, role: string, method: string, path: string, expected: Access): Promise<void> {
  const { simulations } = await simulateRoleRoutes(world.harness, role, world.api, [{ method, path }], world.simulationContext);
  const s = simulations[0]!;
  expectThat(accessOf(s.result.decision) === expected, () =>
    `IAM's simulation for the role ${role}: ${method} ${path} (${s.resource}) is ${s.result.decision}, expected ${expected}` +
    (s.result.missingContextValues.length ? `; missing context values: ${s.result.missingContextValues.join(', ')}` : ''));
}

step('Given', 'the simulation context {word} of type {word} is {string}', {
  description: 'Adds a context entry (ContextKeyName, ContextKeyType, comma-separated values) to every simulation in the scenario.',
  example: 'the simulation context aws:SourceIp of type ip is "203.0.113.10"',
  layer: 'simulation',
}, function (this: CrossgateWorld, key: string, type: string, values: string) {
  this.simulationContext.push({ key, type, values: values.split(',').map((v) => v.trim()) });
});

step('Then', "IAM's simulation lets the role {role} invoke {method} {path}", {
  description: "iam:SimulatePrincipalPolicy on the role decides 'allowed' for execute-api:Invoke on the request's ARN.",
  example: "IAM's simulation lets the role OrdersReadOnlyRole invoke GET /orders/42",
  layer: 'simulation',
}, async function (this: CrossgateWorld, role: string, method: string, path: string) {
  await expectRouteAccess(this, role, method, path, 'allowed');
});

step('Then', "IAM's simulation does not let the role {role} invoke {method} {path}", {
  description: "iam:SimulatePrincipalPolicy on the role decides implicitDeny or explicitDeny for the request's ARN.",
  example: "IAM's simulation does not let the role OrdersReadOnlyRole invoke DELETE /orders/42",
  layer: 'simulation',
}, async function (this: CrossgateWorld, role: string, method: string, path: string) {
  await expectRouteAccess(this, role, method, path, 'denied');
});

step('Then', "IAM's simulation gives the role {role} this access:", {
  description: 'A whole matrix (columns: method, path, access = allowed | denied) decided in as few SimulatePrincipalPolicy calls as IAM allows; every row that differs is reported.',
  example: "IAM's simulation gives the role OrdersReadOnlyRole this access:",
  table: [['method', 'path', 'access'], ['GET', '/orders', 'allowed'], ['DELETE', '/orders/42', 'denied']],
  layer: 'simulation',
}, async function (this: CrossgateWorld, role: string, table: DataTable) {
  const rows = table.hashes() as { method: string; path: string; access: string }[];
  for (const r of rows) if (r.access !== 'allowed' && r.access !== 'denied') throw new CheckFailed(`access must be 'allowed' or 'denied', not '${r.access}'`);
  const { simulations } = await simulateRoleRoutes(this.harness, role, this.api, rows.map((r) => ({ method: r.method, path: r.path })), this.simulationContext);
  const wrong = simulations.filter((s, i) => accessOf(s.result.decision) !== rows[i]!.access);
  expectThat(wrong.length === 0, () => wrong.map((s) => `${s.method} ${s.path}: IAM's simulation says ${s.result.decision}, expected ${rows[simulations.indexOf(s)]!.access}`).join('\n'));
});

step('Then', "IAM's simulation of the trust policy of the role {role} lets {actor} assume it", {
  description: "iam:SimulateCustomPolicy with the role's trust policy as resource policy and the principal as caller decides 'allowed' for sts:AssumeRole.",
  example: "IAM's simulation of the trust policy of the role ApiInvokerRole lets ci-caller assume it",
  layer: 'simulation',
}, async function (this: CrossgateWorld, role: string, actor: Actor) {
  const r = await simulateTrust(this.harness, role, actor);
  expectThat(r.decision === 'allowed', () => `the trust policy of ${role} does not let ${actor.name} assume it: ${r.decision}`);
});

step('Then', "IAM's simulation of the trust policy of the role {role} does not let {actor} assume it", {
  description: "The same simulation decides implicitDeny or explicitDeny: the trust policy alone stops the principal, whatever its own policies allow.",
  example: "IAM's simulation of the trust policy of the role ApiInvokerRole does not let outsider assume it",
  layer: 'simulation',
}, async function (this: CrossgateWorld, role: string, actor: Actor) {
  const r = await simulateTrust(this.harness, role, actor);
  expectThat(r.decision !== 'allowed', () => `the trust policy of ${role} lets ${actor.name} assume it (${r.decision})`);
});

step('Then', "IAM's simulation lets {actor} assume the role {role}", {
  description: "Both sides of sts:AssumeRole simulated: the principal's identity policies (needs an auditor for its account) and the role's trust policy.",
  example: "IAM's simulation lets ci-caller assume the role ApiInvokerRole",
  layer: 'simulation',
}, async function (this: CrossgateWorld, actor: Actor, role: string) {
  const r = await simulateAssume(this.harness, role, actor);
  expectThat(r.identity.decision === 'allowed' && r.trust.decision === 'allowed', () => `${actor.name} may not assume ${role}: identity side ${r.identity.decision}, trust side ${r.trust.decision}`);
});

step('Then', "crossgate's engine, IAM's simulation and live requests by {actor} through the role {role} agree on every AWS_IAM route", {
  description: 'For every AWS_IAM route (concrete values for path parameters), the three answers agree; a disagreement fails with all three. Live requests are sent: mind routes with side effects on real APIs.',
  example: "crossgate's engine, IAM's simulation and live requests by ci-caller through the role OrdersReadOnlyRole agree on every AWS_IAM route",
  layer: 'simulation',
}, async function (this: CrossgateWorld, actor: Actor, role: string) {
  const h = this.harness;
  const routes = (await readRoutes(h, this.api)).filter((r) => r.authorizationType === 'AWS_IAM');
  const requests = routes.flatMap((r) => routeRequests(r.routeKey).map((q) => ({ ...q, routeKey: r.routeKey })));
  const engine = (await roleRouteDecisions(h, role, this.api)).filter((d) => routes.some((r) => r.routeKey === d.routeKey));
  const { simulations } = await simulateRoleRoutes(h, role, this.api, requests, this.simulationContext);
  await assumeRoleAs(h, actor, role);
  const lives = await invokeRoutes(h, this.api, requests, { kind: 'signed', as: actor });
  const lines: string[] = [];
  for (const [i, q] of requests.entries()) {
    const e = engine.find((d) => d.routeKey === q.routeKey && d.method === q.method);
    const live = lives[i]!;
    const liveAccess = live.status >= 200 && live.status < 300 ? 'allowed' : live.status === 403 && live.errorType === 'AccessDeniedException' ? 'denied' : `inconclusive (${live.status}${live.errorType ? ` ${live.errorType}` : ''})`;
    const answers = [e ? accessOf(e.result.decision) : 'no engine decision', accessOf(simulations[i]!.result.decision), liveAccess];
    if (new Set(answers).size !== 1) lines.push(`${q.method} ${q.path}: engine ${answers[0]}${e ? ` (rule ${e.result.rule})` : ''}, IAM simulation ${answers[1]}, live ${answers[2]}`);
  }
  expectThat(lines.length === 0, () => `the three answers disagree:\n${lines.join('\n')}`);
});
