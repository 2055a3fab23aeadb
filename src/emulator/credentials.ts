/**
 * Every access key the embedded AWS has issued: estate users' long-term keys and
 * STS session credentials. A key not in here never validates.
 */
import type { NamedPolicy, PrincipalIdentity } from '../policy/index.ts';

export type CredentialSubject =
  | { kind: 'user'; accountId: string; userName: string }
  | { kind: 'assumedRole'; accountId: string; roleName: string; sessionName: string; sourceAccessKeyId: string }
  /** The account's local administrator (src/estate/localCredentials.ts), signing as the account root. */
  | { kind: 'root'; accountId: string };

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

  /** The clock time before which sweep() has nothing new to do. */
  private nextSweep = -Infinity;

  /**
   * Drop session credentials expired for an hour (they would be rejected anyway; this
   * bounds memory). At most once a minute of the clock: a sweep walks every key, and
   * AssumeRole calls it each time.
   */
  sweep(now: Date): void {
    if (now.getTime() < this.nextSweep) return;
    this.nextSweep = now.getTime() + 60_000;
    for (const [key, rec] of this.byKey) {
      if (rec.expiration && rec.expiration.getTime() + 60 * 60_000 < now.getTime()) this.byKey.delete(key);
    }
  }

  /** Every record issued so far (users' keys and live sessions). */
  records(): IterableIterator<CredentialRecord> {
    return this.byKey.values();
  }

  get size(): number {
    return this.byKey.size;
  }
}
