/**
 * What IAM's operation declarations share: the targets they are authorized on (as
 * IAM names them in AccessDenied messages), tags, and paging. Each operation is one
 * declaration (src/emulator/operation/define.ts); its parameters are read by IAM's
 * service model (src/emulator/models/iam.json) and validated before authorization,
 * and authorization comes before any lookup the answer depends on (a caller without
 * permission learns nothing about whether an entity exists).
 */
import { roleArn, userArn } from '../../../../arn/index.ts';
import type { CallAuthorization } from '../../../authorizeCall.ts';
import { AwsError } from '../../../errors.ts';
import type { OperationContext } from '../../../operation/define.ts';
import { paginate } from '../../../paging.ts';
import type { Role, User } from '../model.ts';

export type IamContext = OperationContext;

/** IAM's default page size when MaxItems is absent. */
export const DEFAULT_MAX_ITEMS = 100;

/** Marker and MaxItems, as every IAM listing takes them. */
export interface Paging {
  Marker?: string;
  MaxItems?: number;
}

/** One page of a listing, and the members every IAM listing ends with (IsTruncated, Marker). */
export function page<T>(items: readonly T[], input: Paging, listing: string): { items: T[]; tail: { IsTruncated: boolean; Marker?: string } } {
  const p = paginate(items, listing, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS, () => new AwsError('ValidationError', 400, 'Invalid Marker.'));
  return { items: p.items, tail: { IsTruncated: p.next !== undefined, Marker: p.next } };
}

/** A tag as IAM's model reads it (tagListType). */
export interface Tag {
  Key: string;
  Value: string;
}

/** aws:ResourceTag/* and iam:ResourceTag/* of an existing user or role. */
function resourceTags(entity: User | Role | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entity?.tags ?? {})) {
    out[`aws:ResourceTag/${k}`] = v;
    out[`iam:ResourceTag/${k}`] = v;
  }
  if (entity?.permissionsBoundary) out['iam:PermissionsBoundary'] = entity.permissionsBoundary;
  return out;
}

/** A role named in the request; IAM's messages say 'role <name>'. */
export function roleTarget(ctx: IamContext, action: string, name: string): CallAuthorization {
  const role = ctx.state.iam.findRole(ctx.accountId, name);
  return {
    action, resource: role?.arn ?? roleArn(ctx.accountId, name), resourceAccount: ctx.accountId,
    messageResource: `role ${name}`, context: resourceTags(role),
  };
}

/** A user named in the request; IAM's messages say 'user <name>'. */
export function userTarget(ctx: IamContext, action: string, name: string): CallAuthorization {
  const user = ctx.state.iam.findUser(ctx.accountId, name);
  return {
    action, resource: user?.arn ?? userArn(ctx.accountId, name), resourceAccount: ctx.accountId,
    messageResource: `user ${name}`, context: resourceTags(user),
  };
}

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy\//;

/** A managed policy named by ARN; IAM's messages say 'policy <arn>'. Another account's policy is cross-account. */
export function policyTarget(ctx: IamContext, action: string, arn: string): CallAuthorization {
  const m = POLICY_ARN.exec(arn);
  if (!m) throw new AwsError('InvalidInput', 400, `ARN ${arn} is not valid.`);
  return { action, resource: arn, resourceAccount: m[1] === 'aws' ? ctx.accountId : m[1]!, messageResource: `policy ${arn}` };
}

/** The caller's own user, for calls that may leave UserName out. */
export function callerUserName(ctx: IamContext, given: string | undefined): string {
  if (given !== undefined) return given;
  const s = ctx.caller.subject;
  if (s.kind !== 'user') throw new AwsError('ValidationError', 400, 'Must specify userName when calling with non-User credentials');
  return s.userName;
}

/** Tags from a request, refusing keys that differ only by case (as IAM does). */
export function tagRecord(tags: { Key: string; Value: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const t of tags) {
    const lower = t.Key.toLowerCase();
    if (seen.has(lower)) throw new AwsError('InvalidInput', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(lower);
    out[t.Key] = t.Value;
  }
  return out;
}

/** aws:RequestTag/* and aws:TagKeys of a request that tags what it creates. */
export function requestTags(tags: Record<string, string>): Record<string, string | string[]> {
  const keys = Object.keys(tags);
  if (keys.length === 0) return {};
  const out: Record<string, string | string[]> = { 'aws:TagKeys': keys };
  for (const [k, v] of Object.entries(tags)) out[`aws:RequestTag/${k}`] = v;
  return out;
}
