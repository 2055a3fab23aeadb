import { AwsError } from '../../errors.ts';
import { parseQueryRequest, queryAuthError, queryErrorXml, queryResponseXml } from '../../protocol/query.ts';
import type { ControlPlaneService, Reply } from '../types.ts';
import { handleSts, STS_NAMESPACE } from './handler.ts';

function xmlReply(status: number, body: string, requestId: string): Reply {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export const sts: ControlPlaneService = {
  signingName: 'sts',
  handle(call) {
    try {
      const query = parseQueryRequest(call.wire, call.headers['content-type'], call.body);
      const result = handleSts(call.state, call.caller, query, call.now, call.sourceIp);
      return xmlReply(200, queryResponseXml(query.action, STS_NAMESPACE, result, call.requestId), call.requestId);
    } catch (err) {
      if (err instanceof AwsError) return xmlReply(err.status, queryErrorXml(err, STS_NAMESPACE, call.requestId), call.requestId);
      throw err;
    }
  },
  authFailure(reason, message, requestId) {
    const err = queryAuthError(reason, message);
    return xmlReply(err.status, queryErrorXml(err, STS_NAMESPACE, requestId), requestId);
  },
};
