/**
 * Stable stand-ins for values that exist only after deploy (an API id, a route id, a
 * generated physical name): derived from what names the resource (file, stack or module,
 * logical id or address) by SHA-256, so importing the same input twice gives the same
 * estate, and the estate's `imported.placeholders` says what each one stands for.
 */
import { createHash } from 'node:crypto';

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function derive(seed: string, alphabet: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[digest[i % digest.length]! % alphabet.length];
  return out;
}

/** A 10-character API id as API Gateway makes them ([a-z0-9]{10}). */
export function placeholderApiId(seed: string): string {
  return derive(`api:${seed}`, LOWER, 10);
}

/** A 7-character route id ([a-z0-9]{7}). */
export function placeholderRouteId(seed: string): string {
  return derive(`route:${seed}`, LOWER, 7);
}

/** The upper-case suffix CloudFormation appends to generated names; here 12 characters, derived, not random. */
export function nameSuffix(seed: string): string {
  return derive(`name:${seed}`, UPPER, 12);
}

/**
 * A physical name the way CloudFormation generates one when the template gives none:
 * `{stackName}-{logicalId}-{SUFFIX}`, at most `max` characters. CloudFormation's suffix is
 * random; crossgate's is derived from account, region, stack and logical id, so it is stable.
 * When too long, the stack name and the logical id are shortened, never the suffix.
 */
export function generatedName(stackName: string, logicalId: string, seed: string, max = 64): string {
  const suffix = nameSuffix(seed);
  let stack = stackName;
  let logical = logicalId;
  const room = max - suffix.length - 2;
  while (stack.length + logical.length > room) {
    if (stack.length >= logical.length) stack = stack.slice(0, -1);
    else logical = logical.slice(0, -1);
  }
  return `${stack}-${logical}-${suffix}`;
}

/** A 12-digit account id for an input that names none (stable, documented as a placeholder). */
export function placeholderAccountId(seed: string): string {
  return derive(`account:${seed}`, '0123456789', 12);
}
