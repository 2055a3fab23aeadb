/**
 * Control-plane authorization: the caller's identity policies must allow the action
 * on the resource, and a resource in another account is never reachable without a
 * resource-based policy (the control plane APIs emulated here have none).
 */
import { authorize, type ContextValue } from '../policy/index.ts';
import type { CredentialRecord } from './credentials.ts';
import { AwsError } from './errors.ts';
import type { EmulatorState } from './estate/load.ts';
import { callerLayers } from './callerPolicies.ts';

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
  const result = authorize({
    principal: caller.identity,
    action: call.action,
    resource: call.resource,
    resourceAccount: call.resourceAccount,
    context: {
      ...(caller.sessionContext ?? {}),
      'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
      ...(call.context ?? {}),
    },
    ...callerLayers(state, caller),
  });
  if (result.decision === 'allowed') return;
  const target = call.messageResource ?? call.resource;
  const why =
    result.decision === 'explicitDeny'
      ? `with an explicit deny in an identity-based policy`
      : caller.identity.accountId !== call.resourceAccount && result.layers.identity === 'allowed'
        ? `because no resource-based policy allows the ${call.action} action`
        : `because no identity-based policy allows the ${call.action} action`;
  throw new AwsError(code, 403, `User: ${caller.identity.arn} is not authorized to perform: ${call.action} on resource: ${target} ${why}`);
}
