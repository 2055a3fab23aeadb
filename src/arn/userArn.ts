import { iamPath } from './iamPath.ts';

/** arn:aws:iam::<account>:user<path><name>, e.g. arn:aws:iam::222222222222:user/ci-caller */
export function userArn(accountId: string, name: string, path = '/', partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:user${iamPath(path)}${name}`;
}
