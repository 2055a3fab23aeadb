/** IAM paths start and end with '/'; '/' alone is the default. Tolerates a missing slash at either end. */
export function iamPath(path: string): string {
  if (path === '' || path === '/') return '/';
  const leading = path.startsWith('/') ? path : `/${path}`;
  return leading.endsWith('/') ? leading : `${leading}/`;
}
