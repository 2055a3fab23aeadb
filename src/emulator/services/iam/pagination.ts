/**
 * IAM's Marker / MaxItems / IsTruncated pagination. The marker is opaque to callers;
 * here it carries the listing it belongs to and where the next page starts.
 */
import { AwsError } from '../../errors.ts';
import type { QueryInput } from './params.ts';

/** IAM's default page size when MaxItems is absent. */
export const DEFAULT_MAX_ITEMS = 100;

export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker?: string;
}

export function encodeMarker(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listing, o: offset })).toString('base64');
}

/** The offset a marker of `listing` continues from (at most `total`, when given). */
export function decodeMarker(marker: string, listing: string, total = Number.MAX_SAFE_INTEGER): number {
  try {
    const parsed = JSON.parse(Buffer.from(marker, 'base64').toString('utf8')) as { l?: unknown; o?: unknown };
    if (parsed.l === listing && Number.isSafeInteger(parsed.o) && (parsed.o as number) >= 0 && (parsed.o as number) <= total) return parsed.o as number;
  } catch {
    // falls through to the error below
  }
  throw new AwsError('ValidationError', 400, 'Invalid Marker.');
}

/** One page of `items`; `listing` names what is listed so a marker cannot be replayed elsewhere. */
export function paginate<T>(items: T[], input: QueryInput, listing: string): Page<T> {
  const marker = input.string('Marker');
  const start = marker === undefined ? 0 : decodeMarker(marker, listing);
  const size = input.integer('MaxItems') ?? DEFAULT_MAX_ITEMS;
  const page = items.slice(start, start + size);
  const next = start + size;
  return next < items.length ? { items: page, isTruncated: true, marker: encodeMarker(listing, next) } : { items: page, isTruncated: false };
}

/** The page's trailing members, as every IAM listing ends. */
export function pageTail(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return { IsTruncated: page.isTruncated, Marker: page.marker };
}
