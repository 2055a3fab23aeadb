/**
 * The ARN of a role session as STS reports it. It never carries the role's path:
 * arn:aws:sts::<account>:assumed-role/<roleName>/<sessionName>
 */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string, partition = 'aws'): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}
