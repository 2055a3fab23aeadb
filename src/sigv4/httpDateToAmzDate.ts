/**
 * The HTTP Date header (IMF-fixdate, RFC 9110 5.6.7), which SigV4 accepts when
 * there is no X-Amz-Date: "Sun, 30 Aug 2015 12:36:00 GMT".
 */
import { formatAmzDate } from './amzDate.ts';

const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date in SigV4 basic format, or undefined when not an IMF-fixdate. */
export function httpDateToAmzDate(value: string): string | undefined {
  const m = IMF_FIXDATE.exec(value.trim());
  if (!m) return undefined;
  const [, d, mon, y, h, mi, s] = m as unknown as [string, string, string, string, string, string, string];
  const ms = Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(d)) return undefined;
  return formatAmzDate(ms);
}
