import { compileResourcePattern, splitResource } from '../matchResource.ts';
import { substituteVariables } from '../policyVariables.ts';
import type { Prepare } from './preparedValue.ts';

/**
 * ArnEquals and ArnLike behave alike in AWS: each of the six colon-separated
 * parts is matched on its own, with '*' and '?' wildcards. A context value that
 * is not an ARN never matches.
 */
export const arnLike: Prepare = (policyValue, options) => {
  const sub = substituteVariables(policyValue, options.lookup, { wildcards: true, variables: options.variables });
  if (!sub.ok) return { kind: 'unresolved', key: sub.missing };
  const matcher = compileResourcePattern(sub.pattern);
  return {
    kind: 'test',
    test: (cv) => {
      const parts = splitResource(cv);
      return parts !== undefined && matcher({ resource: cv, resourceParts: parts, resourcePrefix: null });
    },
  };
};
