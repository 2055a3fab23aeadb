/**
 * IAM Access Analyzer's policy-check vocabulary, in AWS's own words and shapes
 * (service model accessanalyzer 2019-11-01).
 */

export const POLICY_TYPES = ['IDENTITY_POLICY', 'RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const VALIDATE_POLICY_RESOURCE_TYPES = [
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::DynamoDB::Table',
] as const;
export type ValidatePolicyResourceType = (typeof VALIDATE_POLICY_RESOURCE_TYPES)[number];

export const LOCALES = ['DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'KO', 'PT_BR', 'ZH_CN', 'ZH_TW'] as const;
export type Locale = (typeof LOCALES)[number];

export const FINDING_TYPES = ['ERROR', 'SECURITY_WARNING', 'SUGGESTION', 'WARNING'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export interface Position {
  /** From 1. */
  line: number;
  /** From 0. */
  column: number;
  /** From 0, in UTF-16 code units of the document. */
  offset: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** One step into the policy: an array index, an object key, the value of a key, or part of a string. */
export type PathElement = { index: number } | { key: string } | { value: string } | { substring: { start: number; length: number } };

export interface Location {
  path: PathElement[];
  span: Span;
}

export interface ValidatePolicyFinding {
  findingDetails: string;
  findingType: FindingType;
  issueCode: string;
  learnMoreLink: string;
  locations: Location[];
}

export const ACCESS_CHECK_POLICY_TYPES = ['IDENTITY_POLICY', 'RESOURCE_POLICY'] as const;
export type AccessCheckPolicyType = (typeof ACCESS_CHECK_POLICY_TYPES)[number];

export const ACCESS_CHECK_RESOURCE_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::Stream',
  'AWS::EFS::FileSystem',
  'AWS::OpenSearchService::Domain',
  'AWS::Kinesis::Stream',
  'AWS::Kinesis::StreamConsumer',
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3Express::DirectoryBucket',
  'AWS::S3::Glacier',
  'AWS::S3Outposts::Bucket',
  'AWS::S3Outposts::AccessPoint',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::S3Tables::TableBucket',
  'AWS::ApiGateway::RestApi',
  'AWS::CodeArtifact::Domain',
  'AWS::Backup::BackupVault',
  'AWS::CloudTrail::Dashboard',
  'AWS::CloudTrail::EventDataStore',
  'AWS::S3Tables::Table',
  'AWS::S3Express::AccessPoint',
] as const;
export type AccessCheckResourceType = (typeof ACCESS_CHECK_RESOURCE_TYPES)[number];

/** One entry of CheckAccessNotGranted's `access` list. */
export interface Access {
  actions?: readonly string[];
  resources?: readonly string[];
}

export type CheckResult = 'PASS' | 'FAIL';

export interface ReasonSummary {
  description: string;
  statementIndex?: number;
  statementId?: string;
  /** crossgate's explanation of the reason; not part of the API's answer. */
  detail?: string;
}

/** The answer of CheckAccessNotGranted, CheckNoNewAccess and CheckNoPublicAccess. */
export interface CheckOutcome {
  result: CheckResult;
  message: string;
  reasons: ReasonSummary[];
}

/** An input the checks cannot work on (the service answers ValidationException). */
export interface InputProblem {
  /** The request member at fault, e.g. 'policyDocument'. */
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: InputProblem };
