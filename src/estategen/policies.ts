/**
 * The policy documents of a generated estate, written the way teams write them:
 * one managed policy per API for "invoke anything" and "read only", per-route ARNs
 * for narrow roles, explicit denies, conditions, and a permissions boundary.
 */
import { executeApiArn } from '../arn/index.ts';
import type { EstatePolicyDocument } from '../estate/types.ts';
import { ROLE_PATH } from './plan.ts';
import type { PlannedAccount, PlannedApi, PlannedRole, EstatePlan } from './types.ts';
import { pascal } from './vocabulary.ts';

const VERSION = '2012-10-17';
/** A Deny that takes effect on a date no run reaches: it must never decide anything today. */
export const DECOMMISSION_DATE = '2099-12-31T23:59:59Z';
export const TRUSTED_NETWORKS = ['10.0.0.0/8', '127.0.0.0/8'];

export function apiArn(plan: EstatePlan, api: PlannedApi, rest: string): string {
  return `arn:aws:execute-api:${plan.options.region}:${api.owner.id}:${api.apiId}/${rest}`;
}

/** The ARN pattern a team writes for a route: path parameters become '*'. */
export function routeArnPattern(plan: EstatePlan, api: PlannedApi, routeKey: string): string {
  const [method = 'GET', path = '/'] = routeKey.split(' ', 2);
  const generic = path.replace(/\{[^}]+\}/g, '*');
  return executeApiArn({ region: plan.options.region, accountId: api.owner.id, apiId: api.apiId, stage: '$default', method, path: generic });
}

export const managedPolicyNames = (api: PlannedApi) => ({
  invoke: `Invoke${pascal(api.name)}Api`,
  read: `Read${pascal(api.name)}Api`,
  boundary: `${pascal(api.name)}ReadCreateBoundary`,
});

/** The managed policies an API's owner account keeps for it. */
export function apiManagedPolicies(plan: EstatePlan, api: PlannedApi): { name: string; description: string; document: EstatePolicyDocument }[] {
  const names = managedPolicyNames(api);
  return [
    {
      name: names.invoke,
      description: `Invoke any route of the ${api.name} API on the $default stage.`,
      document: { Version: VERSION, Statement: [{ Sid: 'InvokeAnyRoute', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: apiArn(plan, api, '$default/*/*') }] },
    },
    {
      name: names.read,
      description: `Read-only access to the ${api.name} API: GET routes only.`,
      document: { Version: VERSION, Statement: [{ Sid: 'ReadOnly', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: apiArn(plan, api, '$default/GET/*') }] },
    },
    {
      name: names.boundary,
      description: `Permissions boundary: at most GET and POST on the ${api.name} API.`,
      document: {
        Version: VERSION,
        Statement: [{ Sid: 'ReadAndCreateOnly', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [apiArn(plan, api, '$default/GET/*'), apiArn(plan, api, '$default/POST/*')] }],
      },
    },
  ];
}

/** What the auditing principal needs (the same grant as policies/crossgate-auditor.json, account-wide). */
export const AUDITOR_POLICY: EstatePolicyDocument = {
  Version: VERSION,
  Statement: [
    { Sid: 'ReadIam', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:Simulate*'], Resource: '*' },
    { Sid: 'AccessAnalyzerChecks', Effect: 'Allow', Action: ['access-analyzer:ValidatePolicy', 'access-analyzer:Check*'], Resource: '*' },
    { Sid: 'ReadApiGateway', Effect: 'Allow', Action: 'apigateway:GET', Resource: '*' },
  ],
};

export function trustPolicy(role: PlannedRole): EstatePolicyDocument {
  return {
    Version: VERSION,
    Statement: [{
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${role.caller.id}:root` },
      Action: 'sts:AssumeRole',
      ...(role.externalId ? { Condition: { StringEquals: { 'sts:ExternalId': role.externalId } } } : {}),
    }],
  };
}

/** A role's inline policies (managed ones are attached by name, see roleAttachments). */
export function roleInlinePolicies(plan: EstatePlan, role: PlannedRole): Record<string, EstatePolicyDocument> {
  const api = role.api;
  const out: Record<string, EstatePolicyDocument> = {};
  if (role.kind === 'routes') {
    out.InvokeSelectedRoutes = {
      Version: VERSION,
      Statement: [{
        Sid: 'SelectedRoutes', Effect: 'Allow', Action: 'execute-api:Invoke',
        Resource: [...new Set(role.grantedRoutes.map((k) => routeArnPattern(plan, api, k)))],
        ...(role.sourceIpCondition ? { Condition: { IpAddressIfExists: { 'aws:SourceIp': TRUSTED_NETWORKS } } } : {}),
      }],
    };
  }
  if (role.kind === 'noDelete') {
    out.DenyDelete = { Version: VERSION, Statement: [{ Sid: 'NoDelete', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: apiArn(plan, api, '$default/DELETE/*') }] };
  }
  if (role.decommissionDeny) {
    out.DenyAfterDecommission = {
      Version: VERSION,
      Statement: [{ Sid: 'Decommissioned', Effect: 'Deny', Action: 'execute-api:*', Resource: apiArn(plan, api, '$default/*'), Condition: { DateGreaterThan: { 'aws:CurrentTime': DECOMMISSION_DATE } } }],
    };
  }
  return out;
}

export function roleAttachments(role: PlannedRole): { attached: string[]; boundary?: string } {
  const names = managedPolicyNames(role.api);
  switch (role.kind) {
    case 'invoker':
    case 'noDelete':
      return { attached: [names.invoke] };
    case 'reader':
      return { attached: [names.read] };
    case 'routes':
      return { attached: [] };
    case 'bounded':
      return { attached: [names.invoke], boundary: names.boundary };
  }
}

/**
 * A CI principal's grant: sts:AssumeRole on the delegated roles of every owner
 * account that trusts its account (one wildcard ARN per account, IAM's usual style).
 */
export function callerPolicy(plan: EstatePlan, caller: PlannedAccount): EstatePolicyDocument | undefined {
  const owners = [...new Set(plan.roles.filter((r) => r.caller === caller).map((r) => r.api.owner.id))].sort();
  if (owners.length === 0) return undefined;
  // A user's inline policies may total 2,048 characters: beyond ~30 accounts, name them all at once.
  const resources = owners.length <= 30 ? owners.map((id) => `arn:aws:iam::${id}:role${ROLE_PATH}*`) : [`arn:aws:iam::*:role${ROLE_PATH}*`];
  return { Version: VERSION, Statement: [{ Sid: 'AssumeDelegatedRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resources.length === 1 ? resources[0]! : resources }] };
}

export const OUTSIDER_POLICY: EstatePolicyDocument = { Version: VERSION, Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
