/**
 * Is an answer readable at all? Pure checks of status, headers and body bytes, made
 * before anything is read from an answer: a body cut short, garbled, or of another
 * content type (a proxy's HTML page) is never parsed leniently into a verdict.
 * Each returns a one-line problem, or undefined when the answer may be read.
 */
import { XMLValidator } from 'fast-xml-parser';

/** Control-plane wire protocols: Query (STS, IAM) answers in XML, REST-JSON in JSON. */
export type AnswerProtocol = 'query' | 'restJson';

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function describeContentType(type: string | undefined): string {
  return type ? `content type ${type}` : 'no content type';
}

/** The validator's message in a few words: "Invalid '[ "A", "B" ]' found." lists the elements left open. */
function xmlProblem(msg: string): string {
  const open = /^Invalid '\[([^\]]*)\]' found/.exec(msg);
  const words = open ? `elements left open: ${open[1]!.replace(/[\s"]+/g, ' ').trim().replace(/ ,/g, ',')}` : msg.replace(/\s+/g, ' ');
  // Kept short, and free of " at ": stack-trace parsers take such lines for frames.
  return words.replace(/\bat\b/g, 'in').slice(0, 160);
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return `the body is not valid JSON (${(err as Error).message.replace(/\bat\b/g, 'in')}; ${text.length} bytes)`;
  }
}

/** A control-plane answer (any status): Query answers are well-formed XML, REST-JSON answers JSON. */
export function controlPlaneAnswerProblem(protocol: AnswerProtocol, status: number, headers: Record<string, string | undefined>, body: Uint8Array): string | undefined {
  const type = header(headers, 'content-type');
  const text = Buffer.from(body).toString('utf8');
  if (protocol === 'query') {
    if (text.trim() === '') return `HTTP ${status} with an empty body, where the Query protocol answers in XML`;
    if (!/xml/i.test(type ?? '')) return `HTTP ${status} with ${describeContentType(type)}, where the Query protocol answers in XML`;
    const valid = XMLValidator.validate(text);
    if (valid !== true) return `the body is not well-formed XML (${xmlProblem(valid.err.msg)}, line ${valid.err.line}; ${text.length} bytes)`;
    return undefined;
  }
  if (text.trim() === '') return undefined; // e.g. 204 No Content
  if (!/json/i.test(type ?? '')) return `HTTP ${status} with ${describeContentType(type)}, where the service answers in JSON`;
  return jsonProblem(text);
}

/**
 * An execute-api answer. It must come from API Gateway (which stamps every answer,
 * its own refusals and the integration's responses alike, with a request id); a JSON
 * body must parse; an API Gateway error must carry its JSON message.
 */
export function executeApiAnswerProblem(status: number, headers: Record<string, string | undefined>, body: string): string | undefined {
  const type = header(headers, 'content-type');
  if (!header(headers, 'apigw-requestid') && !header(headers, 'x-amzn-requestid')) {
    return `HTTP ${status} with ${describeContentType(type)} and no apigw-requestid: the answer did not come from API Gateway`;
  }
  const errorType = header(headers, 'x-amzn-errortype');
  if (errorType !== undefined) {
    if (!/json/i.test(type ?? '')) return `an API Gateway error (${errorType}) with ${describeContentType(type)}, not JSON`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (err) {
      return `an API Gateway error (${errorType}) whose body is not valid JSON (${(err as Error).message.replace(/\bat\b/g, 'in')}; ${body.length} bytes)`;
    }
    if (typeof (parsed as { message?: unknown } | null)?.message !== 'string') return `an API Gateway error (${errorType}) without a message`;
    return undefined;
  }
  if (/json/i.test(type ?? '') && body.trim() !== '') return jsonProblem(body);
  return undefined;
}
