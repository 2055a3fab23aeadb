/**
 * Path normalization as SigV4 signers do it for every service but S3: drop '.'
 * segments and empty ones (so '//' merges), let '..' remove the segment before
 * it (never above the root), keep a leading and a trailing '/'.
 * '/a/./b//../c/' -> '/a/c/'.
 */
export function normalizePathSegments(path: string): string {
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = kept.length > 0 && path.endsWith('/') ? '/' : '';
  return `${lead}${kept.join('/')}${trail}`;
}
