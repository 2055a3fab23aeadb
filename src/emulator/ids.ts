import { createHash, randomBytes, randomFillSync, randomUUID } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Deterministic upper-case id from a seed, as IAM's unique ids look: prefix + 17 chars. */
export function iamUniqueId(prefix: 'AIDA' | 'AROA' | 'ANPA', seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = prefix;
  for (let i = 0; out.length < 21; i++) out += BASE32[digest[i]! % 32];
  return out;
}

// Fresh ids, keys and tokens are drawn from a pool of random bytes refilled 4 KiB at a
// time: one call to the CSPRNG per many requests instead of several per request. The
// bytes returned are a view into the pool: callers use them at once.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function pooledRandom(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

/** A fresh temporary access key id: ASIA + 16 chars. */
export function sessionAccessKeyId(): string {
  const bytes = pooledRandom(16);
  let out = 'ASIA';
  for (const b of bytes) out += BASE32[b % 32];
  return out;
}

/** A fresh long-term access key id: AKIA + 16 chars. */
export function longTermAccessKeyId(): string {
  const bytes = randomBytes(16);
  let out = 'AKIA';
  for (const b of bytes) out += BASE32[b % 32];
  return out;
}

/** A fresh HTTP API id: 10 lower-case letters and digits, as API Gateway's. */
export function httpApiId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (const b of randomBytes(10)) out += alphabet[b % alphabet.length];
  return out;
}

/** 40 characters, the shape of a secret access key. */
export function secretAccessKey(): string {
  return pooledRandom(30).toString('base64').replace(/[^A-Za-z0-9+/]/g, 'A').slice(0, 40);
}

/** An opaque session token. Long and base64, like STS's. */
export function sessionToken(): string {
  return 'IQoJb3JpZ2luX2VjE' + pooledRandom(192).toString('base64');
}

export function requestId(): string {
  return randomUUID();
}

/** API Gateway's apigw-requestid looks like 'Xyz12abcIAMEb0Q='. */
export function apigwRequestId(): string {
  return pooledRandom(12).toString('base64').replace(/[+/]/g, 'x').slice(0, 15) + '=';
}

/** A 7-character lower-case id, as API Gateway v2 route and integration ids. */
export function shortId(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; out.length < 7; i++) out += alphabet[digest[i]! % alphabet.length];
  return out;
}
