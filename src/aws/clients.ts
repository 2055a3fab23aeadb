/**
 * The one place that constructs AWS SDK clients. Against the embedded AWS the
 * endpoint is overridden; against real AWS the SDK's own resolution applies
 * (including AWS_ENDPOINT_URL_<SERVICE>).
 */
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials, Target } from './types.ts';

function common(target: Target, credentials: AwsCredentials) {
  return {
    region: target.region,
    credentials,
    maxAttempts: 3,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  };
}

export function stsClient(target: Target, credentials: AwsCredentials): STSClient {
  return new STSClient(common(target, credentials));
}

export function iamClient(target: Target, credentials: AwsCredentials): IAMClient {
  // IAM is global: its endpoint and signing region are us-east-1 whatever the run's region.
  return new IAMClient({ ...common(target, credentials), region: 'us-east-1' });
}

export function apiGatewayClient(target: Target, credentials: AwsCredentials): ApiGatewayV2Client {
  return new ApiGatewayV2Client(common(target, credentials));
}

export function accessAnalyzerClient(target: Target, credentials: AwsCredentials): AccessAnalyzerClient {
  return new AccessAnalyzerClient(common(target, credentials));
}
