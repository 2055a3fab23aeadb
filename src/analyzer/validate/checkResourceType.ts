/**
 * Resource policies validated for a resource type (validatePolicyResourceType):
 * the actions and resource ARNs must be ones that type's policy can govern.
 * Reference sections "Error – Unsupported action in policy" (AWS KMS actions in an
 * Amazon S3 bucket policy) and "Error – Unsupported resource ARN in policy" (AWS KMS
 * ARNs in the Resource element of a bucket policy).
 */
import type { ValidatePolicyResourceType } from '../types.ts';
import { arnFields } from './checkResources.ts';
import type { Validation } from './context.ts';
import type { StringValue } from './values.ts';

interface TypeRule {
  service: string;
  /** Does the ARN (fields after 'arn:partition:service:') name a resource of this type? */
  resource: (region: string, account: string, resource: string) => boolean;
}

const WILD = /[*?]|\$\{/;
const any = (field: string) => WILD.test(field);

const RULES: Partial<Record<ValidatePolicyResourceType, TypeRule>> = {
  'AWS::S3::Bucket': { service: 's3', resource: (region, account, resource) => region === '' && account === '' && !/^accesspoint\//.test(resource) },
  'AWS::S3::AccessPoint': { service: 's3', resource: (region, _account, resource) => (region !== '' || any(region)) && /^(accesspoint|\*)/.test(resource) },
  'AWS::S3::MultiRegionAccessPoint': { service: 's3', resource: (region, _account, resource) => region === '' && /^(accesspoint|\*)/.test(resource) },
  'AWS::S3ObjectLambda::AccessPoint': { service: 's3-object-lambda', resource: (_region, _account, resource) => /^(accesspoint|\*)/.test(resource) },
  'AWS::DynamoDB::Table': { service: 'dynamodb', resource: (_region, _account, resource) => /^(table|\*)/.test(resource) },
};

function rule(v: Validation): TypeRule | undefined {
  if (v.policyType !== 'RESOURCE_POLICY' || v.resourceType === undefined || v.trustPolicy) return undefined;
  return RULES[v.resourceType];
}

export function checkActionForResourceType(v: Validation, value: StringValue): void {
  const r = rule(v);
  if (r === undefined || value.text === '*' || value.text.includes('${')) return;
  const service = value.text.split(':')[0] ?? '';
  if (any(service) || value.text.indexOf(':') < 0) return;
  if (service.toLowerCase() !== r.service) v.report('UNSUPPORTED_ACTION_IN_POLICY', value.path, value.node, { action: value.text, resourceType: v.resourceType as string });
}

export function checkResourceForResourceType(v: Validation, value: StringValue): void {
  const r = rule(v);
  if (r === undefined) return;
  const report = () => v.report('UNSUPPORTED_RESOURCE_ARN_IN_POLICY', value.path, value.node, { resourceType: v.resourceType as string });
  if (value.text === '*') {
    report();
    return;
  }
  const fields = arnFields(value.text);
  if (fields === undefined || fields[0] !== 'arn') return;
  const [, , service = '', region = '', account = '', resource = ''] = fields;
  if (any(service)) return;
  if (service !== r.service || !r.resource(region, account, resource)) report();
}

/** Keys a resource's own policy cannot use to any effect ("Suggestion – Irrelevant condition key in policy": s3:ResourceAccount in a bucket or access point policy). */
const IRRELEVANT: Partial<Record<ValidatePolicyResourceType, string[]>> = {
  'AWS::S3::Bucket': ['s3:resourceaccount'],
  'AWS::S3::AccessPoint': ['s3:resourceaccount'],
  'AWS::S3::MultiRegionAccessPoint': ['s3:resourceaccount'],
};

export function checkConditionKeyForResourceType(v: Validation, key: string, path: StringValue['path'], node: StringValue['node']): void {
  if (rule(v) === undefined || v.resourceType === undefined) return;
  if ((IRRELEVANT[v.resourceType] ?? []).includes(key.toLowerCase())) v.report('IRRELEVANT_CONDITION_KEY_IN_POLICY', path, node, { conditionKey: key, resourceType: v.resourceType });
}
