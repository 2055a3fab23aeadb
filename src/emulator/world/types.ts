/** The world file's shape (schemas/world.schema.json). */
export interface WorldAccessKey { accessKeyId: string; secretAccessKey: string; status?: 'Active' | 'Inactive' }
export type WorldPolicyDocument = Record<string, unknown>;
export interface WorldUser {
  name: string; path?: string; accessKeys?: WorldAccessKey[];
  inlinePolicies?: Record<string, WorldPolicyDocument>; attachedPolicies?: string[];
  permissionsBoundary?: string; tags?: Record<string, string>;
}
export interface WorldRole {
  name: string; path?: string; description?: string; assumeRolePolicyDocument: WorldPolicyDocument;
  maxSessionDuration?: number; inlinePolicies?: Record<string, WorldPolicyDocument>; attachedPolicies?: string[];
  permissionsBoundary?: string; tags?: Record<string, string>;
}
export interface WorldManagedPolicy { name: string; path?: string; description?: string; document: WorldPolicyDocument }
export interface WorldRoute { routeKey: string; routeId?: string; authorizationType?: 'NONE' | 'AWS_IAM' | 'JWT' | 'CUSTOM' }
export interface WorldApi { apiId: string; name: string; protocolType?: 'HTTP'; stages?: string[]; routes: WorldRoute[] }
export interface WorldAccount {
  id: string; alias?: string; policies?: WorldManagedPolicy[]; users?: WorldUser[]; roles?: WorldRole[]; apis?: WorldApi[];
}
export interface World { description?: string; region: string; accounts: WorldAccount[] }
