/**
 * STS on the Query protocol (version 2011-06-15).
 */
import type { QueryRequest } from '../../protocol/query.ts';
import type { CredentialRecord } from '../../credentials.ts';
import type { EmulatorState } from '../../estate/load.ts';
import { AwsError } from '../../errors.ts';
import { assumeRole, callerIdentity } from './model.ts';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_VERSION = '2011-06-15';

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function required(req: QueryRequest, name: string): string {
  const v = req.params.get(name);
  if (v === null || v === '') {
    throw new AwsError('ValidationError', 400, `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}

/** Query lists: Name.member.1…, read until the first gap. */
function memberList(req: QueryRequest, name: string, read: (prefix: string) => string | null): string[] | undefined {
  const out: string[] = [];
  for (let i = 1; i <= 1000; i++) {
    const v = read(`${name}.member.${i}`);
    if (v === null) break;
    out.push(v);
  }
  return out.length > 0 ? out : undefined;
}

/** Returns the <Action>Result body for a successful call. */
export function handleSts(state: EmulatorState, caller: CredentialRecord, req: QueryRequest, now: Date, sourceIp: string): Record<string, unknown> {
  if (req.version !== STS_VERSION) {
    throw new AwsError('InvalidAction', 400, `Could not find operation ${req.action} for version ${req.version || 'NO_VERSION_SPECIFIED'}`);
  }
  switch (req.action) {
    case 'GetCallerIdentity': {
      const id = callerIdentity(caller);
      return { Arn: id.arn, UserId: id.userId, Account: id.account };
    }
    case 'AssumeRole': {
      const durationText = req.params.get('DurationSeconds');
      const out = assumeRole(state, caller, {
        roleArn: required(req, 'RoleArn'),
        roleSessionName: required(req, 'RoleSessionName'),
        durationSeconds: durationText === null ? undefined : Number(durationText),
        externalId: req.params.get('ExternalId') ?? undefined,
        sourceIp,
        policy: req.params.get('Policy') ?? undefined,
        policyArns: memberList(req, 'PolicyArns', (prefix) => req.params.get(`${prefix}.arn`)),
        tags: Object.fromEntries(
          (memberList(req, 'Tags', (prefix) => {
            const key = req.params.get(`${prefix}.Key`);
            return key === null ? null : `${key}\u0000${req.params.get(`${prefix}.Value`) ?? ''}`;
          }) ?? []).map((kv) => kv.split('\u0000') as [string, string]),
        ),
      }, now);
      return {
        AssumedRoleUser: { AssumedRoleId: out.assumedRoleUser.assumedRoleId, Arn: out.assumedRoleUser.arn },
        Credentials: {
          AccessKeyId: out.credentials.accessKeyId,
          SecretAccessKey: out.credentials.secretAccessKey,
          SessionToken: out.credentials.sessionToken,
          Expiration: isoSeconds(out.credentials.expiration),
        },
      };
    }
    default:
      throw new AwsError('InvalidAction', 400, `Could not find operation ${req.action} for version ${STS_VERSION}`);
  }
}
