/**
 * Every access key the embedded AWS has issued: world users' long-term keys and
 * STS session credentials. A key not in here never validates.
 */
import type { NamedPolicy, PrincipalIdentity } from '../policy/index.ts';

export type CredentialSubject =
  | { kind: 'user'; accountId: string; userName: string }
  | { kind: 'assumedRole'; accountId: string; roleName: string; sessionName: string; sourceAccessKeyId: string };

export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for STS session credentials only. */
  sessionToken?: string;
  /** Present for STS session credentials only. */
  expiration?: Date;
  issuedAt: Date;
  status: 'Active' | 'Inactive';
  identity: PrincipalIdentity;
  subject: CredentialSubject;
  /** Context keys carried by the session (sts:ExternalId, aws:TokenIssueTime, aws:PrincipalTag/… ). */
  sessionContext?: Record<string, string>;
  /** Session policies passed to AssumeRole (Policy, PolicyArns): they cap the session's permissions. */
  sessionPolicies?: NamedPolicy[];
}

export class CredentialStore {
  private readonly byKey = new Map<string, CredentialRecord>();

  add(record: CredentialRecord): void {
    if (this.byKey.has(record.accessKeyId)) throw new Error(`access key ${record.accessKeyId} is issued twice`);
    this.byKey.set(record.accessKeyId, record);
  }

  get(accessKeyId: string): CredentialRecord | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** Drop expired session credentials (they would be rejected anyway; this bounds memory). */
  sweep(now: Date): void {
    for (const [key, rec] of this.byKey) {
      if (rec.expiration && rec.expiration.getTime() + 60 * 60_000 < now.getTime()) this.byKey.delete(key);
    }
  }

  get size(): number {
    return this.byKey.size;
  }
}
