/**
 * The part of `crossgate run`'s preflight that asks the target: every principal's
 * credentials resolve and sts:GetCallerIdentity names the configured account; every
 * configured role and HTTP API exists, read by the account's auditor. Each problem
 * carries its fix; none of them is a compliance result.
 */
import { getCallerIdentity } from '../aws/sts.ts';
import { fetchRole } from '../aws/iam.ts';
import { fetchRoutes } from '../aws/apigateway.ts';
import { accountId } from '../config/load.ts';
import { auditorOf, configuredApi, configuredRole, type Harness } from './harness.ts';
import { principalCredentials } from './sessions.ts';

export interface TargetProblem { problem: string; fix: string }

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}

function credentialsFix(h: Harness, name: string): string {
  const c = h.config.principals[name]!.credentials;
  switch (c.source) {
    case 'profile':
      return `define the profile '${c.profile}' (aws configure --profile ${c.profile}, or aws configure sso), or change /principals/${name}/credentials in ${h.config.file}`;
    case 'env':
      return `set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) for ${name}, or change /principals/${name}/credentials in ${h.config.file}`;
    case 'estate':
      return `add the user '${c.user}' with an access key to the estate, or change /principals/${name}/credentials in ${h.config.file}`;
    default:
      return `make the default AWS credential chain resolve for ${name} (env, profile, SSO, web identity), or change /principals/${name}/credentials in ${h.config.file}`;
  }
}

/** Who each principal is; problems for those that cannot be resolved or are in the wrong account. */
async function checkPrincipal(h: Harness, name: string): Promise<TargetProblem[]> {
  // A principal without credentials is never asked for; its checks are decided by the engine.
  if (h.config.principals[name]!.credentials.source === 'none') return [];
  const expected = accountId(h.config, h.config.principals[name]!.account);
  let credentials;
  try {
    credentials = await principalCredentials(h, name);
  } catch (err) {
    return [{ problem: `principal ${name}: its credentials do not resolve: ${firstLine(err)}`, fix: credentialsFix(h, name) }];
  }
  try {
    const who = await getCallerIdentity(h.target, credentials, name);
    if (who.account !== expected) {
      return [{ problem: `principal ${name}: sts:GetCallerIdentity says ${who.arn}, in account ${who.account}, not the configured ${expected}`, fix: `point /principals/${name}/credentials at credentials of account ${expected}, or correct /principals/${name}/account in ${h.config.file}` }];
    }
  } catch (err) {
    return [{ problem: `principal ${name}: ${firstLine(err)}`, fix: credentialsFix(h, name) }];
  }
  return [];
}

async function checkRole(h: Harness, alias: string): Promise<TargetProblem[]> {
  const role = configuredRole(h, alias);
  try {
    const auditor = auditorOf(h, role.accountId);
    await fetchRole(h.target, await principalCredentials(h, auditor), auditor, role.name);
    return [];
  } catch (err) {
    const missing = /NoSuchEntity/.test(firstLine(err));
    return [{
      problem: `role ${alias} (${role.arn}): ${missing ? 'does not exist' : firstLine(err)}`,
      fix: missing ? `create the role, or correct /roles/${alias} in ${h.config.file}` : `give the auditor of account ${role.accountId} read access to IAM (see the README's auditor policy)`,
    }];
  }
}

async function checkApi(h: Harness, alias: string): Promise<TargetProblem[]> {
  const api = configuredApi(h, alias);
  try {
    const auditor = auditorOf(h, api.accountId);
    await fetchRoutes(h.target, await principalCredentials(h, auditor), auditor, api.apiId);
    return [];
  } catch (err) {
    const missing = /NotFound/.test(firstLine(err));
    return [{
      problem: `HTTP API ${alias} (${api.apiId} in ${api.accountId}): ${missing ? 'does not exist' : firstLine(err)}`,
      fix: missing ? `deploy the API, or correct /apis/${alias}/apiId in ${h.config.file}` : `give the auditor of account ${api.accountId} apigateway:GET (see the README's auditor policy)`,
    }];
  }
}

/** Everything the target can tell before a scenario runs. */
export async function preflightTarget(h: Harness): Promise<TargetProblem[]> {
  const principals = await Promise.all(Object.keys(h.config.principals).map((p) => checkPrincipal(h, p)));
  const problems = principals.flat();
  // Roles and APIs are read by auditors: only worth asking when every principal resolved.
  if (problems.length > 0) return problems;
  const roles = await Promise.all(Object.keys(h.config.roles).map((r) => checkRole(h, r)));
  const apis = await Promise.all(Object.keys(h.config.apis).map((a) => checkApi(h, a)));
  return [...roles.flat(), ...apis.flat()];
}
