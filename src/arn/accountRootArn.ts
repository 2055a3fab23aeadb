/** arn:aws:iam::<account>:root — the account itself, as a principal. */
export function accountRootArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:root`;
}
