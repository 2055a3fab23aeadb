/**
 * STS (Query protocol, 2011-06-15): GetCallerIdentity and AssumeRole. AssumeRole is
 * decided by crossgate's IAM evaluator over the caller's own policies and the role's
 * trust policy, as AWS decides it.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import { assumedRoleArn } from '../../../arn/index.ts';
import { parsePolicy, type ContextValue, type NamedPolicy } from '../../../policy/index.ts';
import type { CallAuthorization } from '../../authorizeCall.ts';
import type { CredentialRecord } from '../../credentials.ts';
import { AwsError } from '../../errors.ts';
import { secretAccessKey, sessionAccessKeyId, sessionToken } from '../../ids.ts';
import { operation, type Operation } from '../../operation/define.ts';
import { isoSeconds } from '../../timeText.ts';

/** AssumeRoleRequest, as STS's model names its members. */
interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  PolicyArns?: { arn?: string }[];
  Policy?: string;
  DurationSeconds?: number;
  Tags?: { Key: string; Value: string }[];
  ExternalId?: string;
}

/** The context keys a session carries into its requests. */
function sessionContextOf(externalId: string | undefined, issuedAt: string, tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (externalId !== undefined) out['sts:ExternalId'] = externalId;
  out['aws:TokenIssueTime'] = issuedAt;
  for (const [k, v] of Object.entries(tags)) out[`aws:PrincipalTag/${k}`] = v;
  return out;
}

function tagsOf(input: AssumeRoleInput): Record<string, string> {
  return Object.fromEntries((input.Tags ?? []).map((t) => [t.Key, t.Value]));
}

const GetCallerIdentity = operation<Record<string, never>>({
  name: 'GetCallerIdentity',
  // GetCallerIdentity needs no permission: AWS answers it even under an explicit deny.
  authorization: () => [],
  run: (ctx) => {
    const id = ctx.caller.identity;
    return { Arn: id.arn, UserId: id.userId ?? ctx.caller.accessKeyId, Account: id.accountId };
  },
});

/**
 * Session policy limits the model does not state: "You can provide up to 10 managed
 * policy ARNs"; "The plaintext that you use for both inline and managed session
 * policies can't exceed 2,048 characters"
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
 */
const MAX_POLICY_ARNS = 10;
const MAX_SESSION_POLICY_CHARS = 2048;

const AssumeRole = operation<AssumeRoleInput>({
  name: 'AssumeRole',
  check(input, problems) {
    const arns = input.PolicyArns ?? [];
    if (arns.length > MAX_POLICY_ARNS) problems.constraint('policyArns', arns, `Member must have length less than or equal to ${MAX_POLICY_ARNS}`);
    if (input.Policy !== undefined && input.Policy.length > MAX_SESSION_POLICY_CHARS) {
      throw new AwsError('PackedPolicyTooLarge', 400, 'Packed size of the session policies and session tags exceeds the limit.');
    }
  },
  authorization(ctx, input) {
    const denied = (action: string) => `User: ${ctx.caller.identity.arn} is not authorized to perform: ${action} on resource: ${input.RoleArn}`;
    // AWS refuses AssumeRole to the account root (the local administrator signs as root).
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html ("you cannot assume a role as the root user")
    if (ctx.caller.subject.kind === 'root') throw new AwsError('AccessDenied', 403, 'Roles may not be assumed by root accounts.');
    // No role, no trust policy to allow: the same AccessDenied as a role that does not trust the caller.
    const role = ctx.state.iam.findRoleByArn(input.RoleArn);
    if (!role) throw new AwsError('AccessDenied', 403, denied('sts:AssumeRole'));
    // The request's own sts:ExternalId, never one the caller's session carries.
    const context: Record<string, ContextValue | undefined> = { 'sts:ExternalId': input.ExternalId };
    const tags = tagsOf(input);
    const keys = Object.keys(tags);
    for (const [k, v] of Object.entries(tags)) context[`aws:RequestTag/${k}`] = v;
    if (keys.length > 0) context['aws:TagKeys'] = keys;
    const on = (action: string): CallAuthorization => ({
      action, resource: role.arn, resourceAccount: role.accountId, context: context as Record<string, ContextValue>,
      resourcePolicy: ctx.state.iam.trustPolicy(role), resourcePolicyRequired: true, deniedMessage: denied(action),
    });
    // Passing session tags needs sts:TagSession on both sides, as AWS requires.
    return keys.length > 0 ? [on('sts:AssumeRole'), on('sts:TagSession')] : [on('sts:AssumeRole')];
  },
  run(ctx, input) {
    const { state, caller, now } = ctx;
    const role = state.iam.findRoleByArn(input.RoleArn)!;
    const sessionArn = assumedRoleArn(role.accountId, role.name, input.RoleSessionName);
    const sessionPolicies: NamedPolicy[] = [];
    if (input.Policy !== undefined) {
      const parsed = parsePolicy(input.Policy, { kind: 'session' });
      if (!parsed.ok) throw new AwsError('MalformedPolicyDocument', 400, `The policy is not in the valid JSON format. ${parsed.problems[0]?.message ?? ''}`.trim());
      sessionPolicies.push({ name: `${sessionArn}#session-policy`, kind: 'session', policy: parsed.policy });
    }
    for (const { arn } of input.PolicyArns ?? []) {
      if (arn === undefined) continue;
      const managed = state.iam.getPolicy(arn);
      sessionPolicies.push({ name: managed.arn, kind: 'session', policy: managed.versions.find((v) => v.isDefault)!.document.policy });
    }

    const duration = input.DurationSeconds ?? 3600;
    if (caller.subject.kind === 'assumedRole' && duration > 3600) {
      throw new AwsError('ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    if (duration > role.maxSessionDuration) {
      throw new AwsError('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }

    const expiration = new Date(Math.floor(now.getTime() / 1000) * 1000 + duration * 1000);
    const assumedRoleId = `${role.id}:${input.RoleSessionName}`;
    const record: CredentialRecord = {
      accessKeyId: sessionAccessKeyId(),
      secretAccessKey: secretAccessKey(),
      sessionToken: sessionToken(),
      expiration,
      issuedAt: now,
      status: 'Active',
      identity: { arn: sessionArn, accountId: role.accountId, type: 'assumedRole', roleArn: role.arn, userId: assumedRoleId },
      subject: { kind: 'assumedRole', accountId: role.accountId, roleName: role.name, sessionName: input.RoleSessionName, sourceAccessKeyId: caller.accessKeyId },
      sessionContext: sessionContextOf(input.ExternalId, isoSeconds(now), tagsOf(input)),
      ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
    };
    state.credentials.sweep(now);
    state.credentials.add(record);
    return {
      AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: sessionArn },
      Credentials: {
        AccessKeyId: record.accessKeyId,
        SecretAccessKey: record.secretAccessKey,
        SessionToken: record.sessionToken,
        Expiration: isoSeconds(expiration),
      },
    };
  },
});

export const STS_OPERATIONS: readonly Operation[] = [GetCallerIdentity, AssumeRole];
