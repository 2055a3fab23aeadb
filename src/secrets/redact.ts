/**
 * Redaction: nothing crossgate writes (reports, attachments, step errors, logs) may
 * carry a secret. Two nets, applied in this order:
 *
 * 1. an exact-value registry: every secret the process obtains (a principal's secret
 *    access key, an STS session's secret and token) is registered the moment it is
 *    obtained and scrubbed wherever it appears, however it is quoted;
 * 2. patterns for what a secret looks like next to its name: Authorization headers,
 *    SigV4 signatures, X-Amz-Signature / X-Amz-Security-Token / X-Amz-Credential
 *    parameters, secret access keys and session tokens after their key names (JSON,
 *    INI, env, XML), and values shaped like STS session tokens.
 *
 * The registry is per process: Cucumber's parallel workers each register what they
 * obtain and redact before they attach; the coordinator's formatters apply the
 * patterns (and the estate's keys) again before writing.
 */

export const REDACTED = '[REDACTED]';

/** Shorter strings are not registered: replacing them would shred ordinary text. */
const MIN_SECRET_LENGTH = 8;

const registry = new Set<string>();
let ordered: string[] = [];

function variants(value: string): string[] {
  const out = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  return [...out];
}

/** Scrub this value wherever it appears from now on (also URL- or JSON-escaped). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  let added = false;
  for (const v of variants(value)) {
    if (!registry.has(v)) {
      registry.add(v);
      added = true;
    }
  }
  // Longest first, so a value that contains another is replaced whole.
  if (added) ordered = [...registry].sort((a, b) => b.length - a.length);
}

/** Register the secret parts of a credential set (the access key id is not secret). */
export function registerCredentials(c: { secretAccessKey?: string; sessionToken?: string } | undefined): void {
  registerSecret(c?.secretAccessKey);
  registerSecret(c?.sessionToken);
}

/** For tests. */
export function clearRegisteredSecrets(): void {
  registry.clear();
  ordered = [];
}

/** What is between a key name and its value: a closing quote, ':' or '=', an opening quote. */
const SEP = String.raw`["']?\s*[:=]\s*["']?`;

const PATTERNS: [RegExp, string][] = [
  // A whole SigV4 Authorization value, wherever it appears.
  [/AWS4-HMAC-SHA256\s+Credential=[^\s,"']*,?\s*SignedHeaders=[^\s,"']*,?\s*Signature=[0-9a-fA-F]*/g, `AWS4-HMAC-SHA256 ${REDACTED}`],
  // Authorization header values: 'Authorization: …', '"authorization": "…"'.
  [new RegExp(String.raw`(\bauthorization${SEP})(?!\[REDACTED\])[^"'\r\n]+`, 'gi'), `$1${REDACTED}`],
  // Presigned-URL and header parameters.
  [new RegExp(String.raw`(\bX-Amz-(?:Signature|Security-Token|Credential)${SEP})(?!\[REDACTED\])[^&"'\s<>]+`, 'gi'), `$1${REDACTED}`],
  [/(\bSignature=)[0-9a-fA-F]{16,}/g, `$1${REDACTED}`],
  // Secret access keys after their names: env, INI, JSON, camelCase, XML.
  [new RegExp(String.raw`(\b(?:aws_?)?secret_?(?:access_?)?key${SEP})[A-Za-z0-9/+=]{16,}`, 'gi'), `$1${REDACTED}`],
  [/(<SecretAccessKey>)[^<]*(<\/SecretAccessKey>)/gi, `$1${REDACTED}$2`],
  // Session tokens after their names.
  [new RegExp(String.raw`(\b(?:aws_?)?(?:session|security)_?token${SEP})[A-Za-z0-9/+=%]{16,}`, 'gi'), `$1${REDACTED}`],
  [/(<SessionToken>)[^<]*(<\/SessionToken>)/gi, `$1${REDACTED}$2`],
  // Values shaped like STS session tokens (their known base64 prefixes) …
  [/\b(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|AQoDYXdzE|AQoJb3JpZ2luX2Vj)[A-Za-z0-9/+=%]{16,}/g, REDACTED],
  // … or any base64 run long enough to be one.
  [/[A-Za-z0-9+/]{200,}={0,2}/g, REDACTED],
];

/** Replace every registered secret and every secret-shaped value in a text. */
export function redact(text: string): string {
  let out = text;
  for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Property names whose values are secrets whatever they look like. */
const SECRET_KEY = /^(?:aws_?)?(?:secret_?(?:access_?)?key|session_?token|security_?token|x-amz-security-token|x-amz-signature|x-amz-credential|authorization|password)$/i;

/** A deep copy of plain data (objects, arrays, strings) with every secret replaced. */
export function redactDeep<T>(value: T): T {
  return walk(value, 0) as T;
}

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && typeof v === 'string' && v !== '' ? REDACTED : walk(v, depth + 1);
  }
  return out;
}

/**
 * Scrub an error in place (message, stack, and string or plain-data properties such as
 * an assertion's actual/expected) so that reporters that print it print no secret.
 * Returns the error, or a redacted string if a string was thrown.
 */
export function redactError<E>(err: E, depth = 0): E {
  if (typeof err === 'string') return redact(err) as E;
  if (!(err instanceof Error) || depth > 3) return err;
  const e = err as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(err)) {
    const v = e[key];
    try {
      if (typeof v === 'string') e[key] = SECRET_KEY.test(key) ? REDACTED : redact(v);
      else if (v instanceof Error) redactError(v, depth + 1);
      else if (Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)) e[key] = redactDeep(v);
    } catch {
      // a read-only property: leave it (message and stack are writable)
    }
  }
  return err;
}
