/**
 * Redundant actions, resources and statements: entries whose permissions other
 * entries already give. Actions compare by the catalog actions they cover when the
 * catalog knows the service, otherwise as patterns; resources compare as patterns.
 */
import { actionIndex } from '../actionIndex.ts';
import type { IamCatalog } from '../catalog.ts';
import { actionGlob, resourceGlobs } from '../glob/iamPatterns.ts';
import { isSubset, single } from '../glob/sets.ts';
import { ANALYZER_LIMITS } from '../limits.ts';
import type { Validation } from './context.ts';
import type { StringValue } from './values.ts';

/** Reports each value whose permissions another value of the same list already gives. */
function redundant(values: StringValue[], covers: (outer: number, inner: number) => boolean): StringValue[] {
  if (values.length < 2 || values.length > ANALYZER_LIMITS.maxPairwiseEntries) return [];
  const out: StringValue[] = [];
  values.forEach((value, i) => {
    const other = values.findIndex((_, j) => j !== i && covers(j, i) && (!covers(i, j) || j < i));
    if (other >= 0) out.push(value);
  });
  return out;
}

export function checkRedundantActions(v: Validation, values: StringValue[]): void {
  const expansions = values.map((x) => expand(v.catalog, x.text));
  const globs = values.map((x) => actionGlob(x.text));
  const covers = (outer: number, inner: number): boolean => {
    const a = expansions[outer];
    const b = expansions[inner];
    if (values[outer]?.text === '*') return true;
    if (a !== undefined && b !== undefined) return b.size > 0 && [...b].every((x) => a.has(x));
    return isSubset([single(globs[inner] ?? [])], [single(globs[outer] ?? [])], v.budget) === 'yes';
  };
  // One finding per element, as AWS words it: "The {count} action(s) are redundant … such as: {action}."
  const actions = redundant(values, covers);
  const firstAction = actions[0];
  if (firstAction !== undefined) v.report('REDUNDANT_ACTION', firstAction.path, firstAction.node, { count: actions.length, redundant_action: firstAction.text });
}

/** The catalog actions a pattern covers, when the service is named literally and known. */
function expand(catalog: IamCatalog | undefined, text: string): Set<string> | undefined {
  const colon = text.indexOf(':');
  if (catalog === undefined || colon <= 0) return undefined;
  const prefix = text.slice(0, colon).toLowerCase();
  if (/[*?]/.test(prefix)) return undefined;
  if (!catalog.hasService(prefix)) return undefined;
  const name = text.slice(colon + 1);
  return new Set(actionIndex(catalog).matching(prefix, name).map((a) => `${prefix}:${a.toLowerCase()}`));
}

export function checkRedundantResources(v: Validation, values: StringValue[]): void {
  const globs = values.map((x) => resourceGlobs(x.text, v.variablesSupported));
  const covers = (outer: number, inner: number): boolean => {
    const o = globs[outer]?.under;
    const i = globs[inner]?.over;
    if (o === undefined || i === undefined || globs[inner]?.variable === true) return false;
    return isSubset([single(i)], [single(o)], v.budget) === 'yes';
  };
  const resources = redundant(values, covers);
  const firstResource = resources[0];
  if (firstResource !== undefined) v.report('REDUNDANT_RESOURCE', firstResource.path, firstResource.node, { count: resources.length });
}

/** A canonical form of a statement without its Sid: a value and a one-item list alike, lists as sorted sets. */
export function statementKey(statement: unknown): string {
  const canon = (x: unknown): unknown => {
    if (Array.isArray(x)) return [...new Set(x.map((i) => JSON.stringify(typeof i === 'object' && i !== null ? canon(i) : i)))].sort();
    if (typeof x === 'object' && x !== null) {
      return Object.keys(x)
        .sort()
        .map((k) => [k, canon((x as Record<string, unknown>)[k])]);
    }
    return canon([x]);
  };
  const { Sid: _sid, ...rest } = (typeof statement === 'object' && statement !== null ? statement : {}) as Record<string, unknown>;
  return JSON.stringify(canon(rest));
}
