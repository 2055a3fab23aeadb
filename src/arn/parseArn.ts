import type { Arn } from './types.ts';

/**
 * Splits an ARN into its five fixed fields and the resource. The resource is
 * everything after the fifth colon, so it may itself contain ':' and '/'.
 * Returns undefined for anything that is not shaped like an ARN.
 */
export function parseArn(s: string): Arn | undefined {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = s.indexOf(':', start);
    if (colon < 0) return undefined;
    fields.push(s.slice(start, colon));
    start = colon + 1;
  }
  const [prefix, partition, service, region, accountId] = fields as [string, string, string, string, string];
  const resource = s.slice(start);
  if (prefix !== 'arn' || partition === '' || service === '' || resource === '') return undefined;
  return { partition, service, region, accountId, resource };
}
