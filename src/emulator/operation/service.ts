/**
 * A control-plane service assembled from its model and its operation declarations,
 * one builder per protocol. Every request goes the same way: find the operation,
 * read its input by the model (constraints checked, every problem reported at once),
 * the operation's own checks, authorization, the handler, then the protocol's
 * serializer; errors in the protocol's shape.
 */
import { pathSegments, type WireRequest } from '../../sigv4/index.ts';
import type { AuthFailureReason } from '../authenticate.ts';
import { authorizeCall } from '../authorizeCall.ts';
import { AwsError } from '../errors.ts';
import { parseQueryRequest, queryAction, queryAuthError, queryErrorXml, queryResponseXml } from '../protocol/query.ts';
import { JsonAnswer, jsonReply, queryMembers } from '../protocol/restJson.ts';
import type { ControlPlaneCall, ControlPlaneService, Reply } from '../services/types.ts';
import type { Operation, OperationContext, OperationOutput } from './define.ts';
import type { ModelOperation, ServiceModel } from './model.ts';
import { Problems } from './problems.ts';
import { readQueryInput, readRestJsonInput, type InputObject } from './read.ts';

function bind(model: ServiceModel, operations: readonly Operation[]): Map<string, { op: Operation; model: ModelOperation }> {
  const out = new Map<string, { op: Operation; model: ModelOperation }>();
  for (const op of operations) {
    const bound = model.operations[op.name];
    if (bound === undefined) throw new Error(`${model.metadata.serviceId}: ${op.name} is not in the service model (run scripts/emulator-models.py)`);
    if (out.has(op.name)) throw new Error(`${model.metadata.serviceId}: ${op.name} is declared twice`);
    out.set(op.name, { op, model: bound });
  }
  return out;
}

function context(call: ControlPlaneCall, region: string): OperationContext {
  return {
    state: call.state, caller: call.caller, accountId: call.caller.identity.accountId,
    now: call.now, sourceIp: call.sourceIp, region, requestId: call.requestId,
  };
}

/** Checks, authorization and the handler: the part every protocol shares. */
function perform(op: Operation, ctx: OperationContext, input: InputObject, problems: Problems, invalid: (p: Problems) => AwsError, deniedCode: string, authorized = false): OperationOutput | Promise<OperationOutput> {
  if (problems.empty) op.check?.(input, problems, ctx);
  if (!problems.empty) throw invalid(problems);
  if (!authorized) authorize(op, ctx, input, deniedCode);
  return op.run(ctx, input);
}

function authorize(op: Operation, ctx: OperationContext, input: InputObject, deniedCode: string): void {
  const calls = op.authorization(ctx, input);
  for (const call of Array.isArray(calls) ? calls : [calls]) authorizeCall(ctx, call, deniedCode);
}

/** `value` handed to `then`, now or once the promise settles; errors of either kind to `fail`. */
function settle<T>(value: T | Promise<T>, then: (v: T) => Reply, fail: (err: unknown) => Reply): Reply | Promise<Reply> {
  if (value instanceof Promise) return value.then(then, fail);
  return then(value);
}

/* ---------------------------------------------------------------- Query */

export interface QueryServiceSpec {
  model: ServiceModel;
  /** Global services sign for one region (IAM: us-east-1); it is also aws:RequestedRegion. */
  signingRegion?: string;
  operations: readonly Operation[];
}

function xmlReply(status: number, body: string, requestId: string): Reply {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** A Query service (STS, IAM): form parameters in, <ActionResponse> XML out. */
export function queryService(spec: QueryServiceSpec): ControlPlaneService {
  const { model } = spec;
  const namespace = model.metadata.xmlNamespace!;
  const version = model.metadata.apiVersion;
  const operations = bind(model, spec.operations);
  const invalid = (p: Problems) => new AwsError('ValidationError', 400, p.summary());
  return {
    signingName: model.metadata.signingName ?? model.metadata.endpointPrefix,
    signingRegion: spec.signingRegion,
    operationName: queryAction,
    handle(call) {
      const fail = (err: unknown): Reply => {
        if (err instanceof AwsError) return xmlReply(err.status, queryErrorXml(err, namespace, call.requestId), call.requestId);
        throw err;
      };
      try {
        const query = parseQueryRequest(call.wire, call.headers['content-type'], call.body);
        const found = query.version === version ? operations.get(query.action) : undefined;
        if (!found) throw new AwsError('InvalidAction', 400, `Could not find operation ${query.action} for version ${query.version || 'NO_VERSION_SPECIFIED'}`);
        const problems = new Problems();
        const input = readQueryInput(model, found.model.input, query.params, problems);
        const ctx = context(call, spec.signingRegion ?? call.region);
        const output = perform(found.op, ctx, input, problems, invalid, 'AccessDenied');
        return settle(output, (o) => xmlReply(200, queryResponseXml(query.action, namespace, o as Exclude<typeof o, JsonAnswer>, call.requestId), call.requestId), fail);
      } catch (err) {
        return fail(err);
      }
    },
    authFailure(reason, message, requestId) {
      const err = queryAuthError(reason, message);
      return xmlReply(err.status, queryErrorXml(err, namespace, requestId), requestId);
    },
  };
}

/* ------------------------------------------------------------ REST-JSON */

export interface RestJsonServiceSpec {
  model: ServiceModel;
  operations: readonly Operation[];
  /** For a request without a usable signature: whether its path is addressed to this service. */
  addresses?(wire: WireRequest): boolean;
  /**
   * Authorize before the body is read (Access Analyzer's order: its operations are
   * authorized on the account whatever they are asked); `authorization` then gets no input.
   */
  authorizeFirst?: boolean;
  /** The service's errors, in its own words. */
  errors: {
    unknownOperation(method: string, path: string, served: readonly string[]): AwsError;
    unreadableBody(problem: 'syntax' | 'notObject', detail: string): AwsError;
    invalidInput(problems: Problems): AwsError;
    /** A request nested beyond the engine's stack (a client's fault). */
    tooDeep?(): AwsError;
    reply(err: AwsError, requestId: string): Reply;
    authFailure(reason: AuthFailureReason, message: string, requestId: string): Reply;
  };
}

interface Route {
  name: string;
  method: string;
  parts: string[];
}

/** Match segments against a URI template's parts ('v2', 'apis', '{apiId}'); returns the labels. */
function matchTemplate(parts: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith('{') && part.endsWith('}')) labels[part.slice(1, -1)] = segments[i]!;
    else if (part !== segments[i]) return undefined;
  }
  return labels;
}

/** A REST-JSON service (API Gateway v2, Access Analyzer): method and URI template in, JSON out. */
export function restJsonService(spec: RestJsonServiceSpec): ControlPlaneService {
  const { model, errors } = spec;
  const operations = bind(model, spec.operations);
  const routes: Route[] = [...operations.values()].map(({ op, model: m }) => ({
    name: op.name, method: m.http.method, parts: m.http.requestUri.split('?')[0]!.split('/').filter((s) => s !== ''),
  }));
  const served = routes.map((r) => r.name);
  const find = (wire: WireRequest): { route: Route; labels: Record<string, string> } | undefined => {
    const method = wire.method.toUpperCase();
    const segments = pathSegments(wire.path);
    if (segments === undefined) return undefined;
    for (const route of routes) {
      if (route.method !== method) continue;
      const labels = matchTemplate(route.parts, segments);
      if (labels) return { route, labels };
    }
    return undefined;
  };

  function readBody(raw: Buffer): Record<string, unknown> {
    const text = raw.toString('utf8');
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw errors.unreadableBody('syntax', (err as Error).message);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.unreadableBody('notObject', 'expected an object');
    return parsed as Record<string, unknown>;
  }

  function handle(call: ControlPlaneCall): Reply | Promise<Reply> {
    const found = find(call.wire);
    if (!found) throw errors.unknownOperation(call.wire.method.toUpperCase(), call.wire.path, served);
    const { op, model: bound } = operations.get(found.route.name)!;
    const method = found.route.method;
    const ctx = context(call, call.region);
    if (spec.authorizeFirst) authorize(op, ctx, {}, 'AccessDeniedException');
    const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? readBody(call.body) : {};
    const problems = new Problems();
    const input = readRestJsonInput(model, bound.input, { labels: found.labels, query: queryMembers(call.wire), body }, problems);
    const output = perform(op, ctx, input, problems, errors.invalidInput, 'AccessDeniedException', spec.authorizeFirst);
    return settle(output, (o) => (o instanceof JsonAnswer ? o.reply(call.requestId) : jsonReply(bound.http.responseCode ?? 200, o, call.requestId)), fail(call));
  }

  const fail = (call: ControlPlaneCall) => (err: unknown): Reply => {
    if (err instanceof AwsError) return errors.reply(err, call.requestId);
    if (err instanceof RangeError && errors.tooDeep) return errors.reply(errors.tooDeep(), call.requestId);
    throw err;
  };

  return {
    signingName: model.metadata.signingName ?? model.metadata.endpointPrefix,
    operationName: (wire) => find(wire)?.route.name,
    handle(call) {
      try {
        return handle(call);
      } catch (err) {
        return fail(call)(err);
      }
    },
    addresses: spec.addresses,
    authFailure: errors.authFailure,
  };
}
