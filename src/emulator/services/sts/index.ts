/** STS on the Query protocol, as its service model binds it. */
import stsModel from '../../models/sts.json' with { type: 'json' };
import type { ServiceModel } from '../../operation/model.ts';
import { queryService } from '../../operation/service.ts';
import { STS_OPERATIONS } from './operations.ts';

export const STS_MODEL = stsModel as ServiceModel;

export const sts = queryService({ model: STS_MODEL, operations: STS_OPERATIONS });
