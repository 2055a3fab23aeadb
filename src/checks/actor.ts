/**
 * An actor is a configured principal in a scenario: its own credentials, and the
 * role session it currently acts through, if it assumed one.
 */
import type { AwsCredentials } from '../aws/types.ts';
import type { AssumedRole } from '../aws/sts.ts';
import { userArn } from '../arn/index.ts';
import { accountId } from '../config/load.ts';
import { UserError } from '../util/userError.ts';
import type { Harness } from './harness.ts';
import { principalCredentials } from './sessions.ts';

export class Actor {
  /** The role session this actor acts through after assuming a role. */
  session?: AssumedRole & { roleAlias: string };

  constructor(readonly name: string, private readonly harness: Harness) {
    if (!harness.config.principals[name]) {
      throw new UserError(`unknown principal '${name}' (configured principals: ${Object.keys(harness.config.principals).join(', ')})`);
    }
  }

  /** The principal's own long-term (or chain-provided) credentials, resolved once per run (sessions.ts). */
  ownCredentials(): Promise<AwsCredentials> {
    return principalCredentials(this.harness, this.name);
  }

  /** What the actor signs with now: the assumed role session if any, else its own. */
  async currentCredentials(): Promise<AwsCredentials> {
    return this.session?.credentials ?? this.ownCredentials();
  }

  /** Who the actor is now, for evidence: the assumed-role ARN or the principal's name. */
  describe(): string {
    return this.session ? this.session.arn : this.name;
  }

  /** The principal's own ARN, when the configuration tells it (estate users); else undefined. */
  ownArn(): string | undefined {
    const p = this.harness.config.principals[this.name]!;
    // Without credentials: a user of its account, as the engine and IAM's simulator consider it.
    if (p.credentials.source === 'none') return userArn(accountId(this.harness.config, p.account), this.name, '/');
    if (p.credentials.source !== 'estate') return undefined;
    const user = p.credentials.user;
    // No user: the account's local administrator, which signs as the account root.
    if (user === undefined) return `arn:aws:iam::${accountId(this.harness.config, p.account)}:root`;
    const u = this.harness.estate?.accounts.flatMap((a) => (a.users ?? []).map((x) => ({ account: a.id, ...x }))).find((x) => x.name === user);
    return userArn(u?.account ?? accountId(this.harness.config, p.account), user, u?.path ?? '/');
  }
}
