/**
 * crossgate's one kind of module-level cache: a memo from a key to a value computed
 * from that key alone (a parsed date or address, a SigV4 signing key, an interned ARN
 * prefix). Bounded, so a stream of distinct keys cannot grow it without end: when full
 * it starts over. Every cache is created here, by name, so a test or a benchmark can
 * see and clear them all (cacheSizes, clearCaches).
 *
 * Memo tables keyed by objects (a WeakMap from a Policy to its compiled form) are not
 * module state in this sense: they live and die with the objects their callers hold.
 */

const MISSING = Symbol('missing');

export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V | typeof MISSING>();

  constructor(
    readonly name: string,
    readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The value for the key, computed (and remembered, undefined included) on first use. */
  get(key: K, compute: (key: K) => V | undefined): V | undefined {
    const known = this.#entries.get(key);
    if (known !== undefined) return known === MISSING ? undefined : known;
    const value = compute(key);
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(key, value === undefined ? MISSING : value);
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}

const registry = new Map<string, BoundedCache<unknown, unknown>>();

/** A new named cache of at most maxEntries entries. */
export function boundedCache<K, V>(name: string, maxEntries: number): BoundedCache<K, V> {
  if (registry.has(name)) throw new Error(`a cache named '${name}' exists already`);
  const cache = new BoundedCache<K, V>(name, maxEntries);
  registry.set(name, cache as BoundedCache<unknown, unknown>);
  return cache;
}

/** Every cache's name and current size. */
export function cacheSizes(): Record<string, number> {
  return Object.fromEntries([...registry].map(([name, c]) => [name, c.size]));
}

/** Empty every cache (tests, benchmarks measuring a cold start). */
export function clearCaches(): void {
  for (const c of registry.values()) c.clear();
}
