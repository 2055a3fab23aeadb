/**
 * Local-only credentials the embedded AWS gives every estate, so that any estate — an
 * imported one with no keys at all included — can be read and driven with the AWS CLI
 * and SDKs:
 *
 * - **The account's local administrator**, one per account: access key id
 *   `AKIA<account id>ROOT`, secret `base64(SHA-256("crossgate local administrator <account id>"))`
 *   cut to 40 characters. It signs as the account root (`arn:aws:iam::<id>:root`): allowed
 *   everything in its own account (service control policies still apply), nothing in
 *   another account without that account's permission, and it cannot assume roles (AWS
 *   refuses AssumeRole to root).
 * - **A key for each user of an imported estate** (imported users come without keys):
 *   access key id `AKIA` + 16 characters of SHA-256("crossgate local key <account>/<user>")
 *   in base32, the secret likewise from "crossgate local secret <account>/<user>".
 *
 * They are derived, not random, so documentation and scripts can name them; they mean
 * nothing to real AWS. Reports redact them like every other secret.
 */
import { createHash } from 'node:crypto';
import type { Estate } from './types.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface LocalKey { accessKeyId: string; secretAccessKey: string }

function secret(seed: string): string {
  return createHash('sha256').update(seed).digest('base64').slice(0, 40);
}

export function localAdministratorKey(accountId: string): LocalKey {
  return { accessKeyId: `AKIA${accountId}ROOT`, secretAccessKey: secret(`crossgate local administrator ${accountId}`) };
}

export function localUserKey(accountId: string, userName: string): LocalKey {
  const digest = createHash('sha256').update(`crossgate local key ${accountId}/${userName}`).digest();
  let id = 'AKIA';
  for (let i = 0; id.length < 20; i++) id += BASE32[digest[i]! % 32];
  return { accessKeyId: id, secretAccessKey: secret(`crossgate local secret ${accountId}/${userName}`) };
}

/** The keys of a user as the embedded AWS holds them: its own, or for an imported user without any, the local one. */
export function estateUserKeys(estate: Estate, accountId: string, user: { name: string; accessKeys?: LocalKey[] }): LocalKey[] {
  if (user.accessKeys?.length) return user.accessKeys;
  return estate.imported ? [localUserKey(accountId, user.name)] : [];
}

/** Every local secret an estate brings (for redaction). */
export function localSecrets(estate: Estate): string[] {
  const out: string[] = [];
  for (const a of estate.accounts) {
    out.push(localAdministratorKey(a.id).secretAccessKey);
    for (const u of a.users ?? []) for (const k of estateUserKeys(estate, a.id, u)) out.push(k.secretAccessKey);
  }
  return out;
}
