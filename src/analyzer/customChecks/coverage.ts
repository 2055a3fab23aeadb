/**
 * Coverage of a box (a set of actions × a set of resources) by statements: by one
 * statement, or by several that agree on one side and together cover the other.
 * A sufficient test: 'true' is a proof, 'false' may just mean "not shown".
 */
import type { Budget } from '../glob/emptiness.ts';
import { type GlobSet, isSubset } from '../glob/sets.ts';

export interface Box {
  /** Intersected: the actions are those in every set. */
  actions: GlobSet[];
  resources: GlobSet[];
}

export interface Region {
  actions: GlobSet;
  /** The resources it certainly covers. */
  resources: GlobSet;
}

export function boxCovered(box: Box, regions: readonly Region[], budget: Budget): boolean {
  if (regions.length === 0) return false;
  const byResource = regions.filter((r) => isSubset(box.resources, [r.resources], budget) === 'yes');
  if (byResource.length > 0 && isSubset(box.actions, byResource.map((r) => r.actions), budget) === 'yes') return true;
  const byAction = regions.filter((r) => isSubset(box.actions, [r.actions], budget) === 'yes');
  return byAction.length > 0 && isSubset(box.resources, byAction.map((r) => r.resources), budget) === 'yes';
}
