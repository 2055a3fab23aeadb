/**
 * STS logic: who the caller is, and AssumeRole decided by crossgate's IAM evaluator
 * (the caller's identity policies and the role's trust policy).
 */
import { authorize, parsePolicy, type AuthorizationRequest, type AuthorizationResult, type ContextValue, type NamedPolicy } from '../../../policy/index.ts';
import { assumedRoleArn } from '../../../arn/index.ts';
import type { CredentialRecord } from '../../credentials.ts';
import type { Role } from '../iam/model.ts';
import type { EmulatorState } from '../../estate/load.ts';
import { AwsError } from '../../errors.ts';
import { secretAccessKey, sessionAccessKeyId, sessionToken } from '../../ids.ts';
import { callerLayers } from '../../callerPolicies.ts';
import { organizationLayers, type OrganizationLayers } from '../../organizationLayers.ts';

export interface AssumeRoleInput {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  externalId?: string;
  sourceIp?: string;
  /** Inline session policy (JSON text). */
  policy?: string;
  /** Managed policies to use as session policies. */
  policyArns?: string[];
  /** Session tags. */
  tags?: Record<string, string>;
}

export interface AssumeRoleOutput {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };
  assumedRoleUser: { arn: string; assumedRoleId: string };
  /** Why it was allowed: the evaluator's answer. */
  evaluation: AuthorizationResult;
}

function validationError(value: string, member: string, constraint: string): AwsError {
  return new AwsError('ValidationError', 400, `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

function validate(input: AssumeRoleInput): void {
  if (input.roleArn.length < 20 || input.roleArn.length > 2048) {
    throw validationError(input.roleArn, 'roleArn', 'Member must have length greater than or equal to 20');
  }
  const name = input.roleSessionName;
  if (name.length < 2) throw validationError(name, 'roleSessionName', 'Member must have length greater than or equal to 2');
  if (name.length > 64) throw validationError(name, 'roleSessionName', 'Member must have length less than or equal to 64');
  if (!/^[\w+=,.@-]*$/.test(name)) throw validationError(name, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  const d = input.durationSeconds;
  if (d !== undefined) {
    if (!Number.isInteger(d) || d < 900) throw validationError(String(d), 'durationSeconds', 'Member must have value greater than or equal to 900');
    if (d > 43200) throw validationError(String(d), 'durationSeconds', 'Member must have value less than or equal to 43200');
  }
  if (input.externalId !== undefined && (input.externalId.length < 2 || input.externalId.length > 1224 || !/^[\w+=,.@:/-]*$/.test(input.externalId))) {
    throw validationError(input.externalId, 'externalId', 'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*');
  }
}

const arnOfSession = assumedRoleArn;

/**
 * STS's AccessDenied for AssumeRole names no reason, except when an organization policy
 * denied: then it says which kind, as AWS's messages do ("… with an explicit deny in a
 * service control policy").
 */
function assumeDenied(caller: CredentialRecord, input: AssumeRoleInput, evaluation?: AuthorizationResult, action = 'sts:AssumeRole'): AwsError {
  const base = `User: ${caller.identity.arn} is not authorized to perform: ${action} on resource: ${input.roleArn}`;
  const layer = evaluation?.decidedBy[0];
  if (evaluation === undefined || (layer !== 'scp' && layer !== 'rcp')) return new AwsError('AccessDenied', 403, base);
  const kind = layer === 'scp' ? 'service control policy' : 'resource control policy';
  const why = evaluation.decision === 'explicitDeny' ? `with an explicit deny in a ${kind}` : `because no ${kind} allows the ${action} action`;
  return new AwsError('AccessDenied', 403, `${base} ${why}`);
}

/**
 * The evaluation of an action on the role, trust policy included. Spelled out rather
 * than spread: in Node.js 20, `{ ...a, key: value }` costs about a microsecond per key.
 */
function assumeRequest(state: EmulatorState, caller: CredentialRecord, role: Role, context: Record<string, ContextValue>, layers: ReturnType<typeof callerLayers>, action: string, org: OrganizationLayers): AuthorizationRequest {
  const request: AuthorizationRequest = {
    principal: caller.identity,
    action,
    resource: role.arn,
    resourceAccount: role.accountId,
    context,
    identityPolicies: layers.identityPolicies,
    permissionsBoundary: layers.permissionsBoundary,
    sessionPolicies: layers.sessionPolicies,
    resourcePolicy: state.iam.trustPolicy(role),
    // A trust policy must allow even within one account: "the role trust policy ... must
    // also grant permissions" and, same account, only a trust policy naming the caller's
    // ARN stands without an identity-policy Allow; one naming the account root needs both.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
    resourcePolicyRequired: true,
  };
  if (org.scps !== undefined) request.scps = org.scps;
  // STS is on the list of services RCPs cover: the RCPs over the role's account apply.
  if (org.rcps !== undefined) request.rcps = org.rcps;
  return request;
}

/** The context keys a session carries into its requests. */
function sessionContextOf(externalId: string | undefined, issuedAt: string, tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (externalId !== undefined) out['sts:ExternalId'] = externalId;
  out['aws:TokenIssueTime'] = issuedAt;
  for (const [k, v] of Object.entries(tags)) out[`aws:PrincipalTag/${k}`] = v;
  return out;
}

export function assumeRole(state: EmulatorState, caller: CredentialRecord, input: AssumeRoleInput, now: Date): AssumeRoleOutput {
  validate(input);
  // AWS refuses AssumeRole to the account root (the local administrator signs as root).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html ("you cannot assume a role as the root user")
  if (caller.subject.kind === 'root') throw new AwsError('AccessDenied', 403, 'Roles may not be assumed by root accounts.');
  const role = state.iam.findRoleByArn(input.roleArn);
  if (!role) throw assumeDenied(caller, input);

  const context: Record<string, ContextValue> = {};
  if (input.externalId !== undefined) context['sts:ExternalId'] = input.externalId;
  if (input.sourceIp !== undefined) context['aws:SourceIp'] = input.sourceIp;
  context['aws:CurrentTime'] = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  context['aws:EpochTime'] = String(Math.floor(now.getTime() / 1000));
  context['aws:SecureTransport'] = 'false';

  const sessionPolicies: NamedPolicy[] = [];
  if (input.policy !== undefined) {
    if (input.policy.length > 2048) throw new AwsError('PackedPolicyTooLarge', 400, 'Packed size of the session policies and session tags exceeds the limit.');
    const parsed = parsePolicy(input.policy, { kind: 'session' });
    if (!parsed.ok) throw new AwsError('MalformedPolicyDocument', 400, `The policy is not in the valid JSON format. ${parsed.problems[0]?.message ?? ''}`.trim());
    sessionPolicies.push({ name: `${arnOfSession(role.accountId, role.name, input.roleSessionName)}#session-policy`, kind: 'session', policy: parsed.policy });
  }
  const tags = input.tags ?? {};
  if (Object.keys(tags).length > 50) throw validationError(String(Object.keys(tags).length), 'tags', 'Member must have length less than or equal to 50');
  for (const [k, v] of Object.entries(tags)) context[`aws:RequestTag/${k}`] = v;
  if (Object.keys(tags).length > 0) context['aws:TagKeys'] = Object.keys(tags);

  const layers = callerLayers(state, caller);
  const org = organizationLayers(state, caller.identity, 'sts:AssumeRole', role.accountId);
  Object.assign(context, org.context);
  const evaluation = authorize(assumeRequest(state, caller, role, context, layers, 'sts:AssumeRole', org));
  if (evaluation.decision !== 'allowed') throw assumeDenied(caller, input, evaluation);
  // Passing session tags needs sts:TagSession on both sides, as AWS requires.
  if (Object.keys(tags).length > 0) {
    const tagging = authorize(assumeRequest(state, caller, role, context, layers, 'sts:TagSession', org));
    if (tagging.decision !== 'allowed') throw assumeDenied(caller, input, tagging, 'sts:TagSession');
  }
  // Managed session policies are looked up only once the caller may assume the role:
  // looked up earlier, NoSuchEntity vs AccessDenied would tell anyone which policy
  // names exist in the role's account. (Session policies narrow the session; they
  // take no part in deciding sts:AssumeRole itself.)
  for (const policyArn of input.policyArns ?? []) {
    const managed = state.iam.getPolicy(policyArn);
    sessionPolicies.push({ name: managed.arn, kind: 'session', policy: managed.versions.find((v) => v.isDefault)!.document.policy });
  }

  const duration = input.durationSeconds ?? 3600;
  if (caller.subject.kind === 'assumedRole' && duration > 3600) {
    throw new AwsError('ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }

  const expiration = new Date(Math.floor(now.getTime() / 1000) * 1000 + duration * 1000);
  const arn = arnOfSession(role.accountId, role.name, input.roleSessionName);
  const assumedRoleId = `${role.id}:${input.roleSessionName}`;
  const record: CredentialRecord = {
    accessKeyId: sessionAccessKeyId(),
    secretAccessKey: secretAccessKey(),
    sessionToken: sessionToken(),
    expiration,
    issuedAt: now,
    status: 'Active',
    identity: { arn, accountId: role.accountId, type: 'assumedRole', roleArn: role.arn, userId: assumedRoleId },
    subject: { kind: 'assumedRole', accountId: role.accountId, roleName: role.name, sessionName: input.roleSessionName, sourceAccessKeyId: caller.accessKeyId },
    sessionContext: sessionContextOf(input.externalId, context['aws:CurrentTime'] as string, tags),
    ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
  };
  state.credentials.sweep(now);
  state.credentials.add(record);
  return {
    credentials: { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey, sessionToken: record.sessionToken!, expiration },
    assumedRoleUser: { arn, assumedRoleId },
    evaluation,
  };
}

/** GetCallerIdentity: UserId is the user's unique id, or 'AROA…:session' for a role session. */
export function callerIdentity(caller: CredentialRecord): { arn: string; userId: string; account: string } {
  return { arn: caller.identity.arn, userId: caller.identity.userId ?? caller.accessKeyId, account: caller.identity.accountId };
}
