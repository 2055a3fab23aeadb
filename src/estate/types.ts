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
}
