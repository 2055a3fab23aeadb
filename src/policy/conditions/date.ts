import type { Prepare } from './preparedValue.ts';
import { boundedCache } from '../../cache/boundedCache.ts';

function readDate(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Request dates repeat (one clock reading, many statements): remember the last few thousand. */
const seen = boundedCache<string, number>('policy.dates', 4096);

/** ISO 8601 text or epoch seconds, as milliseconds since the epoch. */
export function parseDate(s: string): number | undefined {
  return seen.get(s, readDate);
}

/** Date* operators: `compare(context, policy)` on instants. */
export function date(compare: (contextValue: number, policyValue: number) => boolean): Prepare {
  return (policyValue) => {
    const p = parseDate(policyValue);
    if (p === undefined) return { kind: 'invalid', reason: `'${policyValue}' is not a date` };
    return {
      kind: 'test',
      test: (cv) => {
        const c = parseDate(cv);
        return c !== undefined && compare(c, p);
      },
    };
  };
}
