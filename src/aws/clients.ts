/**
 * The one place that constructs AWS SDK clients. Against the embedded AWS the
 * endpoint is overridden; against real AWS the SDK's own resolution applies
 * (including AWS_ENDPOINT_URL_<SERVICE>).
 *
 * Every client is bounded and fails closed (see callPolicy.ts): connection and
 * per-attempt timeouts, crossgate's retry strategy, and a check that each answer is
 * readable in the client's protocol before the SDK parses it (answerMiddleware.ts).
 *
 * Clients are kept for reuse, per credentials, service, target and call policy: a
 * client costs a few hundred microseconds to build and its keep-alive connections
 * more to open, and a run makes thousands of calls with a handful of principals.
 * Callers do not destroy them; closeClients() does, when the run ends.
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

interface Destroyable { destroy(): void }

/** At most this many clients are kept; the least recently used one goes first. */
export const MAX_CACHED_CLIENTS = 128;
const byCredentials = new WeakMap<AwsCredentials, Map<string, Destroyable>>();
interface Filed { credentials: AwsCredentials; key: string; endpoint?: string }
/** Every kept client, least recently used first (Map order), with where it is filed. */
const kept = new Map<Destroyable, Filed>();

function reused<C extends Destroyable>(service: string, target: Target, credentials: AwsCredentials, make: (policy: CallPolicy) => C): C {
  const policy = callPolicy();
  const key = JSON.stringify([service, target.kind, target.region, target.endpoint ?? null, policy]);
  let clients = byCredentials.get(credentials);
  if (!clients) byCredentials.set(credentials, (clients = new Map()));
  let client = clients.get(key) as C | undefined;
  if (client) {
    kept.delete(client);
  } else {
    client = make(policy);
    clients.set(key, client);
    if (kept.size >= MAX_CACHED_CLIENTS) {
      const [oldest, where] = kept.entries().next().value as [Destroyable, Filed];
      kept.delete(oldest);
      byCredentials.get(where.credentials)?.delete(where.key);
      oldest.destroy();
    }
  }
  kept.set(client, { credentials, key, endpoint: target.endpoint });
  return client;
}

/** Destroy the kept clients of a target (all, without one): their connections close. At the end of a run. */
export function closeClients(target?: Target): void {
  for (const [client, where] of kept) {
    if (target && where.endpoint !== target.endpoint) continue;
    kept.delete(client);
    byCredentials.get(where.credentials)?.delete(where.key);
    client.destroy();
  }
}

export function stsClient(target: Target, credentials: AwsCredentials): STSClient {
  return reused('sts', target, credentials, (policy) => checked(new STSClient(common(target, credentials, policy)), 'query', policy));
}

export function iamClient(target: Target, credentials: AwsCredentials): IAMClient {
  // IAM is global: its endpoint and signing region are us-east-1 whatever the run's region.
  return reused('iam', target, credentials, (policy) => checked(new IAMClient({ ...common(target, credentials, policy), region: 'us-east-1' }), 'query', policy));
}

export function apiGatewayClient(target: Target, credentials: AwsCredentials): ApiGatewayV2Client {
  return reused('apigateway', target, credentials, (policy) => checked(new ApiGatewayV2Client(common(target, credentials, policy)), 'restJson', policy));
}

export function accessAnalyzerClient(target: Target, credentials: AwsCredentials): AccessAnalyzerClient {
  return reused('access-analyzer', target, credentials, (policy) => checked(new AccessAnalyzerClient(common(target, credentials, policy)), 'restJson', policy));
}
