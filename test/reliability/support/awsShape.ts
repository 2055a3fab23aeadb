/**
 * Is a refusal AWS-shaped? A JSON body with a string "message" (execute-api,
 * REST-JSON services, malformed HTTP), or a Query ErrorResponse with Code and Message.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawAnswer } from './rawHttp.ts';

const xml = new XMLParser({ ignoreAttributes: false });

export function refusalProblem(a: RawAnswer): string | undefined {
  if (a.dropped) return 'the connection dropped without an answer';
  const type = a.headers['content-type'] ?? '';
  if (/json/.test(type)) {
    let body: unknown;
    try {
      body = JSON.parse(a.body);
    } catch {
      return `content type ${type} but the body is not JSON: ${a.body.slice(0, 120)}`;
    }
    if (typeof (body as { message?: unknown } | null)?.message !== 'string') return `a JSON error without a message: ${a.body.slice(0, 120)}`;
    if (a.status !== 400 && a.status !== 408 && a.status !== 431 && !a.headers['x-amzn-requestid'] && !a.headers['apigw-requestid']) return 'no request id header';
    return undefined;
  }
  if (/xml/.test(type)) {
    if (XMLValidator.validate(a.body) !== true) return `content type ${type} but the body is not well-formed XML: ${a.body.slice(0, 120)}`;
    const doc = xml.parse(a.body) as { ErrorResponse?: { Error?: { Code?: unknown; Message?: unknown }; RequestId?: unknown } };
    const e = doc.ErrorResponse?.Error;
    if (!e || typeof e.Code !== 'string' || e.Message === undefined) return `an XML answer that is not an ErrorResponse with Code and Message: ${a.body.slice(0, 160)}`;
    if (!doc.ErrorResponse?.RequestId) return 'an ErrorResponse without RequestId';
    return undefined;
  }
  return `content type '${type}' is neither JSON nor XML: ${a.body.slice(0, 120)}`;
}
