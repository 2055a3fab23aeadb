import { arnPrefix, splitArn } from '../arn/index.ts';
import { compileGlob, isLiteral, type Matcher } from './glob.ts';
import { patternText, splitPattern, type Pattern } from './pattern.ts';
import { boundedCache } from '../cache/boundedCache.ts';

/** The resource being matched, with its six ARN parts split on first need (null: not yet split). */
export interface ResourceTarget {
  resource: string;
  resourceParts: string[] | undefined | null;
  /** Up to and including the fifth colon; undefined for a non-ARN; null until first needed. */
  resourcePrefix: string | undefined | null;
}

/**
 * One string object per distinct ARN prefix: equal prefixes then compare by
 * identity, so testing a request against many statements costs no character
 * comparisons.
 */
const PREFIXES = boundedCache<string, string>('policy.arnPrefixes', 4096);

const itself = (prefix: string): string => prefix;

function intern(prefix: string): string {
  return PREFIXES.get(prefix, itself)!;
}

/** Resources repeat across requests (a sweep, a busy route): their interned prefixes, by resource. */
const PREFIX_OF = boundedCache<string, string>('policy.resourcePrefixes', 16384);

function internedPrefix(resource: string): string | undefined {
  const p = arnPrefix(resource);
  return p === undefined ? undefined : intern(p);
}

function prefixOf(target: ResourceTarget): string | undefined {
  if (target.resourcePrefix === null) target.resourcePrefix = PREFIX_OF.get(target.resource, internedPrefix);
  return target.resourcePrefix;
}

/** 'arn:<partition>:<service>:<region>:<account>:' of an ARN, or undefined (src/arn). */
export { arnPrefix };

/** A compiled resource pattern. */
export type ResourceMatcher = (target: ResourceTarget) => boolean;

function partsOf(target: ResourceTarget): string[] | undefined {
  if (target.resourceParts === null) target.resourceParts = splitResource(target.resource);
  return target.resourceParts;
}

/**
 * Compiles a resource pattern (case-sensitive). When both pattern and resource are
 * ARNs with all six colon-separated parts, partition, service, region and account
 * are matched one by one, so a wildcard there stays inside its part; in the resource
 * part (after the fifth colon) wildcards match across '/' and ':'. Anything else
 * ('*', a shortened pattern like 'arn:aws:execute-api:*', a non-ARN resource) is
 * matched as one string.
 */
export function compileResourcePattern(pattern: Pattern): ResourceMatcher {
  if (isLiteral(pattern)) {
    // Part by part or whole, a pattern without wildcards matches only itself.
    const text = patternText(pattern);
    return (t) => t.resource === text;
  }
  const whole = compileGlob(pattern);
  const patternParts = splitPattern(pattern, ':', 5);
  if (patternParts.length < 6) return (t) => whole(t.resource);
  const literals = patternParts.map((p) => (isLiteral(p) ? patternText(p) : undefined));
  const last = compileGlob(patternParts[5] as Pattern);
  if (literals.slice(0, 5).every((l) => l !== undefined)) {
    // The usual shape: only the resource part has wildcards. The first five parts
    // (no colons in them) are then one literal prefix.
    const prefix = intern(`${literals.slice(0, 5).join(':')}:`);
    return (t) => {
      const own = prefixOf(t);
      if (own !== undefined) return own === prefix && last(t.resource, prefix.length);
      return whole(t.resource);
    };
  }
  const matchers = patternParts.map((p, i) => (literals[i] === undefined ? compileGlob(p) : undefined));
  return (t) => {
    const parts = partsOf(t);
    if (parts === undefined) return whole(t.resource);
    for (let i = 0; i < 5; i++) {
      const lit = literals[i];
      if (lit !== undefined ? parts[i] !== lit : !(matchers[i] as Matcher)(parts[i] as string)) return false;
    }
    return last(parts[5] as string);
  };
}

/** Matches a resource pattern against a resource (compiles on every call; see compileResourcePattern). */
export function resourceMatches(pattern: Pattern, resource: string): boolean {
  return compileResourcePattern(pattern)({ resource, resourceParts: null, resourcePrefix: null });
}

/** The six parts of an ARN (the last keeps its colons), or undefined for a non-ARN. */
export function splitResource(resource: string): string[] | undefined {
  return resource.startsWith('arn:') ? splitArn(resource) : undefined;
}
