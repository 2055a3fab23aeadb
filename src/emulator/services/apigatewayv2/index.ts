/**
 * API Gateway v2 (signing name 'apigateway') on REST-JSON, as its service model binds
 * it: each operation by method and URI template, in the caller's account and the
 * request's region.
 */
import apigatewayv2Model from '../../models/apigatewayv2.json' with { type: 'json' };
import { AwsError } from '../../errors.ts';
import type { ServiceModel } from '../../operation/model.ts';
import { restJsonService } from '../../operation/service.ts';
import { jsonErrorReply, restJsonAuthError } from '../../protocol/restJson.ts';
import { NotFoundError } from './model.ts';
import { APIGATEWAYV2_OPERATIONS } from './operations.ts';

export { APIGATEWAYV2_OPERATIONS } from './operations.ts';

export const APIGATEWAYV2_MODEL = apigatewayv2Model as ServiceModel;

const badRequest = (message: string) => new AwsError('BadRequestException', 400, message);

export const apigateway = restJsonService({
  model: APIGATEWAYV2_MODEL,
  operations: APIGATEWAYV2_OPERATIONS,
  addresses: (wire) => wire.path === '/v2' || wire.path.startsWith('/v2/'),
  errors: {
    unknownOperation: (method, path, served) =>
      new AwsError('NotFoundException', 404, `The embedded AWS does not serve ${method} ${path} (API Gateway v2 operations served: ${served.join(', ')})`),
    unreadableBody: (_problem, detail) => badRequest(`Could not parse request body into json: ${detail}`),
    invalidInput: (problems) => badRequest(problems.summary()),
    reply: (err, requestId) => jsonErrorReply(err, requestId, err instanceof NotFoundError ? { resourceType: err.resourceType } : {}),
    authFailure: (reason, message, requestId) => jsonErrorReply(restJsonAuthError(reason, message), requestId),
  },
});
