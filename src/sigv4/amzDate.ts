/** The ISO 8601 basic format SigV4 uses for X-Amz-Date: yyyymmddThhmmssZ. */

const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

// Requests signed in the same second share X-Amz-Date, and each is parsed more than
// once: the last answer is kept (the function stays pure).
let last: { value: string; ms: number | undefined } | undefined;

/** Milliseconds since the epoch, or undefined when not a real date in basic format. */
export function parseAmzDate(value: string): number | undefined {
  if (last?.value === value) return last.ms;
  const ms = parse(value);
  last = { value, ms };
  return ms;
}

function parse(value: string): number | undefined {
  const m = BASIC.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 20150231 over to March; a round trip rejects such dates.
  return formatAmzDate(ms) === value ? ms : undefined;
}

export function formatAmzDate(time: number | Date): string {
  const iso = new Date(typeof time === 'number' ? time : time.getTime()).toISOString();
  // 2015-08-30T12:36:00.000Z -> 20150830T123600Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
