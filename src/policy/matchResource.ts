import { matchPattern, splitPattern, type Pattern } from './pattern.ts';

/**
 * Matches a resource pattern (case-sensitive) against a resource.
 *
 * When both are ARNs with all six colon-separated parts, partition, service,
 * region and account are matched one by one, so a wildcard there stays inside its
 * part; in the resource part (after the fifth colon) wildcards match across '/' and
 * ':'. Anything else ('*', a shortened pattern like 'arn:aws:execute-api:*', a
 * non-ARN resource) is matched as one string.
 */
export function resourceMatches(pattern: Pattern, resource: string): boolean {
  const patternParts = splitPattern(pattern, ':', 5);
  const resourceParts = splitResource(resource);
  if (patternParts.length < 6 || resourceParts === undefined) return matchPattern(pattern, resource);
  return patternParts.every((p, i) => matchPattern(p, resourceParts[i] ?? ''));
}

/** The six parts of an ARN (the last keeps its colons), or undefined for a non-ARN. */
export function splitResource(resource: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = resource.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(resource.slice(start, colon));
    start = colon + 1;
  }
  parts.push(resource.slice(start));
  return parts[0] === 'arn' ? parts : undefined;
}
