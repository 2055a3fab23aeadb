export { startHarness, configuredRoleArn, apiBaseUrl, type Harness } from './harness.ts';
export { Actor } from './actor.ts';
export { tryAssumeRole, assumeRoleAs, type AssumeOutcome } from './assume.ts';
export { invokeRoute, encodePath, type InvokeEvidence, type Signing } from './invoke.ts';
