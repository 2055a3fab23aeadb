/**
 * The request time as the texts every request needs (aws:CurrentTime, aws:EpochTime,
 * the integration's `time`). Requests arrive many to a millisecond under load: the
 * last conversion is kept rather than formatting a Date for each of them.
 */
let last: { ms: number; iso: string; isoSeconds: string; epochSeconds: string } | undefined;

export function timeText(now: Date): { iso: string; isoSeconds: string; epochSeconds: string } {
  const ms = now.getTime();
  if (last?.ms !== ms) {
    const iso = now.toISOString();
    last = { ms, iso, isoSeconds: `${iso.slice(0, 19)}Z`, epochSeconds: String(Math.floor(ms / 1000)) };
  }
  return last;
}

/** ISO-8601 to the second, as AWS writes timestamps on the wire ('2026-12-06T15:22:37Z'). */
export function isoSeconds(d: Date): string {
  return timeText(d).isoSeconds;
}
