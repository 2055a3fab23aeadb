/**
 * The one reading of a request path for every service but S3: the path the
 * signature covers (normalizePathSegments: '.' and empty segments dropped, '..'
 * removing the segment before it) cut into segments, each percent-decoded. Routers
 * read this, so a path that signs alike routes alike ('/a/./b' is '/a/b').
 *
 * A segment that is not valid percent-encoded UTF-8, or that decodes to '.' or
 * '..' ('%2E%2E': a dot segment the signature did not normalize), makes the
 * whole path unreadable: undefined, for the caller to refuse. An encoded slash
 * stays inside its segment ('a%2Fb' is one segment 'a/b').
 */
import { normalizePathSegments } from './normalizePathSegments.ts';

export function pathSegments(path: string): string[] | undefined {
  const out: string[] = [];
  for (const raw of normalizePathSegments(path).split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..') return undefined;
    out.push(segment);
  }
  return out;
}
