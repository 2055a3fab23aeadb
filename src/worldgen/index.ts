export { generateWorld, WORLD_FILE, CONFIG_FILE, CONTROLS_FILE, FEATURES_DIR, type GeneratedFiles } from './generateWorld.ts';
export { writeGenerated } from './writeGenerated.ts';
export { planWorld, ROLE_PATH } from './plan.ts';
export { expectedAccess, globMatches } from './expectations.ts';
export { GENERATED_CONTROLS } from './features.ts';
export type { GenerateOptions, WorldPlan, PlannedRole, PlannedApi, ExpectedAccess, RoleKind } from './types.ts';
