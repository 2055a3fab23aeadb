export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the fifth colon. */
  resource: string;
}

/** The parts of an execute-api ARN: arn:<p>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path> */
export interface ExecuteApiArnParts {
  partition?: string; // default 'aws'
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  method: string;
  /** The request path without the stage, e.g. '/orders/42' or '/' */
  path: string;
}
