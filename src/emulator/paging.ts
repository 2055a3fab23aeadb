/**
 * One paging token for every listing of the embedded AWS (IAM's Marker, API Gateway's
 * and Access Analyzer's nextToken). The token is opaque to callers; it carries the
 * listing it belongs to and where the next page starts, so a token cannot be replayed
 * on another listing.
 */

export interface Page<T> {
  items: T[];
  /** The token for the next page; absent on the last page. */
  next?: string;
}

/** The token for the page of `listing` that starts at `offset`. */
export function pageToken(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listing, o: offset })).toString('base64');
}

/** The offset a token stands for (at most `total`, when given); undefined when it is not a token of this listing. */
export function pageOffset(token: string, listing: string, total = Number.MAX_SAFE_INTEGER): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { l?: unknown; o?: unknown };
    if (parsed.l === listing && Number.isSafeInteger(parsed.o) && (parsed.o as number) >= 0 && (parsed.o as number) <= total) return parsed.o as number;
  } catch {
    // not a token: answered by the caller's error
  }
  return undefined;
}

/**
 * One page of `items`. `listing` names what is listed (and, for listings that depend
 * on the request, a digest of it); `invalid` is the service's error for a token that
 * is not one of this listing's.
 */
export function paginate<T>(items: readonly T[], listing: string, token: string | undefined, size: number, invalid: () => Error): Page<T> {
  let start = 0;
  if (token !== undefined) {
    const offset = pageOffset(token, listing);
    if (offset === undefined) throw invalid();
    start = offset;
  }
  const end = start + size;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.next = pageToken(listing, end);
  return page;
}
