export { generateEstate, ESTATE_FILE, CONFIG_FILE, CONTROLS_FILE, FEATURES_DIR, type GeneratedFiles } from './generateEstate.ts';
export { writeGenerated } from './writeGenerated.ts';
export { planEstate, ROLE_PATH } from './plan.ts';
export { expectedAccess, globMatches } from './expectations.ts';
export { GENERATED_CONTROLS } from './features.ts';
export type { GenerateOptions, EstatePlan, PlannedRole, PlannedApi, ExpectedAccess, RoleKind } from './types.ts';
