/**
 * The AWS Query protocol (STS, IAM): form-encoded parameters in, XML out.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { parseQueryString, queryParameters, type WireRequest } from '../../sigv4/index.ts';
import { AwsError } from '../errors.ts';

/** The longest list index read ('Name.member.999999999'); longer digit runs are not list members. */
const MAX_INDEX_DIGITS = 9;
const MEMBER = '.member.';

/**
 * A Query request's parameters: one map, built in one pass, so every lookup is
 * O(1) and every list is found without scanning (a request with tens of thousands
 * of members costs time in proportion to its size, not to its square).
 */
export class QueryParams {
  private readonly values = new Map<string, string>();
  /** List name → its member indexes (number → the digits as sent), built on first use. */
  private lists: Map<string, Map<number, string>> | undefined;

  /**
   * A parameter named twice is refused: the signature covers the pairs sorted, not
   * their order, so "the first one" would be a reading the signer never made.
   */
  constructor(entries: Iterable<readonly [string, string]>) {
    for (const [k, v] of entries) {
      if (this.values.has(k)) {
        throw new AwsError('MalformedQueryString', 400, `The parameter ${k.length > 128 ? `${k.slice(0, 128)}…` : k} appears more than once in the request.`);
      }
      this.values.set(k, v);
    }
  }

  static from(params: URLSearchParams | QueryParams): QueryParams {
    return params instanceof QueryParams ? params : new QueryParams(params.entries());
  }

  get(name: string): string | null {
    return this.values.get(name) ?? null;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  get size(): number {
    return this.values.size;
  }

  /**
   * The indexes N of 'name.member.N' and 'name.member.N.<anything>', ascending;
   * undefined when neither such a member nor 'name' itself is present.
   */
  memberIndexes(name: string): number[] | undefined {
    const found = this.listIndex().get(name);
    if (found === undefined) return this.values.has(name) ? [] : undefined;
    return [...found.keys()].sort((a, b) => a - b);
  }

  /** The key of member `n` of list `name` ('Tags.member.3'), as it was sent. */
  memberKey(name: string, n: number): string {
    return `${name}${MEMBER}${this.listIndex().get(name)?.get(n) ?? String(n)}`;
  }

  private listIndex(): Map<string, Map<number, string>> {
    if (this.lists !== undefined) return this.lists;
    const lists = new Map<string, Map<number, string>>();
    for (const key of this.values.keys()) {
      let at = key.indexOf(MEMBER);
      while (at > 0) {
        const start = at + MEMBER.length;
        let end = start;
        while (end < key.length && end - start <= MAX_INDEX_DIGITS && key.charCodeAt(end) >= 0x30 && key.charCodeAt(end) <= 0x39) end++;
        const digits = key.slice(start, end);
        // Canonical decimal only ('1', not '01'), and followed by nothing or '.'.
        if (digits !== '' && digits.length <= MAX_INDEX_DIGITS && (digits === '0' || digits[0] !== '0') && (end === key.length || key[end] === '.')) {
          const list = key.slice(0, at);
          let indexes = lists.get(list);
          if (indexes === undefined) lists.set(list, (indexes = new Map()));
          indexes.set(Number(digits), digits);
        }
        at = key.indexOf(MEMBER, start);
      }
    }
    this.lists = lists;
    return lists;
  }
}

/** The Action a Query request names (query string first, then the form body), read from the one parse. */
export function queryAction(wire: Pick<WireRequest, 'query'>, body: Buffer): string {
  const fromQuery = queryParameters(wire).find((p) => p.key === 'Action')?.value;
  if (fromQuery) return fromQuery;
  return parseQueryString(body.toString('utf8')).find((p) => p.key === 'Action')?.value ?? '';
}

export interface QueryRequest {
  action: string;
  version: string;
  params: QueryParams;
}

/**
 * Parameters come from the query string (the parse the signature was verified on,
 * queryParameters.ts) and, for POST, the form body (covered by the payload hash).
 * Both are application/x-www-form-urlencoded: '+' is a space, '%2B' a plus.
 */
export function parseQueryRequest(wire: Pick<WireRequest, 'method' | 'query'>, contentType: string | undefined, body: Buffer): QueryRequest {
  const entries: Array<readonly [string, string]> = [];
  for (const p of queryParameters(wire)) entries.push([p.key, p.value]);
  if (wire.method === 'POST') {
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== '' && type !== 'application/x-www-form-urlencoded') {
      throw new AwsError('InvalidParameterValue', 400, `Unsupported content type for the Query protocol: ${type}`);
    }
    for (const p of parseQueryString(body.toString('utf8'))) entries.push([p.key, p.value]);
  }
  const params = new QueryParams(entries);
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 400, 'Missing Action');
  return { action, version: params.get('Version') ?? '', params };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false, suppressEmptyNode: false });

/**
 * Result members already written as XML (a long answer built a piece at a time, so
 * building it never holds the server); placed inside <ActionResult> as they are.
 */
export class RawXml {
  constructor(readonly xml: string) {}
}

/** One value as XML, the way queryResponseXml writes it (for building RawXml). */
export function xmlFragment(value: Record<string, unknown>): string {
  return builder.build(value) as string;
}

/** A successful Query response: <ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata/></ActionResponse>. */
export function queryResponseXml(action: string, namespace: string, result: Record<string, unknown> | RawXml | undefined, requestId: string): string {
  if (result instanceof RawXml) {
    const tail = builder.build({ ResponseMetadata: { RequestId: requestId } }) as string;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}"><${action}Result>${result.xml}</${action}Result>${tail}</${action}Response>`;
  }
  const body: Record<string, unknown> = { '@_xmlns': namespace };
  if (result !== undefined) body[`${action}Result`] = result;
  body.ResponseMetadata = { RequestId: requestId };
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ [`${action}Response`]: body });
}

/** Characters XML 1.0 cannot carry (messages may echo what a client sent) are written as escapes. */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A Query error: <ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>. */
export function queryErrorXml(err: AwsError, namespace: string, requestId: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({
    ErrorResponse: {
      '@_xmlns': namespace,
      Error: { Type: err.type, Code: err.code, Message: xmlSafe(err.message) },
      RequestId: requestId,
    },
  });
}

/** Map an authentication failure to the Query protocol's error (STS and IAM say it this way). */
export function queryAuthError(reason: string, message: string): AwsError {
  switch (reason) {
    case 'missingAuthentication':
      return new AwsError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
    case 'incompleteSignature':
      return new AwsError('IncompleteSignature', 400, message);
    case 'unsupportedAlgorithm':
      return new AwsError('IncompleteSignature', 400, message);
    case 'unknownAccessKey':
    case 'invalidSessionToken':
      return new AwsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    case 'expiredToken':
      return new AwsError('ExpiredToken', 400, 'The security token included in the request is expired');
    case 'signatureExpired':
    case 'signatureNotYetCurrent':
      return new AwsError('SignatureDoesNotMatch', 403, message);
    case 'scopeMismatch':
    case 'signatureMismatch':
      return new AwsError('SignatureDoesNotMatch', 403, message);
    default:
      return new AwsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
  }
}
