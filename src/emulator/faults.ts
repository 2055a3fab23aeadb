/**
 * Fault injection: the embedded AWS can make chosen operations fail the way AWS and
 * networks do — 5xx, throttling, answers too slow for the client's timeout, connection
 * resets, bodies cut short or garbled, a required member missing, another content type
 * — for the first N calls (transient) or for every call (persistent). Tests use it to
 * prove that crossgate fails closed; `crossgate serve --faults FILE` and
 * CROSSGATE_FAULTS (for runs) switch it on.
 *
 * A plan (JSON):
 *   { "faults": [ { "service": "sts", "operation": "AssumeRole", "fault": "throttling", "times": 2 },
 *                 { "service": "execute-api", "operation": "GET /orders*", "fault": "reset" } ],
 *     "log": "faults.ndjson" }
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { UserError } from '../util/userError.ts';
import type { Reply } from './services/types.ts';

export const FAULT_KINDS = ['serverError', 'throttling', 'slow', 'reset', 'truncated', 'malformed', 'missingFields', 'wrongContentType'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_SERVICES = ['sts', 'iam', 'apigateway', 'access-analyzer', 'execute-api', '*'] as const;

export interface FaultRule {
  /** A control-plane signing name, 'execute-api', or '*'. */
  service: string;
  /**
   * Query: the Action; REST-JSON: the operation name (GetRoutes, ValidatePolicy …);
   * execute-api: 'METHOD /path' as sent. '*' matches any run of characters. Default '*'.
   */
  operation?: string;
  fault: FaultKind;
  /** Transient: only the first N matching calls get the fault. Absent: every call (persistent). */
  times?: number;
  /** With times: count the N calls separately for each operation the rule matches. */
  perOperation?: boolean;
  /** slow: how long the answer is held back (default 60 s: past any client's timeout). */
  delayMs?: number;
  /** serverError: 500, 502, 503 or 504 (default 500). */
  status?: number;
}

export interface FaultPlan {
  faults: FaultRule[];
  /** Append one JSON line per injected fault to this file. */
  log?: string;
}

/** One fault as it was injected: what, where, when (ms since the epoch). */
export interface FaultEvent {
  at: number;
  service: string;
  operation: string;
  fault: FaultKind;
  /** Which matching call of its rule this was (1-based). */
  call: number;
}

/** How a service speaks, for faults that must look like that service's errors. */
export type FaultProtocol =
  | { kind: 'query'; namespace: string }
  | { kind: 'restJson'; throttlingCode: string }
  | { kind: 'executeApi' };

const KEYS = new Set(['service', 'operation', 'fault', 'times', 'perOperation', 'delayMs', 'status']);

/** Validate a plan; every problem names its place in the plan. */
export function parseFaultPlan(data: unknown, source: string): FaultPlan {
  const problems: string[] = [];
  const fail = (path: string, message: string) => problems.push(`${source}: ${path}: ${message}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UserError(`${source}: /: a fault plan is an object with "faults"`);
  const plan = data as Record<string, unknown>;
  for (const k of Object.keys(plan)) if (k !== 'faults' && k !== 'log') fail(`/${k}`, 'unknown member (a plan has "faults" and "log")');
  if (plan.log !== undefined && typeof plan.log !== 'string') fail('/log', 'must be a file path');
  if (!Array.isArray(plan.faults)) {
    fail('/faults', 'must be a list of rules');
  } else {
    plan.faults.forEach((r: unknown, i) => {
      const p = `/faults/${i}`;
      if (typeof r !== 'object' || r === null || Array.isArray(r)) return fail(p, 'must be an object');
      const rule = r as Record<string, unknown>;
      for (const k of Object.keys(rule)) if (!KEYS.has(k)) fail(`${p}/${k}`, `unknown member (known: ${[...KEYS].join(', ')})`);
      if (!FAULT_SERVICES.includes(rule.service as never)) fail(`${p}/service`, `must be one of ${FAULT_SERVICES.join(', ')}`);
      if (rule.operation !== undefined && (typeof rule.operation !== 'string' || rule.operation === '')) fail(`${p}/operation`, 'must be a non-empty string');
      if (!FAULT_KINDS.includes(rule.fault as never)) fail(`${p}/fault`, `must be one of ${FAULT_KINDS.join(', ')}`);
      if (rule.fault === 'missingFields' && rule.service === 'execute-api') fail(`${p}/fault`, "missingFields applies to control-plane answers; execute-api answers are the integration's");
      if (rule.times !== undefined && (!Number.isInteger(rule.times) || (rule.times as number) < 1)) fail(`${p}/times`, 'must be a whole number ≥ 1');
      if (rule.perOperation !== undefined && typeof rule.perOperation !== 'boolean') fail(`${p}/perOperation`, 'must be true or false');
      if (rule.delayMs !== undefined && (!Number.isInteger(rule.delayMs) || (rule.delayMs as number) < 0 || (rule.delayMs as number) > 600_000)) fail(`${p}/delayMs`, 'must be a whole number of milliseconds up to 600000');
      if (rule.status !== undefined && ![500, 502, 503, 504].includes(rule.status as number)) fail(`${p}/status`, 'must be 500, 502, 503 or 504');
    });
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  return plan as unknown as FaultPlan;
}

/** A plan from inline JSON (starts with '{') or from a file. */
export function loadFaultPlan(spec: string, label = 'fault plan'): FaultPlan {
  const inline = spec.trimStart().startsWith('{');
  if (!inline && !existsSync(spec)) throw new UserError(`${label}: no such file: ${spec}`);
  const source = inline ? label : spec;
  let data: unknown;
  try {
    data = JSON.parse(inline ? spec : readFileSync(spec, 'utf8'));
  } catch (err) {
    throw new UserError(`${source}: not JSON: ${(err as Error).message}`);
  }
  return parseFaultPlan(data, source);
}

function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(value);
}

/** Decides, call by call, which fault (if any) a request gets, and records what was injected. */
export class FaultInjector {
  private readonly counts = new Map<string, number>();
  readonly injected: FaultEvent[] = [];

  constructor(
    readonly plan: FaultPlan,
    private readonly onInjected?: (e: FaultEvent) => void,
  ) {}

  private key(index: number, rule: FaultRule, service: string, operation: string): string {
    return rule.perOperation ? `${index}|${service}|${operation}` : String(index);
  }

  /** The first rule that matches the call and has budget left (nothing is counted yet). */
  match(service: string, operation: string): { rule: FaultRule; index: number } | undefined {
    for (const [index, rule] of this.plan.faults.entries()) {
      if (rule.service !== '*' && rule.service !== service) continue;
      if (!globMatches(rule.operation ?? '*', operation)) continue;
      if (rule.fault === 'missingFields' && service === 'execute-api') continue;
      if (rule.times !== undefined && (this.counts.get(this.key(index, rule, service, operation)) ?? 0) >= rule.times) continue;
      return { rule, index };
    }
    return undefined;
  }

  /** Count and log a fault that was injected (one that changed nothing is not). */
  record(m: { rule: FaultRule; index: number }, service: string, operation: string): FaultEvent {
    const key = this.key(m.index, m.rule, service, operation);
    const call = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, call);
    const event: FaultEvent = { at: Date.now(), service, operation, fault: m.rule.fault, call };
    this.injected.push(event);
    if (this.plan.log) appendFileSync(this.plan.log, `${JSON.stringify(event)}\n`);
    this.onInjected?.(event);
    return event;
  }
}

const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in to continue</title></head><body><h1>Network sign-in required</h1><p>Your request was intercepted.</p></body></html>\n';

function queryError(ns: string, type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

const SERVER_ERRORS: Record<number, { query: string; json: string; message: string }> = {
  500: { query: 'InternalFailure', json: 'InternalServerException', message: 'Internal Server Error' },
  502: { query: 'InternalFailure', json: 'InternalServerException', message: 'Bad Gateway' },
  503: { query: 'ServiceUnavailable', json: 'ServiceUnavailableException', message: 'Service Unavailable' },
  504: { query: 'InternalFailure', json: 'InternalServerException', message: 'Gateway Timeout' },
};

/** The answer of a fault that replaces the service's answer: 5xx, throttling, a proxy's page. */
export function faultAnswer(rule: FaultRule, protocol: FaultProtocol, requestId: string): Reply {
  const ids: Record<string, string> = protocol.kind === 'executeApi' ? { 'apigw-requestid': requestId, 'x-amzn-requestid': requestId } : { 'x-amzn-requestid': requestId };
  switch (rule.fault) {
    case 'serverError': {
      const status = rule.status ?? 500;
      const e = SERVER_ERRORS[status]!;
      if (protocol.kind === 'query') return { status, headers: { 'content-type': 'text/xml', ...ids }, body: queryError(protocol.namespace, 'Receiver', e.query, e.message, requestId) };
      if (protocol.kind === 'restJson') return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': e.json, ...ids }, body: JSON.stringify({ message: e.message }) };
      return { status, headers: { 'content-type': 'application/json', ...ids }, body: JSON.stringify({ message: e.message }) };
    }
    case 'throttling':
      if (protocol.kind === 'query') return { status: 400, headers: { 'content-type': 'text/xml', ...ids }, body: queryError(protocol.namespace, 'Sender', 'Throttling', 'Rate exceeded', requestId) };
      if (protocol.kind === 'restJson') return { status: 429, headers: { 'content-type': 'application/json', 'x-amzn-errortype': protocol.throttlingCode, ...ids }, body: JSON.stringify({ message: 'Rate exceeded' }) };
      return { status: 429, headers: { 'content-type': 'application/json', ...ids }, body: JSON.stringify({ message: 'Too Many Requests' }) };
    case 'wrongContentType':
      // Something between client and AWS answered instead: no AWS headers, not AWS's format.
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML_PAGE };
    default:
      throw new Error(`fault ${rule.fault} does not replace the answer`);
  }
}

/** Faults that replace the answer without asking the service. */
export function replacesAnswer(kind: FaultKind): boolean {
  return kind === 'serverError' || kind === 'throttling' || kind === 'wrongContentType';
}

/** Faults that damage the service's own answer; undefined when there is nothing to damage. */
export function damageAnswer(rule: FaultRule, reply: Reply): Reply | undefined {
  const xml = /xml/.test(reply.headers['content-type'] ?? '');
  switch (rule.fault) {
    case 'truncated': {
      if (reply.body.length < 2) return undefined;
      return { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
    }
    case 'malformed': {
      // Plausible breakage that lenient parsers might still read: closing tags lost, JSON quoted wrongly.
      const body = xml ? reply.body.replace(/<\/[^>]+>/g, '') : reply.body === '' ? '{' : reply.body.replace(/"/g, "'");
      return body === reply.body ? undefined : { ...reply, body };
    }
    case 'missingFields': {
      if (reply.status >= 300) return undefined;
      const body = xml ? reply.body.replace(/<(\w+Result)>[\s\S]*<\/\1>/, '<$1></$1>') : reply.body.trim() === '' ? '' : '{}';
      return body === reply.body ? undefined : { ...reply, body };
    }
    default:
      return undefined;
  }
}

/** slow: the default hold, past any client's timeout. */
export const DEFAULT_SLOW_MS = 60_000;
