import { parseArn } from './parseArn.ts';

/** What an IAM or STS principal ARN names. */
export type PrincipalArn =
  | { kind: 'root'; partition: string; accountId: string }
  | { kind: 'user'; partition: string; accountId: string; path: string; name: string }
  | { kind: 'role'; partition: string; accountId: string; path: string; name: string }
  | { kind: 'assumedRole'; partition: string; accountId: string; roleName: string; sessionName: string };

/**
 * Classifies arn:aws:iam::<acct>:root, …:user/<path/>name, …:role/<path/>name and
 * arn:aws:sts::<acct>:assumed-role/<role>/<session>. Anything else yields undefined.
 */
export function parsePrincipalArn(s: string): PrincipalArn | undefined {
  const arn = parseArn(s);
  if (arn === undefined || arn.region !== '' || !/^\d{12}$/.test(arn.accountId)) return undefined;
  const { partition, accountId, resource } = arn;
  if (arn.service === 'iam') {
    if (resource === 'root') return { kind: 'root', partition, accountId };
    const m = /^(user|role)(\/(?:[^/]+\/)*)([^/]+)$/.exec(resource);
    if (m === null) return undefined;
    const kind = m[1] === 'user' ? 'user' : 'role';
    return { kind, partition, accountId, path: m[2] ?? '/', name: m[3] ?? '' };
  }
  if (arn.service === 'sts') {
    const m = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(resource);
    if (m === null) return undefined;
    return { kind: 'assumedRole', partition, accountId, roleName: m[1] ?? '', sessionName: m[2] ?? '' };
  }
  return undefined;
}
