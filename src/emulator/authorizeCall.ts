/**
 * Control-plane authorization: the caller's identity policies must allow the action
 * on the resource, and a resource in another account is never reachable without a
 * resource-based policy (the control plane APIs emulated here have none). The SCPs
 * over the caller's account and the RCPs over the resource's account apply too
 * (organizationLayers), with the organization's condition keys in the context.
 */
import { authorize, type AuthorizationResult, type ContextValue } from '../policy/index.ts';
import type { CredentialRecord } from './credentials.ts';
import { AwsError } from './errors.ts';
import type { EmulatorState } from './estate/load.ts';
import { callerLayers } from './callerPolicies.ts';
import { organizationLayers } from './organizationLayers.ts';

export interface CallAuthorization {
  /** e.g. 'iam:GetRole' */
  action: string;
  /** The resource ARN the action is on ('*' for account-wide actions). */
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  /** How AWS names the resource in the AccessDenied message, e.g. 'role ApiInvokerRole' (default: the ARN). */
  messageResource?: string;
  context?: Record<string, ContextValue>;
}

export function authorizeCall(state: EmulatorState, caller: CredentialRecord, now: Date, call: CallAuthorization, code = 'AccessDenied'): void {
  const org = organizationLayers(state, caller.identity, call.action, call.resourceAccount);
  const result = authorize({
    principal: caller.identity,
    action: call.action,
    resource: call.resource,
    resourceAccount: call.resourceAccount,
    context: {
      ...(caller.sessionContext ?? {}),
      ...org.context,
      'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
      ...(call.context ?? {}),
    },
    ...callerLayers(state, caller),
    ...(org.scps === undefined ? {} : { scps: org.scps }),
    ...(org.rcps === undefined ? {} : { rcps: org.rcps }),
  });
  if (result.decision === 'allowed') return;
  const target = call.messageResource ?? call.resource;
  throw new AwsError(code, 403, `User: ${caller.identity.arn} is not authorized to perform: ${call.action} on resource: ${target} ${denialReason(result, call.action, caller.identity.accountId !== call.resourceAccount)}`);
}

/**
 * The reason AWS appends to an AccessDenied message, in its words ("with an explicit
 * deny in a service control policy", "because no resource-based policy allows …"):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
export function denialReason(result: AuthorizationResult, action: string, crossAccount: boolean): string {
  const layer = result.decidedBy[0];
  if (result.decision === 'explicitDeny') {
    if (layer === 'scp') return 'with an explicit deny in a service control policy';
    if (layer === 'rcp') return 'with an explicit deny in a resource control policy';
    if (layer === 'resource') return 'with an explicit deny in a resource-based policy';
    if (layer === 'boundary') return 'with an explicit deny in a permissions boundary';
    if (layer === 'session') return 'with an explicit deny in a session policy';
    return 'with an explicit deny in an identity-based policy';
  }
  if (layer === 'scp') return `because no service control policy allows the ${action} action`;
  if (layer === 'rcp') return `because no resource control policy allows the ${action} action`;
  if (layer === 'boundary') return `because no permissions boundary allows the ${action} action`;
  if (layer === 'session') return `because no session policy allows the ${action} action`;
  if (crossAccount && result.layers.identity === 'allowed') return `because no resource-based policy allows the ${action} action`;
  return `because no identity-based policy allows the ${action} action`;
}
