export { startEmulator, LIMITS, type EmulatorOptions, type RunningEmulator } from './server.ts';
export { loadEstate, buildState, type EmulatorState } from './estate/load.ts';
export { loadEstateFile } from '../estate/load.ts';
export type { Estate } from '../estate/types.ts';
export { AwsError } from './errors.ts';
