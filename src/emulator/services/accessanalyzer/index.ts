/**
 * IAM Access Analyzer (REST-JSON, signing name access-analyzer): ValidatePolicy,
 * CheckAccessNotGranted, CheckNoNewAccess and CheckNoPublicAccess, as its service
 * model binds them, answered by crossgate's analyzer (src/analyzer) in a worker
 * thread. Authorized first, then read; every malformed request is a
 * ValidationException, and nothing a client sends ends in a 500.
 */
import accessAnalyzerModel from '../../models/accessanalyzer.json' with { type: 'json' };
import type { ServiceModel } from '../../operation/model.ts';
import { restJsonService } from '../../operation/service.ts';
import { ValidationException, authFailureReply, errorReply } from './errors.ts';
import { ACCESS_ANALYZER_OPERATIONS } from './operations.ts';

export const ACCESS_ANALYZER_MODEL = accessAnalyzerModel as ServiceModel;

export const accessAnalyzer = restJsonService({
  model: ACCESS_ANALYZER_MODEL,
  operations: ACCESS_ANALYZER_OPERATIONS,
  authorizeFirst: true,
  errors: {
    unknownOperation: (method, path) => new ValidationException(`No operation matches ${method} ${path.slice(0, 200)}`, 'unknownOperation'),
    unreadableBody: (problem) =>
      new ValidationException(problem === 'syntax' ? 'Unable to parse the request body as JSON.' : 'The request body must be a JSON object.', 'cannotParse'),
    invalidInput: (problems) => ValidationException.fields(problems.list.map((p) => ({ name: p.at, message: p.message }))),
    tooDeep: () => new ValidationException('The request is too deeply nested to process.', 'other'),
    reply: errorReply,
    authFailure: authFailureReply,
  },
});
