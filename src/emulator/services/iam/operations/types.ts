/**
 * One IAM operation: its parameters, what it must be authorized for, and what it does.
 * The handler validates, authorizes, then runs, in that order (as IAM does: a caller
 * without permission learns nothing about whether an entity exists).
 */
import { roleArn, userArn } from '../../../../arn/index.ts';
import type { CallAuthorization } from '../../../authorizeCall.ts';
import type { CredentialRecord } from '../../../credentials.ts';
import { AwsError } from '../../../errors.ts';
import type { EmulatorState } from '../../../estate/load.ts';
import type { ParamSpec, QueryInput } from '../params.ts';
import type { Role, User } from '../model.ts';
import type { XmlObject } from '../serialize.ts';

export interface IamContext {
  state: EmulatorState;
  caller: CredentialRecord;
  /** The caller's account: every IAM call acts on it and nothing else. */
  accountId: string;
  now: Date;
}

export interface IamOperation {
  input: readonly ParamSpec[];
  /** May throw (e.g. a malformed ARN), before anything is authorized. */
  authorization(ctx: IamContext, input: QueryInput): CallAuthorization;
  /** The <Action>Result members, or undefined for operations that return none. */
  run(ctx: IamContext, input: QueryInput): XmlObject | undefined;
}

export type OperationTable = Record<string, IamOperation>;

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
