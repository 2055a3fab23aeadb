/**
 * The one ARN splitter: 'arn:partition:service:region:account-id:resource'. The
 * resource is everything after the fifth colon, so it may itself hold ':' and '/'.
 * Patterns split the same way (a '*' in the first five fields stays in its field).
 */

/** The offset just after the fifth colon (where the resource starts), or -1 with fewer colons. */
export function arnResourceStart(text: string): number {
  let at = -1;
  for (let i = 0; i < 5; i++) {
    at = text.indexOf(':', at + 1);
    if (at < 0) return -1;
  }
  return at + 1;
}

/** The six fields (the last keeps its colons), or undefined with fewer than five colons. */
export function splitArn(text: string): [string, string, string, string, string, string] | undefined {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    fields.push(text.slice(start, colon));
    start = colon + 1;
  }
  fields.push(text.slice(start));
  return fields as [string, string, string, string, string, string];
}

/** 'arn:<partition>:<service>:<region>:<account>:' of an ARN, or undefined. */
export function arnPrefix(text: string): string | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const start = arnResourceStart(text);
  return start < 0 ? undefined : text.slice(0, start);
}
