/**
 * The one place that constructs AWS SDK clients. Against the embedded AWS the
 * endpoint is overridden; against real AWS the SDK's own resolution applies
 * (including AWS_ENDPOINT_URL_<SERVICE>).
 *
 * Every client is bounded and fails closed (see callPolicy.ts): connection and
 * per-attempt timeouts, crossgate's retry strategy, and a check that each answer is
 * readable in the client's protocol before the SDK parses it (answerMiddleware.ts).
 */
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { ANSWER_MIDDLEWARE_OPTIONS, answerMiddleware } from './answerMiddleware.ts';
import type { AnswerProtocol } from './answers.ts';
import { callPolicy, type CallPolicy } from './callPolicy.ts';
import { BackoffRetryStrategy } from './retryStrategy.ts';
import type { AwsCredentials, Target } from './types.ts';

function common(target: Target, credentials: AwsCredentials, policy: CallPolicy) {
  return {
    region: target.region,
    credentials,
    maxAttempts: policy.maxAttempts,
    retryStrategy: new BackoffRetryStrategy(policy),
    requestHandler: {
      connectionTimeout: policy.connectTimeoutMs,
      requestTimeout: policy.requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: policy.requestTimeoutMs,
    },
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  };
}

interface StackOwner {
  middlewareStack: { add(middleware: never, options: typeof ANSWER_MIDDLEWARE_OPTIONS): void };
}

function checked<C extends StackOwner>(client: C, protocol: AnswerProtocol, policy: CallPolicy): C {
  client.middlewareStack.add(answerMiddleware(protocol, policy) as never, ANSWER_MIDDLEWARE_OPTIONS);
  return client;
}

export function stsClient(target: Target, credentials: AwsCredentials): STSClient {
  const policy = callPolicy();
  return checked(new STSClient(common(target, credentials, policy)), 'query', policy);
}

export function iamClient(target: Target, credentials: AwsCredentials): IAMClient {
  const policy = callPolicy();
  // IAM is global: its endpoint and signing region are us-east-1 whatever the run's region.
  return checked(new IAMClient({ ...common(target, credentials, policy), region: 'us-east-1' }), 'query', policy);
}

export function apiGatewayClient(target: Target, credentials: AwsCredentials): ApiGatewayV2Client {
  const policy = callPolicy();
  return checked(new ApiGatewayV2Client(common(target, credentials, policy)), 'restJson', policy);
}

export function accessAnalyzerClient(target: Target, credentials: AwsCredentials): AccessAnalyzerClient {
  const policy = callPolicy();
  return checked(new AccessAnalyzerClient(common(target, credentials, policy)), 'restJson', policy);
}
