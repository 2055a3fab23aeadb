import { matchPattern } from '../pattern.ts';
import { substituteVariables } from '../policyVariables.ts';
import type { Prepare } from './preparedValue.ts';

/** StringEquals / StringEqualsIgnoreCase (and their Not forms): exact, '*' is literal. */
export function stringEquals(ignoreCase: boolean): Prepare {
  return (policyValue, options) => {
    const sub = substituteVariables(policyValue, options.lookup, { wildcards: false, variables: options.variables });
    if (!sub.ok) return { kind: 'unresolved', key: sub.missing };
    return { kind: 'test', test: (cv) => matchPattern(sub.pattern, cv, { ignoreCase }) };
  };
}

/** StringLike / StringNotLike: case-sensitive, '*' and '?' wildcards. */
export const stringLike: Prepare = (policyValue, options) => {
  const sub = substituteVariables(policyValue, options.lookup, { wildcards: true, variables: options.variables });
  if (!sub.ok) return { kind: 'unresolved', key: sub.missing };
  return { kind: 'test', test: (cv) => matchPattern(sub.pattern, cv) };
};
