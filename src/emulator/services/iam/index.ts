import { AwsError } from '../../errors.ts';
import { parseQueryRequest, queryAction, queryAuthError, queryErrorXml, queryResponseXml } from '../../protocol/query.ts';
import iamModel from '../../models/iam.json' with { type: 'json' };
import type { ServiceModel } from '../../operation/model.ts';
import type { ControlPlaneService, Reply } from '../types.ts';

export const IAM_MODEL = iamModel as ServiceModel;
import { handleIam, IAM_NAMESPACE } from './handler.ts';

export { IAM_OPERATIONS } from './operations/index.ts';

function xmlReply(status: number, body: string, requestId: string): Reply {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export const iam: ControlPlaneService = {
  signingName: 'iam',
  signingRegion: 'us-east-1',
  operationName(wire, body) {
    return queryAction(wire, body);
  },
  async handle(call) {
    try {
      const query = parseQueryRequest(call.wire, call.headers['content-type'], call.body);
      const result = await handleIam(call.state, call.caller, query, call.now, call.sourceIp);
      return xmlReply(200, queryResponseXml(query.action, IAM_NAMESPACE, result, call.requestId), call.requestId);
    } catch (err) {
      if (err instanceof AwsError) return xmlReply(err.status, queryErrorXml(err, IAM_NAMESPACE, call.requestId), call.requestId);
      throw err;
    }
  },
  authFailure(reason, message, requestId) {
    const err = queryAuthError(reason, message);
    return xmlReply(err.status, queryErrorXml(err, IAM_NAMESPACE, requestId), requestId);
  },
};
