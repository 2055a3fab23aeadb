/** IAM on the Query protocol, as its service model binds it; a global service, signed for us-east-1. */
import iamModel from '../../models/iam.json' with { type: 'json' };
import type { ServiceModel } from '../../operation/model.ts';
import { queryService } from '../../operation/service.ts';
import { IAM_OPERATIONS } from './operations/index.ts';

export { IAM_OPERATIONS } from './operations/index.ts';

export const IAM_MODEL = iamModel as ServiceModel;

export const iam = queryService({ model: IAM_MODEL, signingRegion: 'us-east-1', operations: [...IAM_OPERATIONS.values()] });
