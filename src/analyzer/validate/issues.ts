/**
 * The policy checks crossgate runs for ValidatePolicy: AWS's issue codes, finding
 * types and programmatic finding details (IAM User Guide, "IAM policy validation
 * check reference"), with {placeholders} filled in per finding. Every code here is
 * one of the reference's (src/analyzer/reference.ts; a test holds them together):
 * checks crossgate wants that AWS does not make are crossgate steps, never
 * Access Analyzer findings.
 */
import { REFERENCE_PAGE, referenceCheck, referenceLink } from '../reference.ts';
import type { FindingType } from '../types.ts';

export interface IssueDefinition {
  type: FindingType;
  details: string;
}

export const ISSUES = {
  // Errors
  JSON_SYNTAX_ERROR: { type: 'ERROR', details: 'Fix the JSON syntax error at index {offset} line {line} column {column}.' },
  DATA_TYPE_MISMATCH: { type: 'ERROR', details: 'The text does not match the expected JSON data type {type}.' },
  INVALID_POLICY_ELEMENT: { type: 'ERROR', details: 'The policy element {element} is not valid.' },
  MISSING_STATEMENT: { type: 'ERROR', details: 'Add a statement to the policy' },
  MISSING_EFFECT: { type: 'ERROR', details: 'Add an Effect element to the policy statement with a value of Allow or Deny.' },
  INVALID_EFFECT: { type: 'ERROR', details: 'The effect {effect} is not valid. Use Allow or Deny.' },
  MISSING_ACTION: { type: 'ERROR', details: 'Add an Action or NotAction element to the policy statement.' },
  MISSING_RESOURCE: { type: 'ERROR', details: 'Add a Resource or NotResource element to the policy statement.' },
  MISSING_PRINCIPAL: { type: 'ERROR', details: 'Add a Principal element to the policy statement.' },
  UNSUPPORTED_ELEMENT_COMBINATION: { type: 'ERROR', details: 'The policy elements {element1} and {element2} can not be used in the same statement. Remove one of these elements.' },
  UNSUPPORTED_PRINCIPAL: { type: 'ERROR', details: 'The policy type {policyType} does not support the Principal element. Remove the Principal element.' },
  INVALID_VERSION: { type: 'ERROR', details: 'The version {version} is not valid. Use one of the following versions: {versions}' },
  INVALID_ACTION: { type: 'ERROR', details: 'The action {action} does not exist.{suggestion}' },
  INVALID_SERVICE_IN_ACTION: { type: 'ERROR', details: 'The service {service} specified in the action does not exist.{suggestion}' },
  INVALID_SERVICE: { type: 'ERROR', details: 'The service {service} does not exist. Use a valid service name.' },
  INVALID_ARN_PREFIX: { type: 'ERROR', details: 'Add the required prefix (arn) to the resource ARN.' },
  MISSING_ARN_FIELD: { type: 'ERROR', details: 'Resource ARNs must include at least {fields} fields in the following structure: arn:partition:service:region:account:resource' },
  INVALID_PARTITION: { type: 'ERROR', details: 'The resource ARN for the service {service} does not support the partition {partition}. Use the supported values: {partitions}' },
  INVALID_ARN_SERVICE_CASE: { type: 'ERROR', details: 'Update the service name {service} in the resource ARN to use all lowercase letters.' },
  INVALID_ARN_ACCOUNT: { type: 'ERROR', details: 'The resource ARN account ID {account} is not valid. Provide a 12-digit account ID.' },
  INVALID_ARN_REGION: { type: 'ERROR', details: 'The Region {region} is not valid for this resource. Update the resource ARN to include a supported Region.' },
  MISSING_ARN_REGION: { type: 'ERROR', details: 'Add a Region to the {service} resource ARN.' },
  ARN_REGION_NOT_ALLOWED: { type: 'ERROR', details: 'The service {service} does not support specifying a Region in the resource ARN.' },
  ARN_ACCOUNT_NOT_ALLOWED: { type: 'ERROR', details: 'The service {service} does not support specifying an account ID in the resource ARN.' },
  INVALID_ARN_RESOURCE: { type: 'ERROR', details: 'Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.' },
  INVALID_CONDITION_OPERATOR: { type: 'ERROR', details: 'The condition operator {operator} is not valid. Use a valid condition operator.' },
  NULL_WITH_IF_EXISTS: { type: 'ERROR', details: 'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.' },
  INVALID_CONDITION_KEY_FORMAT: { type: 'ERROR', details: 'The condition key format is not valid. Use the format service:keyname.' },
  INVALID_GLOBAL_CONDITION_KEY: { type: 'ERROR', details: 'The condition key {key} does not exist. Use a valid condition key.' },
  INVALID_SERVICE_CONDITION_KEY: { type: 'ERROR', details: 'The condition key {key} does not exist in the service {service}. Use a valid condition key.' },
  UNSUPPORTED_GLOBAL_CONDITION_KEY: { type: 'ERROR', details: 'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.' },
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: { type: 'ERROR', details: 'The condition key {key} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.' },
  INVALID_CONDITION_MULTIPLE_BOOLEAN: { type: 'ERROR', details: 'The condition key does not support multiple Boolean values. Use a single Boolean value.' },
  MISSING_QUALIFIER: { type: 'ERROR', details: 'The request context key {key} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.' },
  INVALID_VARIABLE_FOR_OPERATOR: { type: 'ERROR', details: 'Policy variables can only be used with String and ARN operators.' },
  VARIABLE_UNSUPPORTED_IN_ELEMENT: { type: 'ERROR', details: 'Policy variables are supported in the Resource and Condition elements. Remove the policy variable {variable} from this element.' },
  VARIABLE_UNSUPPORTED_IN_VERSION: { type: 'ERROR', details: 'To include variables in your policy, use the policy version 2012-10-17 or later.' },
  MISSING_BRACE_IN_VARIABLE: { type: 'ERROR', details: 'The policy variable is missing a closing curly brace. Add } after the variable text.' },
  EMPTY_VARIABLE: { type: 'ERROR', details: 'Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure.' },
  UNSUPPORTED_SPACE_IN_VARIABLE: { type: 'ERROR', details: 'A space is not supported within the policy variable text. Remove the space.' },
  INVALID_PRINCIPAL_FORMAT: { type: 'ERROR', details: 'The Principal element contents are not valid. Specify a key-value pair in the Principal element.' },
  INVALID_PRINCIPAL_KEY: { type: 'ERROR', details: 'The principal key {key} is not valid.' },
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: { type: 'ERROR', details: 'Wildcards (*, ?) are not supported with the principal key {key}. Replace the wildcard with a valid principal value.' },
  UNIQUE_SIDS_REQUIRED: { type: 'ERROR', details: 'Duplicate statement IDs are not supported for this policy type. Update the Sid value.' },
  UNSUPPORTED_SID: { type: 'ERROR', details: 'Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]' },
  SCP_SYNTAX_ERROR_PRINCIPAL: { type: 'ERROR', details: 'SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.' },
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: { type: 'ERROR', details: 'SCP actions can include wildcards (*) only at the end of a string. Update {action}.' },
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: { type: 'ERROR', details: 'The {size} characters in the service control policy (SCP) exceed the {quota} character maximum for SCPs. We recommend that you use multiple granular policies.' },
  PRIVATE_IP_ADDRESS: { type: 'ERROR', details: 'aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.' },
  PRIVATE_NOT_IP_ADDRESS: { type: 'ERROR', details: 'The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.' },

  ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: { type: 'ERROR', details: 'Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.' },
  ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: { type: 'ERROR', details: '"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.' },
  ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: { type: 'ERROR', details: 'Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.' },
  MISSING_ACTION_FOR_CONDITION_KEY: { type: 'ERROR', details: 'The {actionName} action must be in the action block to allow setting values for the condition key {keyName}. Add {actionName} to the action block.' },
  MISSING_ARN_ACCOUNT: { type: 'ERROR', details: 'The resource {resourceName} in the arn is missing an account id. Please provide a 12 digit account id.' },
  INVALID_CONDITION_DATA_TYPE: { type: 'ERROR', details: 'The condition value data types do not match. Use condition values of the same JSON data type.' },
  INVALID_REGION: { type: 'ERROR', details: 'The Region {region} is not valid. Update the condition value to a supported Region.' },
  INVALID_KMS_KEY_VALUE: { type: 'ERROR', details: 'The {key} condition key value must be a valid KMS key ARN.' },
  MISMATCHED_ACTION_FOR_PRINCIPAL: { type: 'ERROR', details: 'The {actionName} action is invalid with the following principal(s): {principalNames}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.' },
  INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: { type: 'ERROR', details: 'The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.' },
  MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY: { type: 'ERROR', details: 'The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy.' },
  FEDERATED_PRINCIPAL_NOT_SUPPORTED: { type: 'ERROR', details: 'The policy type does not support a federated identity provider in the principal element. Use a supported principal.' },
  UNSUPPORTED_ACTION_FOR_CONDITION_KEY: { type: 'ERROR', details: 'The following actions: {actions} are not supported by the condition key {key}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.' },
  UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: { type: 'ERROR', details: 'The following condition keys are not supported when used with the service principal: {conditionKeys}.' },
  INVALID_SERVICE_PRINCIPAL_FORMAT: { type: 'ERROR', details: 'The service principal does not match the expected format. Use the format {expectedFormat}.' },
  UNSUPPORTED_RESOURCE_ARN_IN_POLICY: { type: 'ERROR', details: 'The resource ARN is not supported for the resource-based policy attached to the resource type {resourceType}.' },
  UNSUPPORTED_ACTION_IN_POLICY: { type: 'ERROR', details: 'The action {action} is not supported for the resource-based policy attached to the resource type {resourceType}.' },
  MISSING_TAG_KEY_IN_CONDITION: { type: 'ERROR', details: 'The condition key {conditionKeyName} must include a tag key to control access based on tags. Use the format {conditionKeyName}tag-key and specify a key name for tag-key.' },
  INVALID_VPC_FORMAT: { type: 'ERROR', details: "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters." },
  INVALID_VPCE_FORMAT: { type: 'ERROR', details: "The VPCE identifier in the condition key value is not valid.  Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters." },
  POLICY_SIZE_EXCEEDS_RCP_QUOTA: { type: 'ERROR', details: 'The {size} characters in the resource control policy (RCP) exceed the {quota} character maximum for RCPs. We recommend that you use multiple granular policies.' },
  RCP_SYNTAX_ERROR_PRINCIPAL: { type: 'ERROR', details: 'The Principal element contents are not valid. RCPs only support specifying all principals ("*") in the Principal element. The NotPrincipal element is not supported for RCPs.' },
  RCP_SYNTAX_ERROR_ALLOW: { type: 'ERROR', details: 'RCPs only support specifying all principals ("*") in the Principal element, all resources ("*") in the Resource element, and no Condition element with an effect of Allow.' },
  RCP_SYNTAX_ERROR_NOTACTION: { type: 'ERROR', details: 'RCPs do not support the NotAction element. Update to use the Action element.' },
  RCP_SYNTAX_ERROR_ACTION: { type: 'ERROR', details: 'RCPs only support specifying select service prefixes in the Action element. Learn more here.' },

  // Security warnings
  ALLOW_WITH_NOT_PRINCIPAL: { type: 'SECURITY_WARNING', details: 'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.' },
  FORALLVALUES_WITH_SINGLE_VALUED_KEY: { type: 'SECURITY_WARNING', details: 'Using ForAllValues qualifier with the single-valued condition key {key} can be overly permissive. We recommend that you remove ForAllValues:.' },
  PASS_ROLE_WITH_NOT_RESOURCE: { type: 'SECURITY_WARNING', details: 'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: { type: 'SECURITY_WARNING', details: 'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE: { type: 'SECURITY_WARNING', details: 'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.' },
  PASS_ROLE_WITH_STAR_IN_RESOURCE: { type: 'SECURITY_WARNING', details: 'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.' },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: { type: 'SECURITY_WARNING', details: 'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.' },
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: { type: 'SECURITY_WARNING', details: 'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.' },

  MISSING_PAIRED_CONDITION_KEYS: { type: 'SECURITY_WARNING', details: 'Using the condition key {conditionKeyName} can be overly permissive without also using the following condition keys: {recommendedKeys}. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block.' },
  MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL: { type: 'SECURITY_WARNING', details: 'Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role.' },
  MISSING_GITHUB_REPO_CONDITION_KEY: { type: 'SECURITY_WARNING', details: 'Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value.' },
  STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS: { type: 'SECURITY_WARNING', details: 'Use the operator type {allowed} instead of operator {operator} for the condition key {key}.' },
  RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL: { type: 'SECURITY_WARNING', details: 'Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access.' },
  UNTRUSTWORTHY_CONDITION_KEY: { type: 'SECURITY_WARNING', details: 'The {key} condition key is not recommended for access control as it can be spoofed/manipulated by the caller.' },
  DYNAMODB_ATTRIBUTES_WITHOUT_SELECT: { type: 'SECURITY_WARNING', details: 'Restricting dynamodb:Attributes without also setting dynamodb:Select to SPECIFIC_ATTRIBUTES allows all attributes to be returned on read requests that omit a projection expression. We recommend that you also set dynamodb:Select to SPECIFIC_ATTRIBUTES.' },
  S3_PREFIX_IN_NEGATIVE_CONTEXT: { type: 'SECURITY_WARNING', details: 'Using the s3:prefix condition key in a Deny statement or with a negated string operator does not block listing the objects under the matching prefixes. A request that specifies a shorter prefix does not match the condition and can still list those objects. To restrict listing to specific prefixes, use s3:prefix with StringLike in an Allow statement, or use a Deny statement with StringNotLike.' },
  DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: { type: 'SECURITY_WARNING', details: "Using the effect Deny with NotAction and the tag condition key {conditionKeyName} can be overly permissive because some service actions are not denied by this statement. This is because the condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction." },
  FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE: { type: 'SECURITY_WARNING', details: 'Using ForAnyValue qualifier with the single-valued condition key {key} can be overly permissive. We recommend that you remove ForAnyValue:.' },

  // General warnings
  MISSING_VERSION: { type: 'WARNING', details: 'We recommend that you specify the Version element to help you with debugging permission issues.' },
  UNIQUE_SIDS_RECOMMENDED: { type: 'WARNING', details: 'We recommend that you use statement IDs that are unique to your policy. Update the Sid value.' },
  WILDCARD_WITHOUT_LIKE_OPERATOR: { type: 'WARNING', details: 'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.' },
  TYPE_MISMATCH: { type: 'WARNING', details: 'Use the operator type {allowed} instead of operator {operator} for the condition key {key}.' },
  TYPE_MISMATCH_BOOLEAN: { type: 'WARNING', details: 'Add a valid Boolean value (true or false) for the condition operator {operator}.' },
  TYPE_MISMATCH_DATE: { type: 'WARNING', details: 'The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.' },
  TYPE_MISMATCH_IP_RANGE: { type: 'ERROR', details: 'The condition operator {operator} is used with an invalid IP range value. Specify the IP range in standard CIDR format.' },
  TYPE_MISMATCH_NUMBER: { type: 'WARNING', details: 'Add a valid numeric value for the condition operator {operator}.' },
  TYPE_MISMATCH_STRING: { type: 'WARNING', details: 'Add a valid base64-encoded string value for the condition operator {operator}.' },
  INVALID_DATE_VALUE: { type: 'WARNING', details: 'The date {date} might not resolve as expected. We recommend that you use the YYYY-MM-DD format.' },
  INVALID_ROLE_REFERENCE: { type: 'WARNING', details: 'The Principal element includes the IAM role ID {id}. We recommend that you use a role ARN instead.' },
  INVALID_USER_REFERENCE: { type: 'WARNING', details: 'The Principal element includes the IAM user ID {id}. We recommend that you use a user ARN instead.' },
  POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: { type: 'WARNING', details: 'The {size} characters in the identity policy, excluding whitespace, exceed the {quota} character maximum for inline and managed policies. We recommend that you use multiple granular policies.' },
  CREATE_SLR_WITH_NOT_RESOURCE: { type: 'WARNING', details: 'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: { type: 'WARNING', details: 'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE: { type: 'WARNING', details: 'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_RESOURCE: { type: 'WARNING', details: 'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: { type: 'WARNING', details: 'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: { type: 'WARNING', details: 'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.' },

  RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY: { type: 'WARNING', details: 'RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block "BoolIfExists": { "aws:PrincipalIsAWSService": "false"} whenever a principal key {conditionKeyName} is used.' },
  RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY: { type: 'WARNING', details: 'RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to your principals, an additional statement should be added to the Condition block "BoolIfExists": { "aws:PrincipalIsAWSService": "true"} whenever the key {conditionKeyName} is used.' },
  RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK: { type: 'WARNING', details: 'The specified service may have a service integration that does not require the use of the {conditionKeyName} condition key. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block "Null": { "aws:SourceAccount": "false"} or "Null": { "aws:SourceArn": "false"} whenever the key {conditionKeyName} is used.' },
  SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED: { type: 'WARNING', details: 'Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key.' },
  POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA: { type: 'WARNING', details: 'The characters in the role trust policy, excluding whitespace, exceed the character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning.' },

  // Suggestions
  EMPTY_ARRAY_ACTION: { type: 'SUGGESTION', details: 'This statement includes no actions and does not affect the policy. Specify actions.' },
  EMPTY_ARRAY_RESOURCE: { type: 'SUGGESTION', details: 'This statement includes no resources and does not affect the policy. Specify resources.' },
  EMPTY_ARRAY_PRINCIPAL: { type: 'SUGGESTION', details: 'This statement includes no principals and does not affect the policy. Specify principals.' },
  EMPTY_OBJECT_PRINCIPAL: { type: 'SUGGESTION', details: 'This statement includes no principals and does not affect the policy. Specify principals.' },
  EMPTY_OBJECT_CONDITION: { type: 'SUGGESTION', details: 'This condition block is empty and it does not affect the policy. Specify conditions.' },
  EMPTY_ARRAY_CONDITION: { type: 'SUGGESTION', details: 'There are no values for the condition key {key} and it does not affect the policy. Specify conditions.' },
  EMPTY_ARRAY_CONDITION_FORALLVALUES: { type: 'SUGGESTION', details: 'The ForAllValues prefix with an empty condition key matches only if the key {key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.' },
  EMPTY_ARRAY_CONDITION_FORANYVALUE: { type: 'SUGGESTION', details: 'The ForAnyValue prefix with an empty condition key {key} never matches the request context and it does not affect the policy. Specify conditions.' },
  EMPTY_ARRAY_CONDITION_IFEXISTS: { type: 'SUGGESTION', details: 'The IfExists suffix with an empty condition key matches only if the key {key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.' },
  EMPTY_SID_VALUE: { type: 'SUGGESTION', details: 'Add a value to the empty string in the Sid element.' },
  IMPROVE_IP_RANGE: { type: 'SUGGESTION', details: 'The non-zero bits in the IP address after the masked bits are ignored. Replace address with {address}.' },
  NULL_WITH_QUALIFIER: { type: 'SUGGESTION', details: 'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.' },
  PRIVATE_IP_ADDRESS_SUBSET: { type: 'SUGGESTION', details: 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.' },
  PRIVATE_NOT_IP_ADDRESS_SUBSET: { type: 'SUGGESTION', details: 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.' },
  REDUNDANT_ACTION: { type: 'SUGGESTION', details: 'The {count} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: {redundant_action}.' },
  REDUNDANT_RESOURCE: { type: 'SUGGESTION', details: 'The {count} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)' },
  REDUNDANT_STATEMENT: { type: 'SUGGESTION', details: 'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.' },
  REDUNDANT_CONDITION_VALUE_NUM: { type: 'SUGGESTION', details: 'Multiple values in {operator} are redundant. Replace with the {bound} single value for {key}.' },
  EQUIVALENT_TO_NULL_FALSE: { type: 'SUGGESTION', details: 'We recommend replacing the key {key} in the condition block of {operator} with {{recommendedKey}: false} to ensure better enforcement of the condition.' },
  EQUIVALENT_TO_NULL_TRUE: { type: 'SUGGESTION', details: 'We recommend replacing the key {key} in the condition block of {operator} with {{recommendedKey}: true} to ensure better enforcement of the condition.' },
  REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY: { type: 'SUGGESTION', details: 'The assumed-role principal {redundant_principal} is redundant with its parent role {parent_role}. Remove the assumed-role principal.' },
  REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION: { type: 'SUGGESTION', details: 'The key {key} in the condition block of {operator} is redundant because it is always matched. Remove this key to simplify the condition.' },
  RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: { type: 'SUGGESTION', details: 'To restrict access to the service principal {servicePrincipalPrefix} operating on your behalf, we recommend aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths instead of {key}.' },
  IRRELEVANT_CONDITION_KEY_IN_POLICY: { type: 'SUGGESTION', details: 'The condition key {conditionKey} is not relevant for the {resourceType} policy.  Use this key in an identity-based policy to govern access to this resource.' },
  ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: { type: 'SUGGESTION', details: "Using the effect Allow with NotAction and the tag condition key {conditionKeyName} allows only service actions that support the condition key. The condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction." },
  CONFIRM_AUDIENCE_CLAIM_TYPE: { type: 'SUGGESTION', details: 'The "{key}" ({audienceType}) claim key identifies the recipients that the JSON web token is intended for. Because this claim is single-valued, do not use a qualifier.' },
  WILDCARD_IN_SERVICE_NAME: { type: 'SUGGESTION', details: 'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.' },
} as const satisfies Record<string, IssueDefinition>;

export type IssueCode = keyof typeof ISSUES;

/** The AWS reference page, anchored at the check (src/analyzer/reference.ts). */
export function learnMoreLink(code: IssueCode): string {
  const check = referenceCheck(code);
  return check === undefined ? REFERENCE_PAGE : referenceLink(check);
}

/** Fills {name} placeholders; a missing value leaves the text without it. */
export function findingDetails(code: IssueCode, params: Readonly<Record<string, string | number>> = {}): string {
  return ISSUES[code].details.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined ? '' : String(v);
  });
}
