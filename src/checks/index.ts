export { startHarness, configuredRoleArn, apiBaseUrl, type Harness } from './harness.ts';
export { Actor } from './actor.ts';
export { tryAssumeRole, assumeRoleAs, sessionKey, type AssumeOutcome, type AssumeOptions } from './assume.ts';
export { reuseUntilNearExpiry, principalCredentials, REFRESH_WINDOW_MS } from './sessions.ts';
export { invokeRoute, invokeRoutes, mapBounded, encodePath, type InvokeEvidence, type Signing } from './invoke.ts';
export {
  readRole, readRoutes, roleTrustsAccount, roleTrustsOnly, roleRequiresCondition, roleInvokeArnsNameApi,
  apiRoutesUseIam, roleRouteDecisions, roleCoversExactly, type RoleDocuments,
} from './policies.ts';
export { describeFindings, type StaticVerdict, type StaticFinding } from './static/types.ts';
export { recordEvidence, recordExpectation, type EvidenceSink } from './evidence.ts';
export type { Evidence, EvidenceInput, SourceRef } from '../evidence/types.ts';
export { simulateRoleRoutes, simulateTrust, simulateAssume, accessOf, actorArn, type Access, type RouteRequest, type RouteSimulation, type ContextInput } from './simulation.ts';
export { roleTrustPublicAccess, roleFindings, roleAccessNotGranted, roleNoNewAccess, writeBaseline, baselineFile, type PolicyFindings } from './analyzer.ts';
export { accountInOrganizationOf, rolesAssumableOnlyFromOrganization } from './organization.ts';
