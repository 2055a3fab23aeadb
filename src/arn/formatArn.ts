import type { Arn } from './types.ts';

/** The inverse of parseArn. */
export function formatArn(a: Arn): string {
  return `arn:${a.partition}:${a.service}:${a.region}:${a.accountId}:${a.resource}`;
}
