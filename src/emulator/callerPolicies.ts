/**
 * The caller's own policies, for any emulated service that authorizes a call: its
 * identity policies, the permissions boundary of its user or role, and the session
 * policies of its session.
 */
import { parsePolicy, type AuthorizationRequest, type NamedPolicy, type Policy } from '../policy/index.ts';
import type { CredentialRecord } from './credentials.ts';
import type { EmulatorState } from './estate/load.ts';

/**
 * The account root may do anything in its own account (SCPs still apply): as policy data,
 * one Allow of every action on every resource, evaluated like any identity policy.
 */
const ROOT_POLICY: NamedPolicy = {
  name: 'account root', kind: 'identity',
  policy: (parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) as { ok: true; policy: Policy }).policy,
};

/** The identity-based policies that apply to a caller's credentials. */
export function callerPolicies(state: EmulatorState, caller: CredentialRecord): NamedPolicy[] {
  const s = caller.subject;
  if (s.kind === 'root') return [ROOT_POLICY];
  // A user or role deleted since the credentials were issued has no policies left: everything is denied.
  const entity = s.kind === 'user' ? state.iam.findUser(s.accountId, s.userName) : state.iam.findRole(s.accountId, s.roleName);
  return entity ? state.iam.identityPolicies(entity) : [];
}

/**
 * Every layer of the caller's own policies, for the evaluator: identity policies, the
 * permissions boundary of its user or role, and the session policies of its session.
 */
export function callerOwnPolicies(state: EmulatorState, caller: CredentialRecord): Pick<AuthorizationRequest, 'identityPolicies' | 'permissionsBoundary' | 'sessionPolicies'> {
  const s = caller.subject;
  if (s.kind === 'root') return { identityPolicies: [ROOT_POLICY] };
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
