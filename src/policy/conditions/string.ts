import { compileGlob } from '../glob.ts';
import { substituteVariables } from '../policyVariables.ts';
import type { Prepare } from './preparedValue.ts';

/** StringEquals / StringEqualsIgnoreCase (and their Not forms): exact, '*' is literal. */
export function stringEquals(ignoreCase: boolean): Prepare {
  return (policyValue, options) => {
    const sub = substituteVariables(policyValue, options.lookup, { wildcards: false, variables: options.variables });
    if (!sub.ok) return { kind: 'unresolved', key: sub.missing };
    return { kind: 'test', test: compileGlob(sub.pattern, { ignoreCase }) };
  };
}

/** StringLike / StringNotLike: case-sensitive, '*' and '?' wildcards. */
export const stringLike: Prepare = (policyValue, options) => {
  const sub = substituteVariables(policyValue, options.lookup, { wildcards: true, variables: options.variables });
  if (!sub.ok) return { kind: 'unresolved', key: sub.missing };
  return { kind: 'test', test: compileGlob(sub.pattern) };
};
