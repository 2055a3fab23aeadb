/**
 * Credentials for a configured principal: from the estate (embedded target), or the
 * standard AWS chain (profiles incl. SSO, env, web identity for CI OIDC).
 */
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { CredentialSource } from '../config/types.ts';
import type { Estate } from '../estate/types.ts';
import { registerCredentials } from '../secrets/redact.ts';
import { UserError } from '../util/userError.ts';
import type { AwsCredentials } from './types.ts';

/** Resolve, and register the secret parts with the redactor so no report or log can carry them. */
export async function resolveCredentials(name: string, source: CredentialSource, estate?: Estate): Promise<AwsCredentials> {
  const credentials = await resolveUnregistered(name, source, estate);
  registerCredentials(credentials);
  return credentials;
}

async function resolveUnregistered(name: string, source: CredentialSource, estate?: Estate): Promise<AwsCredentials> {
  switch (source.source) {
    case 'estate': {
      const key = estate?.accounts.flatMap((a) => a.users ?? []).find((u) => u.name === source.user)?.accessKeys?.[0];
      if (!key) throw new UserError(`principal '${name}': the estate has no user '${source.user}' with an access key`);
      return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    }
    case 'profile':
      return fromIni({ profile: source.profile })();
    case 'env':
      return fromEnv()();
    case 'default':
      return fromNodeProviderChain()();
  }
}
