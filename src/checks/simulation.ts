/**
 * Simulation checks: what IAM's policy simulator decides for a role's sessions on
 * routes, and for a principal assuming a role (trust side). Every answer is read as
 * is; a missing or unknown decision is an error, never a pass.
 */
import { executeApiArn, principalAccountId } from '../arn/index.ts';
import { simulate, type SimulationResult } from '../aws/simulate.ts';
import { getCallerIdentity } from '../aws/sts.ts';
import type { ContextEntry } from '@aws-sdk/client-iam';
import { cached, configuredApi, configuredRole, type Harness } from './harness.ts';
import { auditorCredentials, readRole } from './policies.ts';
import type { Actor } from './actor.ts';
import { recordSimulation } from './recordings.ts';

export type Access = 'allowed' | 'denied';

export interface RouteRequest { method: string; path: string }

export interface RouteSimulation extends RouteRequest {
  resource: string;
  result: SimulationResult;
}

export interface ContextInput { key: string; type: string; values: string[] }

function contextEntries(context: ContextInput[] | undefined): ContextEntry[] | undefined {
  return context?.map((c) => ({ ContextKeyName: c.key, ContextKeyType: c.type as ContextEntry['ContextKeyType'], ContextKeyValues: c.values }));
}

/**
 * SimulatePrincipalPolicy for the role on each request's concrete execute-api ARN, in
 * as few calls as IAM allows (one action × all resources per call).
 */
export async function simulateRoleRoutes(h: Harness, roleAlias: string, apiAlias: string, requests: RouteRequest[], context?: ContextInput[]): Promise<{ simulations: RouteSimulation[]; calls: number }> {
  const role = configuredRole(h, roleAlias);
  const api = configuredApi(h, apiAlias);
  const who = await auditorCredentials(h, role.accountId);
  const arns = requests.map((r) => executeApiArn({ ...api, method: r.method, path: r.path }));
  const unique = [...new Set(arns)];
  const run = await simulate(h.target, who.credentials, who.name, {
    policySourceArn: role.arn, actions: ['execute-api:Invoke'], resources: unique, contextEntries: contextEntries(context),
  });
  const byResource = new Map(run.results.map((r) => [r.resource, r]));
  const simulations = requests.map((r, i) => {
    const result = byResource.get(arns[i]!);
    if (!result) throw new Error(`iam:SimulatePrincipalPolicy ${role.arn}: no decision for ${arns[i]}`);
    return { ...r, resource: arns[i]!, result };
  });
  for (const s of simulations) recordSimulation(h, { principalArn: role.arn, action: 'execute-api:Invoke', resource: s.resource, result: s.result });
  return { simulations, calls: run.calls };
}

export function accessOf(decision: string): Access {
  return decision === 'allowed' ? 'allowed' : 'denied';
}

/** The principal ARN behind an actor's own credentials (sts:GetCallerIdentity needs no permission). */
export function actorArn(h: Harness, actor: Actor): Promise<string> {
  // A principal without credentials ({"source": "none"}) is the user its config names; nothing is asked of STS.
  if (h.config.principals[actor.name]?.credentials.source === 'none') return Promise.resolve(actor.ownArn()!);
  return cached(h, `arn:${actor.name}`, async () => (await getCallerIdentity(h.target, await actor.ownCredentials(), actor.name)).arn);
}

/**
 * A trust policy as a resource policy for simulation: its statements' implicit
 * resource (the role itself) made explicit, since a resource policy names its resource.
 */
export function trustAsResourcePolicy(trustDocument: string, roleArn: string): string {
  const doc = JSON.parse(trustDocument) as { Statement: Record<string, unknown> | Record<string, unknown>[] };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return JSON.stringify({
    ...doc,
    Statement: statements.map((st) => ('Resource' in st || 'NotResource' in st ? st : { ...st, Resource: roleArn })),
  });
}

/**
 * The trust side of sts:AssumeRole, simulated: SimulateCustomPolicy with the role's trust
 * policy as the resource policy and the actor as caller; the identity side is given an
 * allow so that only the trust policy decides.
 */
export async function simulateTrust(h: Harness, roleAlias: string, actor: Actor): Promise<SimulationResult> {
  const role = configuredRole(h, roleAlias);
  const docs = await readRole(h, roleAlias);
  const who = await auditorCredentials(h, role.accountId);
  const callerArn = await actorArn(h, actor);
  const identityAllow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.arn }] });
  const run = await simulate(h.target, who.credentials, who.name, {
    actions: ['sts:AssumeRole'], resources: [role.arn], policyInputList: [identityAllow],
    resourcePolicy: trustAsResourcePolicy(docs.role.trustPolicy.document, role.arn), callerArn, resourceOwner: `arn:aws:iam::${role.accountId}:root`,
  });
  recordSimulation(h, { principalArn: callerArn, action: 'sts:AssumeRole', resource: role.arn, result: run.results[0]! });
  return run.results[0]!;
}

/**
 * Both sides of sts:AssumeRole: the actor's identity policies (SimulatePrincipalPolicy,
 * read by the auditor of the actor's account) and the role's trust policy.
 */
export async function simulateAssume(h: Harness, roleAlias: string, actor: Actor): Promise<{ identity: SimulationResult; trust: SimulationResult }> {
  const role = configuredRole(h, roleAlias);
  const callerArn = await actorArn(h, actor);
  const callerAccount = principalAccountId(callerArn) ?? '';
  const who = await auditorCredentials(h, callerAccount);
  const run = await simulate(h.target, who.credentials, who.name, { policySourceArn: callerArn, actions: ['sts:AssumeRole'], resources: [role.arn] });
  recordSimulation(h, { principalArn: callerArn, action: 'sts:AssumeRole', resource: role.arn, result: run.results[0]! });
  return { identity: run.results[0]!, trust: await simulateTrust(h, roleAlias, actor) };
}
