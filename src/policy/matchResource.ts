import { compileGlob, type Matcher } from './glob.ts';
import { splitPattern, type Pattern } from './pattern.ts';

/** A compiled resource pattern: the resource, and its six ARN parts when it is an ARN. */
export type ResourceMatcher = (resource: string, parts: readonly string[] | undefined) => boolean;

/**
 * Compiles a resource pattern (case-sensitive). When both pattern and resource are
 * ARNs with all six colon-separated parts, partition, service, region and account
 * are matched one by one, so a wildcard there stays inside its part; in the resource
 * part (after the fifth colon) wildcards match across '/' and ':'. Anything else
 * ('*', a shortened pattern like 'arn:aws:execute-api:*', a non-ARN resource) is
 * matched as one string.
 */
export function compileResourcePattern(pattern: Pattern): ResourceMatcher {
  const whole = compileGlob(pattern);
  const patternParts = splitPattern(pattern, ':', 5);
  if (patternParts.length < 6) return (resource) => whole(resource);
  const parts: Matcher[] = patternParts.map((p) => compileGlob(p));
  return (resource, resourceParts) => {
    if (resourceParts === undefined) return whole(resource);
    for (let i = 0; i < 6; i++) if (!(parts[i] as Matcher)(resourceParts[i] as string)) return false;
    return true;
  };
}

/** Matches a resource pattern against a resource (compiles on every call; see compileResourcePattern). */
export function resourceMatches(pattern: Pattern, resource: string): boolean {
  return compileResourcePattern(pattern)(resource, splitResource(resource));
}

/** The six parts of an ARN (the last keeps its colons), or undefined for a non-ARN. */
export function splitResource(resource: string): string[] | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  const parts: string[] = ['arn'];
  let start = 4;
  for (let i = 1; i < 5; i++) {
    const colon = resource.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(resource.slice(start, colon));
    start = colon + 1;
  }
  parts.push(resource.slice(start));
  return parts;
}
