import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { stsClient } from './clients.ts';
import { fromSdkError } from './errors.ts';
import { registerCredentials } from '../secrets/redact.ts';
import type { AwsCredentials, Target } from './types.ts';

export interface AssumedRole {
  credentials: AwsCredentials & { sessionToken: string; expiration: Date };
  arn: string;
  assumedRoleId: string;
  requestId?: string;
}

/**
 * sts:AssumeRole. Throws AwsCallError for any failure; callers decide whether an
 * AccessDenied is the expected outcome. A response without credentials is an error.
 */
export async function assumeRole(
  target: Target,
  caller: AwsCredentials,
  callerName: string,
  input: { roleArn: string; sessionName: string; durationSeconds?: number; externalId?: string; policy?: string; tags?: Record<string, string> },
): Promise<AssumedRole> {
  const client = stsClient(target, caller);
  try {
    const out = await client.send(new AssumeRoleCommand({
      RoleArn: input.roleArn,
      RoleSessionName: input.sessionName,
      DurationSeconds: input.durationSeconds,
      ExternalId: input.externalId,
      Policy: input.policy,
      Tags: input.tags ? Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
    }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !out.AssumedRoleUser?.Arn || !out.AssumedRoleUser.AssumedRoleId) {
      throw Object.assign(new Error('AssumeRole answered without complete credentials or AssumedRoleUser'), { name: 'MalformedResponse' });
    }
    // Registered before anyone can print them: no report or log may carry them.
    registerCredentials({ secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
    return {
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
      arn: out.AssumedRoleUser.Arn,
      assumedRoleId: out.AssumedRoleUser.AssumedRoleId,
      requestId: out.$metadata.requestId,
    };
  } catch (err) {
    throw fromSdkError(`sts:AssumeRole on ${input.roleArn}`, callerName, err);
  }
}

export async function getCallerIdentity(target: Target, caller: AwsCredentials, callerName: string): Promise<{ arn: string; account: string; userId: string }> {
  const client = stsClient(target, caller);
  try {
    const out = await client.send(new GetCallerIdentityCommand({}));
    if (!out.Arn || !out.Account || !out.UserId) throw Object.assign(new Error('GetCallerIdentity answered without Arn, Account or UserId'), { name: 'MalformedResponse' });
    return { arn: out.Arn, account: out.Account, userId: out.UserId };
  } catch (err) {
    throw fromSdkError('sts:GetCallerIdentity', callerName, err);
  }
}
