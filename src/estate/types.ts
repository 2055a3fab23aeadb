/** The estate file's shape (schemas/estate.schema.json). */
import type { EstateImport } from './import/types.ts';
export interface EstateAccessKey { accessKeyId: string; secretAccessKey: string; status?: 'Active' | 'Inactive' }
export type EstatePolicyDocument = Record<string, unknown>;
export interface EstateUser {
  name: string; path?: string; accessKeys?: EstateAccessKey[];
  inlinePolicies?: Record<string, EstatePolicyDocument>; attachedPolicies?: string[];
  permissionsBoundary?: string; tags?: Record<string, string>;
}
export interface EstateRole {
  name: string; path?: string; description?: string; assumeRolePolicyDocument: EstatePolicyDocument;
  maxSessionDuration?: number; inlinePolicies?: Record<string, EstatePolicyDocument>; attachedPolicies?: string[];
  permissionsBoundary?: string; tags?: Record<string, string>;
}
export interface EstateManagedPolicy { name: string; path?: string; description?: string; document: EstatePolicyDocument }
export interface EstateRoute { routeKey: string; routeId?: string; authorizationType?: 'NONE' | 'AWS_IAM' | 'JWT' | 'CUSTOM' }
export interface EstateApi { apiId: string; name: string; protocolType?: 'HTTP'; stages?: string[]; routes: EstateRoute[] }
export interface EstateAccount {
  id: string; alias?: string; policies?: EstateManagedPolicy[]; users?: EstateUser[]; roles?: EstateRole[]; apis?: EstateApi[];
}
export interface Estate {
  description?: string; region: string; accounts: EstateAccount[];
  /** Set when the estate was imported from CloudFormation, CDK, Terraform or live accounts. */
  imported?: EstateImport;
  /** The AWS Organizations organization the accounts may belong to. */
  organization?: EstateOrganization;
}
/** AWS Organizations: the organization the estate's accounts may belong to. */
export type EstateOrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
export interface EstateOrgPolicy { name: string; id?: string; type: EstateOrgPolicyType; description?: string; document: EstatePolicyDocument }
export interface EstateOrgAttachments { serviceControlPolicies?: string[]; resourceControlPolicies?: string[] }
export type EstateOrgAccount = string | (EstateOrgAttachments & { id: string });
export interface EstateOrgNode extends EstateOrgAttachments { id: string; accounts?: EstateOrgAccount[]; organizationalUnits?: EstateOrgUnit[] }
export interface EstateOrgUnit extends EstateOrgNode { name: string }
export interface EstateOrganization {
  id: string; managementAccountId: string; enabledPolicyTypes?: EstateOrgPolicyType[]; policies?: EstateOrgPolicy[]; root: EstateOrgNode;
}
