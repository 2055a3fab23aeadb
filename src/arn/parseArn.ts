import { splitArn } from './splitArn.ts';
import type { Arn } from './types.ts';

/**
 * Splits an ARN into its five fixed fields and the resource (splitArn). Returns
 * undefined for anything that is not shaped like an ARN: another prefix than 'arn',
 * an empty partition, service or resource.
 */
export function parseArn(s: string): Arn | undefined {
  const fields = splitArn(s);
  if (fields === undefined) return undefined;
  const [prefix, partition, service, region, accountId, resource] = fields;
  if (prefix !== 'arn' || partition === '' || service === '' || resource === '') return undefined;
  return { partition, service, region, accountId, resource };
}

/**
 * The account of an IAM or STS ARN in an AWS partition (a user, role, assumed role,
 * root …), or undefined for anything else.
 */
export function principalAccountId(s: string): string | undefined {
  const arn = parseArn(s);
  if (arn === undefined || !arn.partition.startsWith('aws') || (arn.service !== 'iam' && arn.service !== 'sts') || arn.region !== '') return undefined;
  return /^\d{12}$/.test(arn.accountId) ? arn.accountId : undefined;
}
