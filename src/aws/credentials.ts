/**
 * Credentials for a configured principal: from the world (embedded target), or the
 * standard AWS chain (profiles incl. SSO, env, web identity for CI OIDC).
 */
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { CredentialSource } from '../config/types.ts';
import type { World } from '../emulator/world/types.ts';
import { registerCredentials } from '../report/redact.ts';
import { UserError } from '../util/userError.ts';
import type { AwsCredentials } from './types.ts';

/** Resolve, and register the secret parts with the redactor so no report or log can carry them. */
export async function resolveCredentials(name: string, source: CredentialSource, world?: World): Promise<AwsCredentials> {
  const credentials = await resolveUnregistered(name, source, world);
  registerCredentials(credentials);
  return credentials;
}

async function resolveUnregistered(name: string, source: CredentialSource, world?: World): Promise<AwsCredentials> {
  switch (source.source) {
    case 'world': {
      const key = world?.accounts.flatMap((a) => a.users ?? []).find((u) => u.name === source.user)?.accessKeys?.[0];
      if (!key) throw new UserError(`principal '${name}': the world has no user '${source.user}' with an access key`);
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
