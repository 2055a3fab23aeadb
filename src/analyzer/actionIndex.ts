/**
 * The catalog's actions, indexed per service so that a wildcard action pattern is
 * matched without scanning the whole service: names are kept sorted (lower case),
 * a pattern's literal lead ('describe' of 'Describe*Tags') narrows the search to a
 * range found by binary search, and answers are cached per (service, pattern).
 * ValidatePolicy and the redundancy checks run this for every Action value of a
 * document, so a document of thousands of patterns costs thousands of lookups, not
 * thousands of scans of a service's hundreds of actions.
 */
import type { IamCatalog } from './catalog.ts';

interface ServiceActions {
  /** Lower-cased names, sorted. */
  lower: string[];
  /** Lower-cased name → as AWS spells it. */
  spelled: Map<string, string>;
}

/** Cached answers at most; past this the cache starts over (a bound on memory). */
const MAX_CACHED = 20_000;

export class ActionIndex {
  private readonly services = new Map<string, ServiceActions | undefined>();
  private readonly matches = new Map<string, readonly string[]>();

  constructor(private readonly catalog: IamCatalog) {}

  private service(prefix: string): ServiceActions | undefined {
    const key = prefix.toLowerCase();
    if (this.services.has(key)) return this.services.get(key);
    const actions = this.catalog.actions(key);
    let out: ServiceActions | undefined;
    if (actions !== undefined) {
      const spelled = new Map<string, string>();
      for (const a of actions) spelled.set(a.toLowerCase(), a);
      out = { lower: [...spelled.keys()].sort(), spelled };
    }
    this.services.set(key, out);
    return out;
  }

  /** The service's actions as AWS spells them; undefined for an unknown service. */
  actions(prefix: string): readonly string[] | undefined {
    const s = this.service(prefix);
    return s === undefined ? undefined : [...s.spelled.values()];
  }

  /** The action as AWS spells it, when the service has it (names compare case-insensitively). */
  find(prefix: string, name: string): string | undefined {
    return this.service(prefix)?.spelled.get(name.toLowerCase());
  }

  /** The service's actions a name pattern ('*' and '?' wildcards, any case) matches, as AWS spells them. */
  matching(prefix: string, pattern: string): readonly string[] {
    const s = this.service(prefix);
    if (s === undefined) return [];
    const lowerPattern = pattern.toLowerCase();
    const key = `${prefix.toLowerCase()}:${lowerPattern}`;
    const hit = this.matches.get(key);
    if (hit !== undefined) return hit;
    const wildcard = lowerPattern.search(/[*?]/);
    let found: string[];
    if (wildcard < 0) {
      const exact = s.spelled.get(lowerPattern);
      found = exact === undefined ? [] : [exact];
    } else {
      const lead = lowerPattern.slice(0, wildcard);
      // Every literal run of the pattern must occur in a name it matches: the longest is a cheap first test.
      const longest = lowerPattern.split(/[*?]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
      found = [];
      for (let i = lowerBound(s.lower, lead); i < s.lower.length && s.lower[i]!.startsWith(lead); i++) {
        const name = s.lower[i]!;
        if (name.includes(longest) && globMatch(lowerPattern, name)) found.push(s.spelled.get(name)!);
      }
    }
    if (this.matches.size >= MAX_CACHED) this.matches.clear();
    this.matches.set(key, found);
    return found;
  }
}

/**
 * Whole-string match of '*' and '?' wildcards, without allocating: one backtrack
 * point (the last '*'), so the cost is at most pattern length × name length.
 */
function globMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === 0x3f || c === name.charCodeAt(n))) {
      p++;
      n++;
    } else if (c === 0x2a) {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === 0x2a) p++;
  return p === pattern.length;
}

/** The first index whose name is >= `lead`. */
function lowerBound(sorted: readonly string[], lead: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < lead) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const indexes = new WeakMap<IamCatalog, ActionIndex>();

/** One index per catalog, kept as long as the catalog lives. */
export function actionIndex(catalog: IamCatalog): ActionIndex {
  let index = indexes.get(catalog);
  if (index === undefined) {
    index = new ActionIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
