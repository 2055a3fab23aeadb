import { iamPath } from './iamPath.ts';

/** arn:aws:iam::<account>:role<path><name>, e.g. arn:aws:iam::111111111111:role/ApiInvokerRole */
export function roleArn(accountId: string, name: string, path = '/', partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role${iamPath(path)}${name}`;
}
