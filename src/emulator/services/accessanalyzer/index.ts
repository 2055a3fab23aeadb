/**
 * IAM Access Analyzer (REST-JSON, signing name access-analyzer): ValidatePolicy,
 * CheckAccessNotGranted, CheckNoNewAccess and CheckNoPublicAccess, answered by
 * crossgate's analyzer (src/analyzer). Every malformed request is a
 * ValidationException; nothing a client sends ends in a 500.
 */
import { parseSigV4 } from '../../../sigv4/index.ts';
import { AwsError } from '../../errors.ts';
import { queryMembers } from '../../protocol/restJson.ts';
import type { ControlPlaneService } from '../types.ts';
import { ValidationException, authFailureReply, errorReply, jsonReply } from './errors.ts';
import { authorize, route } from './operations.ts';
import { analyzerPool } from './pool.ts';


export const accessAnalyzer: ControlPlaneService = {
  signingName: 'access-analyzer',
  async handle(call) {
    try {
      const op = route(call.wire.method, call.wire.path);
      const parsed = parseSigV4(call.wire);
      authorize(call, op, parsed.ok ? parsed.params.scope.region : call.state.region);
      const query = queryMembers(call.wire);
      const entries: Array<[string, string]> = [...query.keys()].map((k) => [k, query.get(k)!]);
      // Analysis runs in a worker thread: even a policy of a few kilobytes can take seconds to compare.
      const a = await analyzerPool().run(call.wire.path, call.body, entries);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': call.requestId };
      if (a.errorType !== undefined) headers['x-amzn-errortype'] = a.errorType;
      return { status: a.status, headers, body: a.body };
    } catch (err) {
      if (err instanceof AwsError) return errorReply(err, call.requestId);
      // Client data nested beyond the engine's stack is the client's fault, not the service's.
      if (err instanceof RangeError) return errorReply(new ValidationException('The request is too deeply nested to process.', 'other'), call.requestId);
      throw err;
    }
  },
  operationName(wire) {
    try {
      return route(wire.method.toUpperCase(), wire.path).name;
    } catch {
      return undefined;
    }
  },
  authFailure(reason, message, requestId) {
    return authFailureReply(reason, message, requestId);
  },
};
