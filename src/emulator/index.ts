export { startEmulator, LIMITS, type EmulatorOptions, type RunningEmulator } from './server.ts';
export { loadWorld, loadWorldFile, buildState, type EmulatorState } from './world/load.ts';
export type { World } from './world/types.ts';
export { AwsError } from './errors.ts';
