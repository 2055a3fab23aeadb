/**
 * The request context (the aws:* condition keys) of every request the embedded AWS
 * authorizes, control plane and execute-api alike, built in this one place:
 *
 * - from the caller: aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
 *   aws:userid, aws:username (users), aws:PrincipalTag/…, aws:PrincipalOrgID when
 *   known, and what its session carries (aws:TokenIssueTime, sts:ExternalId,
 *   aws:PrincipalTag/… of session tags);
 * - from the request: aws:SourceIp, aws:SecureTransport (the emulator listens on
 *   plain HTTP), aws:CurrentTime, aws:EpochTime, aws:RequestedRegion, aws:UserAgent.
 *
 * Operations add their own keys (aws:RequestTag/…, iam:PolicyARN, …) on top.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { principalKeys, type ContextValue } from '../policy/index.ts';
import type { CredentialRecord } from './credentials.ts';
import { timeText } from './timeText.ts';

export interface RequestFacts {
  now: Date;
  sourceIp: string;
  /** The region the request was signed for (IAM: us-east-1). */
  region?: string;
  userAgent?: string;
}

/** Built by assignment: in Node.js 20, `{ ...a, key: value }` costs about a microsecond per key. */
export function requestContext(caller: CredentialRecord, facts: RequestFacts): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = Object.assign(principalKeys(caller.identity), caller.sessionContext);
  const time = timeText(facts.now);
  context['aws:SourceIp'] = facts.sourceIp;
  context['aws:SecureTransport'] = 'false';
  context['aws:CurrentTime'] = time.isoSeconds;
  context['aws:EpochTime'] = time.epochSeconds;
  if (facts.region !== undefined) context['aws:RequestedRegion'] = facts.region;
  if (facts.userAgent) context['aws:UserAgent'] = facts.userAgent;
  return context;
}
