/**
 * Control-plane authorization: the caller's own policies (identity, boundary,
 * session) must allow the action on the resource, in the request context every
 * request gets (requestContext.ts) plus the operation's own keys. A resource in
 * another account is never reachable without a resource-based policy that allows it
 * (of the control-plane APIs emulated here, only a role's trust policy is one). The
 * SCPs over the caller's account and the RCPs over the resource's account apply too
 * (organizationLayers.ts), with the organization's condition keys in the context.
 */
import { authorize, type AuthorizationResult, type ContextValue, type NamedPolicy } from '../policy/index.ts';
import { callerOwnPolicies } from './callerPolicies.ts';
import type { CredentialRecord } from './credentials.ts';
import { AwsError } from './errors.ts';
import type { EmulatorState } from './estate/load.ts';
import { organizationLayers } from './organizationLayers.ts';
import { requestContext } from './requestContext.ts';

export interface CallAuthorization {
  /** e.g. 'iam:GetRole' */
  action: string;
  /** The resource ARN the action is on ('*' for account-wide actions). */
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  /** How AWS names the resource in the AccessDenied message, e.g. 'role ApiInvokerRole' (default: the ARN). */
  messageResource?: string;
  /** The operation's own condition keys (aws:RequestTag/…, iam:PolicyARN, …); undefined removes a key. */
  context?: Record<string, ContextValue | undefined>;
  /** The resource-based policy, when the resource has one (a role's trust policy). */
  resourcePolicy?: NamedPolicy;
  /** The resource policy must allow even within one account (sts:AssumeRole). */
  resourcePolicyRequired?: boolean;
  /**
   * The AccessDenied message when the service words it its own way (STS names no
   * reason, except when an organization policy denied: then it says which kind).
   */
  deniedMessage?: string;
}

/** Who asks, from where and when: what every authorization of a request shares. */
export interface CallFacts {
  state: EmulatorState;
  caller: CredentialRecord;
  now: Date;
  sourceIp: string;
  /** The region the request was signed for. */
  region: string;
}

/** Throws `code` (403) unless allowed; returns the evaluator's answer when allowed. */
export function authorizeCall(facts: CallFacts, call: CallAuthorization, code = 'AccessDenied'): AuthorizationResult {
  const { state, caller } = facts;
  const org = organizationLayers(state, caller.identity, call.action, call.resourceAccount);
  const context = requestContext(caller, { now: facts.now, sourceIp: facts.sourceIp, region: facts.region });
  Object.assign(context, org.context);
  if (call.context) {
    for (const [key, value] of Object.entries(call.context)) {
      if (value === undefined) delete context[key];
      else context[key] = value;
    }
  }
  const layers = callerOwnPolicies(state, caller);
  const result = authorize({
    principal: caller.identity,
    action: call.action,
    resource: call.resource,
    resourceAccount: call.resourceAccount,
    context,
    identityPolicies: layers.identityPolicies,
    permissionsBoundary: layers.permissionsBoundary,
    sessionPolicies: layers.sessionPolicies,
    resourcePolicy: call.resourcePolicy,
    resourcePolicyRequired: call.resourcePolicyRequired,
    scps: org.scps,
    rcps: org.rcps,
  });
  if (result.decision === 'allowed') return result;
  const why = denialReason(result, call.action, caller.identity.accountId !== call.resourceAccount);
  if (call.deniedMessage !== undefined) {
    const layer = result.decidedBy[0];
    throw new AwsError(code, 403, layer === 'scp' || layer === 'rcp' ? `${call.deniedMessage} ${why}` : call.deniedMessage);
  }
  const target = call.messageResource ?? call.resource;
  throw new AwsError(code, 403, `User: ${caller.identity.arn} is not authorized to perform: ${call.action} on resource: ${target} ${why}`);
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
