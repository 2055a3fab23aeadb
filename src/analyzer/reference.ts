/**
 * Every check of the IAM User Guide page "IAM policy validation check reference"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
 * issue code, finding type as the API returns it (the page says GENERAL_WARNING where
 * the accessanalyzer 2019-11-01 model's FindingType enum says WARNING), and the
 * "findingDetails" text with AWS's own {{placeholders}}. The learnMoreLink is the
 * page with the check's anchor. Generated table; docs/access-analyzer-checks.md is
 * written from it.
 */
import type { FindingType } from './types.ts';

export interface ReferenceCheck {
  code: string;
  findingType: FindingType;
  /** findingDetails as the reference prints it, placeholders in {{double braces}}. */
  message: string;
}

export const REFERENCE_PAGE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

export const REFERENCE_CHECKS: readonly ReferenceCheck[] = [
  { code: "ARN_ACCOUNT_NOT_ALLOWED", findingType: "ERROR", message: "The service {{service}} does not support specifying an account ID in the resource ARN." },
  { code: "ARN_REGION_NOT_ALLOWED", findingType: "ERROR", message: "The service {{service}} does not support specifying a Region in the resource ARN." },
  { code: "DATA_TYPE_MISMATCH", findingType: "ERROR", message: "The text does not match the expected JSON data type {{data_type}}." },
  { code: "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", findingType: "ERROR", message: "The condition key {{key}} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys." },
  { code: "INVALID_ACTION", findingType: "ERROR", message: "The action {{action}} does not exist. Did you mean {{valid_action}}?" },
  { code: "INVALID_ARN_ACCOUNT", findingType: "ERROR", message: "The resource ARN account ID {{account}} is not valid. Provide a 12-digit account ID." },
  { code: "INVALID_ARN_PREFIX", findingType: "ERROR", message: "Add the required prefix (arn) to the resource ARN." },
  { code: "INVALID_ARN_REGION", findingType: "ERROR", message: "The Region {{region}} is not valid for this resource. Update the resource ARN to include a supported Region." },
  { code: "INVALID_ARN_RESOURCE", findingType: "ERROR", message: "Resource ARN does not match the expected ARN format. Update the resource portion of the ARN." },
  { code: "INVALID_ARN_SERVICE_CASE", findingType: "ERROR", message: "Update the service name {{service}} in the resource ARN to use all lowercase letters." },
  { code: "INVALID_CONDITION_DATA_TYPE", findingType: "ERROR", message: "The condition value data types do not match. Use condition values of the same JSON data type." },
  { code: "INVALID_CONDITION_KEY_FORMAT", findingType: "ERROR", message: "The condition key format is not valid. Use the format service:keyname." },
  { code: "INVALID_CONDITION_MULTIPLE_BOOLEAN", findingType: "ERROR", message: "The condition key does not support multiple Boolean values. Use a single Boolean value." },
  { code: "INVALID_CONDITION_OPERATOR", findingType: "ERROR", message: "The condition operator {{operator}} is not valid. Use a valid condition operator." },
  { code: "INVALID_EFFECT", findingType: "ERROR", message: "The effect {{effect}} is not valid. Use Allow or Deny." },
  { code: "INVALID_GLOBAL_CONDITION_KEY", findingType: "ERROR", message: "The condition key {{key}} does not exist. Use a valid condition key." },
  { code: "INVALID_PARTITION", findingType: "ERROR", message: "The resource ARN for the service {{service}} does not support the partition {{partition}}. Use the supported values: {{partitions}}" },
  { code: "INVALID_POLICY_ELEMENT", findingType: "ERROR", message: "The policy element {{element}} is not valid." },
  { code: "INVALID_PRINCIPAL_FORMAT", findingType: "ERROR", message: "The Principal element contents are not valid. Specify a key-value pair in the Principal element." },
  { code: "INVALID_PRINCIPAL_KEY", findingType: "ERROR", message: "The principal key {{principal-key}} is not valid." },
  { code: "INVALID_REGION", findingType: "ERROR", message: "The Region {{region}} is not valid. Update the condition value to a supported Region." },
  { code: "INVALID_SERVICE", findingType: "ERROR", message: "The service {{service}} does not exist. Use a valid service name." },
  { code: "INVALID_SERVICE_CONDITION_KEY", findingType: "ERROR", message: "The condition key {{key}} does not exist in the service {{service}}. Use a valid condition key." },
  { code: "INVALID_SERVICE_IN_ACTION", findingType: "ERROR", message: "The service {{service}} specified in the action does not exist. Did you mean {{service2}}?" },
  { code: "INVALID_VARIABLE_FOR_OPERATOR", findingType: "ERROR", message: "Policy variables can only be used with String and ARN operators." },
  { code: "INVALID_VERSION", findingType: "ERROR", message: "The version {{version}} is not valid. Use one of the following versions: {{versions}}" },
  { code: "JSON_SYNTAX_ERROR", findingType: "ERROR", message: "Fix the JSON syntax error at index {{index}} line {{line}} column {{column}}." },
  { code: "MISSING_ACTION", findingType: "ERROR", message: "Add an Action or NotAction element to the policy statement." },
  { code: "MISSING_ARN_FIELD", findingType: "ERROR", message: "Resource ARNs must include at least {{fields}} fields in the following structure: arn:partition:service:region:account:resource" },
  { code: "MISSING_ARN_REGION", findingType: "ERROR", message: "Add a Region to the {{service}} resource ARN." },
  { code: "MISSING_EFFECT", findingType: "ERROR", message: "Add an Effect element to the policy statement with a value of Allow or Deny." },
  { code: "MISSING_PRINCIPAL", findingType: "ERROR", message: "Add a Principal element to the policy statement." },
  { code: "MISSING_QUALIFIER", findingType: "ERROR", message: "The request context key {{key}} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy." },
  { code: "MISSING_RESOURCE", findingType: "ERROR", message: "Add a Resource or NotResource element to the policy statement." },
  { code: "MISSING_STATEMENT", findingType: "ERROR", message: "Add a statement to the policy" },
  { code: "NULL_WITH_IF_EXISTS", findingType: "ERROR", message: "The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix." },
  { code: "SCP_SYNTAX_ERROR_ACTION_WILDCARD", findingType: "ERROR", message: "SCP actions can include wildcards (*) only at the end of a string. Update {{action}}." },
  { code: "SCP_SYNTAX_ERROR_PRINCIPAL", findingType: "ERROR", message: "SCPs do not support specifying principals. Remove the Principal or NotPrincipal element." },
  { code: "UNIQUE_SIDS_REQUIRED", findingType: "ERROR", message: "Duplicate statement IDs are not supported for this policy type. Update the Sid value." },
  { code: "UNSUPPORTED_ACTION_IN_POLICY", findingType: "ERROR", message: "The action {{action}} is not supported for the resource-based policy attached to the resource type {{resourceType}}." },
  { code: "UNSUPPORTED_ELEMENT_COMBINATION", findingType: "ERROR", message: "The policy elements {{element1}} and {{element2}} can not be used in the same statement. Remove one of these elements." },
  { code: "UNSUPPORTED_GLOBAL_CONDITION_KEY", findingType: "ERROR", message: "The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead." },
  { code: "UNSUPPORTED_PRINCIPAL", findingType: "ERROR", message: "The policy type {{policy_type}} does not support the Principal element. Remove the Principal element." },
  { code: "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", findingType: "ERROR", message: "The resource ARN is not supported for the resource-based policy attached to the resource type {{resourceType}}." },
  { code: "UNSUPPORTED_SID", findingType: "ERROR", message: "Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]" },
  { code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", findingType: "ERROR", message: "Wildcards (*, ?) are not supported with the principal key {{principal_key}}. Replace the wildcard with a valid principal value." },
  { code: "MISSING_BRACE_IN_VARIABLE", findingType: "ERROR", message: "The policy variable is missing a closing curly brace. Add } after the variable text." },
  { code: "MISSING_QUOTE_IN_VARIABLE", findingType: "ERROR", message: "The policy variable default value must begin and end with a single quote. Add the missing quote." },
  { code: "UNSUPPORTED_SPACE_IN_VARIABLE", findingType: "ERROR", message: "A space is not supported within the policy variable text. Remove the space." },
  { code: "EMPTY_VARIABLE", findingType: "ERROR", message: "Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure." },
  { code: "VARIABLE_UNSUPPORTED_IN_ELEMENT", findingType: "ERROR", message: "Policy variables are supported in the Resource and Condition elements. Remove the policy variable {{variable}} from this element." },
  { code: "VARIABLE_UNSUPPORTED_IN_VERSION", findingType: "ERROR", message: "To include variables in your policy, use the policy version 2012-10-17 or later." },
  { code: "PRIVATE_IP_ADDRESS", findingType: "ERROR", message: "aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses." },
  { code: "PRIVATE_NOT_IP_ADDRESS", findingType: "ERROR", message: "The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses." },
  { code: "POLICY_SIZE_EXCEEDS_SCP_QUOTA", findingType: "ERROR", message: "The {{policySize}} characters in the service control policy (SCP) exceed the {{policySizeQuota}} character maximum for SCPs. We recommend that you use multiple granular policies." },
  { code: "INVALID_SERVICE_PRINCIPAL_FORMAT", findingType: "ERROR", message: "The service principal does not match the expected format. Use the format {{expectedFormat}}." },
  { code: "MISSING_TAG_KEY_IN_CONDITION", findingType: "ERROR", message: "The condition key {{conditionKeyName}} must include a tag key to control access based on tags. Use the format {{conditionKeyName}}tag-key and specify a key name for tag-key." },
  { code: "INVALID_VPC_FORMAT", findingType: "ERROR", message: "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters." },
  { code: "INVALID_VPCE_FORMAT", findingType: "ERROR", message: "The VPCE identifier in the condition key value is not valid.  Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters." },
  { code: "FEDERATED_PRINCIPAL_NOT_SUPPORTED", findingType: "ERROR", message: "The policy type does not support a federated identity provider in the principal element. Use a supported principal." },
  { code: "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", findingType: "ERROR", message: "The following actions: {{actions}} are not supported by the condition key {{key}}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key." },
  { code: "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", findingType: "ERROR", message: "The following condition keys are not supported when used with the service principal: {{conditionKeys}}." },
  { code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", findingType: "ERROR", message: "Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead." },
  { code: "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", findingType: "ERROR", message: "\"Principal:\" \"*\" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value." },
  { code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", findingType: "ERROR", message: "Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element." },
  { code: "TYPE_MISMATCH_IP_RANGE", findingType: "ERROR", message: "The condition operator {{operator}} is used with an invalid IP range value. Specify the IP range in standard CIDR format." },
  { code: "MISSING_ACTION_FOR_CONDITION_KEY", findingType: "ERROR", message: "The {{actionName}} action must be in the action block to allow setting values for the condition key {{keyName}}. Add {{actionName}} to the action block." },
  { code: "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", findingType: "ERROR", message: "The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN." },
  { code: "MISMATCHED_ACTION_FOR_PRINCIPAL", findingType: "ERROR", message: "The {{actionName}} action is invalid with the following principal(s): {{principalNames}}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options." },
  { code: "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", findingType: "ERROR", message: "The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy." },
  { code: "POLICY_SIZE_EXCEEDS_RCP_QUOTA", findingType: "ERROR", message: "The {{policySize}} characters in the resource control policy (RCP) exceed the {{policySizeQuota}} character maximum for RCPs. We recommend that you use multiple granular policies." },
  { code: "RCP_SYNTAX_ERROR_PRINCIPAL", findingType: "ERROR", message: "The Principal element contents are not valid. RCPs only support specifying all principals (\"*\") in the Principal element. The NotPrincipal element is not supported for RCPs." },
  { code: "RCP_SYNTAX_ERROR_ALLOW", findingType: "ERROR", message: "RCPs only support specifying all principals (\"*\") in the Principal element, all resources (\"*\") in the Resource element, and no Condition element with an effect of Allow." },
  { code: "RCP_SYNTAX_ERROR_NOTACTION", findingType: "ERROR", message: "RCPs do not support the NotAction element. Update to use the Action element." },
  { code: "RCP_SYNTAX_ERROR_ACTION", findingType: "ERROR", message: "RCPs only support specifying select service prefixes in the Action element. Learn more here." },
  { code: "MISSING_ARN_ACCOUNT", findingType: "ERROR", message: "The resource {{resourceName}} in the arn is missing an account id. Please provide a 12 digit account id." },
  { code: "INVALID_KMS_KEY_VALUE", findingType: "ERROR", message: "The {{key}} condition key value must be a valid KMS key ARN." },
  { code: "VARIABLE_USAGE_TOO_PERMISSIVE", findingType: "ERROR", message: "Overly permissive use of policy variable for the {{key}} condition key. Use the policy variable preceded by 6 consecutive characters." },
  { code: "WILDCARD_USAGE_TOO_PERMISSIVE", findingType: "ERROR", message: "Overly permissive use of wildcard for the {{key}} condition key. Use the wildcard preceded by 6 consecutive characters." },
  { code: "CREATE_SLR_WITH_NOT_RESOURCE", findingType: "WARNING", message: "Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead." },
  { code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", findingType: "WARNING", message: "Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead." },
  { code: "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", findingType: "WARNING", message: "Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead." },
  { code: "CREATE_SLR_WITH_STAR_IN_RESOURCE", findingType: "WARNING", message: "Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead." },
  { code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", findingType: "WARNING", message: "Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead." },
  { code: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", findingType: "WARNING", message: "Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead." },
  { code: "DEPRECATED_GLOBAL_CONDITION_KEY", findingType: "WARNING", message: "We recommend that you update aws:ARN to use the newer condition key aws:PrincipalArn." },
  { code: "INVALID_DATE_VALUE", findingType: "WARNING", message: "The date {{date}} might not resolve as expected. We recommend that you use the YYYY-MM-DD format." },
  { code: "INVALID_ROLE_REFERENCE", findingType: "WARNING", message: "The Principal element includes the IAM role ID {{roleid}}. We recommend that you use a role ARN instead." },
  { code: "INVALID_USER_REFERENCE", findingType: "WARNING", message: "The Principal element includes the IAM user ID {{userid}}. We recommend that you use a user ARN instead." },
  { code: "MISSING_VERSION", findingType: "WARNING", message: "We recommend that you specify the Version element to help you with debugging permission issues." },
  { code: "UNIQUE_SIDS_RECOMMENDED", findingType: "WARNING", message: "We recommend that you use statement IDs that are unique to your policy. Update the Sid value." },
  { code: "WILDCARD_WITHOUT_LIKE_OPERATOR", findingType: "WARNING", message: "Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like." },
  { code: "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", findingType: "WARNING", message: "The {{policySize}} characters in the identity policy, excluding whitespace, exceed the {{policySizeQuota}} character maximum for inline and managed policies. We recommend that you use multiple granular policies." },
  { code: "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", findingType: "WARNING", message: "The {{policySize}} characters in the resource policy exceed the {{policySizeQuota}} character maximum for resource policies. We recommend that you use multiple granular policies." },
  { code: "TYPE_MISMATCH", findingType: "WARNING", message: "Use the operator type {{allowed}} instead of operator {{operator}} for the condition key {{key}}." },
  { code: "TYPE_MISMATCH_BOOLEAN", findingType: "WARNING", message: "Add a valid Boolean value (true or false) for the condition operator {{operator}}." },
  { code: "TYPE_MISMATCH_DATE", findingType: "WARNING", message: "The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format." },
  { code: "TYPE_MISMATCH_NUMBER", findingType: "WARNING", message: "Add a valid numeric value for the condition operator {{operator}}." },
  { code: "TYPE_MISMATCH_STRING", findingType: "WARNING", message: "Add a valid base64-encoded string value for the condition operator {{operator}}." },
  { code: "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", findingType: "WARNING", message: "Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key." },
  { code: "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", findingType: "WARNING", message: "The characters in the role trust policy, excluding whitespace, exceed the character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning." },
  { code: "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY", findingType: "WARNING", message: "RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block \"BoolIfExists\": { \"aws:PrincipalIsAWSService\": \"false\"} whenever a principal key {{conditionKeyName}} is used." },
  { code: "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY", findingType: "WARNING", message: "RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to your principals, an additional statement should be added to the Condition block \"BoolIfExists\": { \"aws:PrincipalIsAWSService\": \"true\"} whenever the key {{conditionKeyName}} is used." },
  { code: "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK", findingType: "WARNING", message: "The specified service may have a service integration that does not require the use of the {{conditionKeyName}} condition key. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block \"Null\": { \"aws:SourceAccount\": \"false\"} or \"Null\": { \"aws:SourceArn\": \"false\"} whenever the key {{conditionKeyName}} is used." },
  { code: "USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES", findingType: "WARNING", message: "The condition key {{key}} works only with specific AWS services and must be scoped to supported services in your policies." },
  { code: "UNTRUSTWORTHY_CONDITION_KEY", findingType: "SECURITY_WARNING", message: "The {{key}} condition key is not recommended for access control as it can be spoofed/manipulated by the caller." },
  { code: "ALLOW_WITH_NOT_PRINCIPAL", findingType: "SECURITY_WARNING", message: "Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead." },
  { code: "FORALLVALUES_WITH_SINGLE_VALUED_KEY", findingType: "SECURITY_WARNING", message: "Using ForAllValues qualifier with the single-valued condition key {{key}} can be overly permissive. We recommend that you remove ForAllValues:." },
  { code: "PASS_ROLE_WITH_NOT_RESOURCE", findingType: "SECURITY_WARNING", message: "Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead." },
  { code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", findingType: "SECURITY_WARNING", message: "Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead." },
  { code: "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", findingType: "SECURITY_WARNING", message: "Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead." },
  { code: "PASS_ROLE_WITH_STAR_IN_RESOURCE", findingType: "SECURITY_WARNING", message: "Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement." },
  { code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", findingType: "SECURITY_WARNING", message: "Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement." },
  { code: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", findingType: "SECURITY_WARNING", message: "Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement." },
  { code: "MISSING_PAIRED_CONDITION_KEYS", findingType: "SECURITY_WARNING", message: "Using the condition key {{conditionKeyName}} can be overly permissive without also using the following condition keys: {{recommendedKeys}}. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block." },
  { code: "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", findingType: "SECURITY_WARNING", message: "Using the effect Deny with the tag condition key {{conditionKeyName}} and actions for services with the following prefixes can be overly permissive: {{serviceNames}}. Actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key." },
  { code: "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", findingType: "SECURITY_WARNING", message: "Using the effect Deny with NotAction and the tag condition key {{conditionKeyName}} can be overly permissive because some service actions are not denied by this statement. This is because the condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction." },
  { code: "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", findingType: "SECURITY_WARNING", message: "Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access." },
  { code: "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", findingType: "SECURITY_WARNING", message: "Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role." },
  { code: "MISSING_GITHUB_REPO_CONDITION_KEY", findingType: "SECURITY_WARNING", message: "Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value." },
  { code: "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS", findingType: "SECURITY_WARNING", message: "Use the operator type {{allowed}} instead of operator {{operator}} for the condition key {{key}}." },
  { code: "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT", findingType: "SECURITY_WARNING", message: "Restricting dynamodb:Attributes without also setting dynamodb:Select to SPECIFIC_ATTRIBUTES allows all attributes to be returned on read requests that omit a projection expression. We recommend that you also set dynamodb:Select to SPECIFIC_ATTRIBUTES." },
  { code: "S3_PREFIX_IN_NEGATIVE_CONTEXT", findingType: "SECURITY_WARNING", message: "Using the s3:prefix condition key in a Deny statement or with a negated string operator does not block listing the objects under the matching prefixes. A request that specifies a shorter prefix does not match the condition and can still list those objects. To restrict listing to specific prefixes, use s3:prefix with StringLike in an Allow statement, or use a Deny statement with StringNotLike." },
  { code: "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE", findingType: "SECURITY_WARNING", message: "Using ForAnyValue qualifier with the single-valued condition key {{key}} can be overly permissive. We recommend that you remove ForAnyValue:." },
  { code: "EMPTY_ARRAY_ACTION", findingType: "SUGGESTION", message: "This statement includes no actions and does not affect the policy. Specify actions." },
  { code: "EMPTY_ARRAY_CONDITION", findingType: "SUGGESTION", message: "There are no values for the condition key {{key}} and it does not affect the policy. Specify conditions." },
  { code: "EMPTY_ARRAY_CONDITION_FORALLVALUES", findingType: "SUGGESTION", message: "The ForAllValues prefix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead." },
  { code: "EMPTY_ARRAY_CONDITION_FORANYVALUE", findingType: "SUGGESTION", message: "The ForAnyValue prefix with an empty condition key {{key}} never matches the request context and it does not affect the policy. Specify conditions." },
  { code: "EMPTY_ARRAY_CONDITION_IFEXISTS", findingType: "SUGGESTION", message: "The IfExists suffix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead." },
  { code: "EMPTY_ARRAY_PRINCIPAL", findingType: "SUGGESTION", message: "This statement includes no principals and does not affect the policy. Specify principals." },
  { code: "EMPTY_ARRAY_RESOURCE", findingType: "SUGGESTION", message: "This statement includes no resources and does not affect the policy. Specify resources." },
  { code: "EMPTY_OBJECT_CONDITION", findingType: "SUGGESTION", message: "This condition block is empty and it does not affect the policy. Specify conditions." },
  { code: "EMPTY_OBJECT_PRINCIPAL", findingType: "SUGGESTION", message: "This statement includes no principals and does not affect the policy. Specify principals." },
  { code: "EMPTY_SID_VALUE", findingType: "SUGGESTION", message: "Add a value to the empty string in the Sid element." },
  { code: "EQUIVALENT_TO_NULL_FALSE", findingType: "SUGGESTION", message: "We recommend replacing the key {{key}} in the condition block of {{operator}} with {{{recommendedKey}}: false} to ensure better enforcement of the condition." },
  { code: "EQUIVALENT_TO_NULL_TRUE", findingType: "SUGGESTION", message: "We recommend replacing the key {{key}} in the condition block of {{operator}} with {{{recommendedKey}}: true} to ensure better enforcement of the condition." },
  { code: "IMPROVE_IP_RANGE", findingType: "SUGGESTION", message: "The non-zero bits in the IP address after the masked bits are ignored. Replace address with {{addr}}." },
  { code: "NULL_WITH_QUALIFIER", findingType: "SUGGESTION", message: "Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively." },
  { code: "PRIVATE_IP_ADDRESS_SUBSET", findingType: "SUGGESTION", message: "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp." },
  { code: "PRIVATE_NOT_IP_ADDRESS_SUBSET", findingType: "SUGGESTION", message: "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp." },
  { code: "REDUNDANT_ACTION", findingType: "SUGGESTION", message: "The {{redundantActionCount}} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: {{redundantAction}}." },
  { code: "REDUNDANT_CONDITION_VALUE_NUM", findingType: "SUGGESTION", message: "Multiple values in {{operator}} are redundant. Replace with the {{greatest/least}} single value for {{key}}." },
  { code: "REDUNDANT_RESOURCE", findingType: "SUGGESTION", message: "The {{redundantResourceCount}} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)" },
  { code: "REDUNDANT_STATEMENT", findingType: "SUGGESTION", message: "The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement." },
  { code: "WILDCARD_IN_SERVICE_NAME", findingType: "SUGGESTION", message: "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names." },
  { code: "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", findingType: "SUGGESTION", message: "Using the effect Allow with the tag condition key {{conditionKeyName}} and actions for services with the following prefixes does not affect the policy: {{serviceNames}}. Actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key." },
  { code: "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", findingType: "SUGGESTION", message: "Using the effect Allow with NotAction and the tag condition key {{conditionKeyName}} allows only service actions that support the condition key. The condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction." },
  { code: "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", findingType: "SUGGESTION", message: "To restrict access to the service principal {{servicePrincipalPrefix}} operating on your behalf, we recommend aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths instead of {{key}}." },
  { code: "IRRELEVANT_CONDITION_KEY_IN_POLICY", findingType: "SUGGESTION", message: "The condition key {{condition-key}} is not relevant for the {{resource-type}} policy.  Use this key in an identity-based policy to govern access to this resource." },
  { code: "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION", findingType: "SUGGESTION", message: "The key {{key}} in the condition block of {{operator}} is redundant because it is always matched. Remove this key to simplify the condition." },
  { code: "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", findingType: "SUGGESTION", message: "The assumed-role principal {{redundant_principal}} is redundant with its parent role {{parent_role}}. Remove the assumed-role principal." },
  { code: "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION", findingType: "SUGGESTION", message: "The key {{key}} in the condition block of {{operator}} does not match any values. Remove this key to simplify the condition." },
  { code: "CONFIRM_AUDIENCE_CLAIM_TYPE", findingType: "SUGGESTION", message: "The \"{{key}}\" ({{audienceType}}) claim key identifies the recipients that the JSON web token is intended for. Because this claim is single-valued, do not use a qualifier." },
];

const SLUG: Record<FindingType, string> = { ERROR: 'error', SECURITY_WARNING: 'security-warning', WARNING: 'general-warning', SUGGESTION: 'suggestion' };

/** The anchor of a check on the reference page: type and code in kebab case. */
export function referenceAnchor(check: ReferenceCheck): string {
  return `access-analyzer-reference-policy-checks-${SLUG[check.findingType]}-${check.code.toLowerCase().replace(/_/g, '-')}`;
}

export function referenceLink(check: ReferenceCheck): string {
  return `${REFERENCE_PAGE}#${referenceAnchor(check)}`;
}

const BY_CODE = new Map(REFERENCE_CHECKS.map((c) => [c.code, c]));

export function referenceCheck(code: string): ReferenceCheck | undefined {
  return BY_CODE.get(code);
}
