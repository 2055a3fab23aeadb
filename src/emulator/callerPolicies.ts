/**
 * The caller's own policies, for any emulated service that authorizes a call: its
 * identity policies, the permissions boundary of its user or role, and the session
 * policies of its session.
 */
import type { AuthorizationRequest, NamedPolicy } from '../policy/index.ts';
import type { CredentialRecord } from './credentials.ts';
import type { EmulatorState } from './estate/load.ts';

/** The identity-based policies that apply to a caller's credentials. */
export function callerPolicies(state: EmulatorState, caller: CredentialRecord): NamedPolicy[] {
  const s = caller.subject;
  // A user or role deleted since the credentials were issued has no policies left: everything is denied.
  const entity = s.kind === 'user' ? state.iam.findUser(s.accountId, s.userName) : state.iam.findRole(s.accountId, s.roleName);
  return entity ? state.iam.identityPolicies(entity) : [];
}

/**
 * Every layer of the caller's own policies, for the evaluator: identity policies, the
 * permissions boundary of its user or role, and the session policies of its session.
 */
export function callerLayers(state: EmulatorState, caller: CredentialRecord): Pick<AuthorizationRequest, 'identityPolicies' | 'permissionsBoundary' | 'sessionPolicies'> {
  const s = caller.subject;
  const entity = s.kind === 'user' ? state.iam.findUser(s.accountId, s.userName) : state.iam.findRole(s.accountId, s.roleName);
  const layers: Pick<AuthorizationRequest, 'identityPolicies' | 'permissionsBoundary' | 'sessionPolicies'> = { identityPolicies: entity ? state.iam.identityPolicies(entity) : [] };
  if (entity?.permissionsBoundary) {
    const boundary = state.iam.getPolicy(entity.permissionsBoundary);
    const version = boundary.versions.find((v) => v.isDefault)!;
    layers.permissionsBoundary = { name: boundary.arn, kind: 'boundary', policy: version.document.policy };
  }
  if (caller.sessionPolicies && caller.sessionPolicies.length > 0) layers.sessionPolicies = caller.sessionPolicies;
  return layers;
}
