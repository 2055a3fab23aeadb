/**
 * The benchmarks' HTTP client: undici over one keep-alive pool, a fixed number of
 * requests in flight, the same for crossgate and for its baseline.
 */
import { Agent, request } from 'undici';

export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  wallMs: number;
  perSecond: number;
  statuses: Map<number, number>;
}

/** Send `total` requests (cycling through `requests`) to `origin`, `concurrency` at a time. */
export async function drive(origin: string, requests: readonly WireRequest[], total: number, concurrency: number, agent: Agent): Promise<LoadResult> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const r = requests[next++ % requests.length]!;
      const res = await request(origin + r.path, { method: r.method as 'GET', headers: r.headers, body: r.body, dispatcher: agent });
      await res.body.text();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  return { requests: total, wallMs, perSecond: total / (wallMs / 1000), statuses };
}

export function onlyStatus(result: LoadResult, status: number, what: string): void {
  const other = [...result.statuses].filter(([s]) => s !== status);
  if (other.length > 0) throw new Error(`${what}: expected every answer to be ${status}, got ${[...result.statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}`);
}

export function pool(connections: number): Agent {
  return new Agent({ connections, keepAliveTimeout: 4_000, pipelining: 1 });
}
