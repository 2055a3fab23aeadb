/**
 * Credentials for a configured principal: from the estate (embedded target), or the
 * standard AWS chain (profiles incl. SSO, env, web identity for CI OIDC).
 */
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { CredentialSource } from '../config/types.ts';
import type { Estate } from '../estate/types.ts';
import { estateUserKeys, localAdministratorKey } from '../estate/localCredentials.ts';
import { registerCredentials } from '../secrets/redact.ts';
import { UserError } from '../util/userError.ts';
import type { AwsCredentials } from './types.ts';

/** Resolve, and register the secret parts with the redactor so no report or log can carry them. */
export async function resolveCredentials(name: string, source: CredentialSource, estate?: Estate, accountId?: string): Promise<AwsCredentials> {
  const credentials = await resolveUnregistered(name, source, estate, accountId);
  registerCredentials(credentials);
  return credentials;
}

async function resolveUnregistered(name: string, source: CredentialSource, estate?: Estate, accountId?: string): Promise<AwsCredentials> {
  switch (source.source) {
    case 'estate': {
      // No user: the account's local administrator (src/estate/localCredentials.ts).
      if (source.user === undefined) {
        const account = estate?.accounts.find((a) => a.id === accountId);
        if (!account) throw new UserError(`principal '${name}': the estate has no account ${accountId ?? '(none named)'}`);
        return localAdministratorKey(account.id);
      }
      const owner = estate?.accounts.find((a) => (a.users ?? []).some((u) => u.name === source.user && (accountId === undefined || a.id === accountId)))
        ?? estate?.accounts.find((a) => (a.users ?? []).some((u) => u.name === source.user));
      const user = owner?.users?.find((u) => u.name === source.user);
      const key = estate && owner && user ? estateUserKeys(estate, owner.id, user)[0] : undefined;
      if (!key) throw new UserError(`principal '${name}': the estate has no user '${source.user}' with an access key`);
      return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    }
    case 'profile':
      return fromIni({ profile: source.profile })();
    case 'env':
      return fromEnv()();
    case 'default':
      return fromNodeProviderChain()();
    case 'none':
      throw new UserError(`principal '${name}' has no credentials ({"source": "none"}): only its role assumptions can be checked, by crossgate's engine`);
  }
}
