/**
 * IAM state of the embedded AWS: per account, users, roles and managed policies,
 * with IAM's rules (names unique regardless of case, quotas, delete conflicts).
 * Logic only; the Query protocol lives in the handler.
 */
import type { NamedPolicy, PrincipalIdentity } from '../../../policy/index.ts';
import { iamPath, roleArn, userArn } from '../../../arn/index.ts';
import { AwsError } from '../../errors.ts';
import { iamUniqueId } from '../../ids.ts';
import { DOCUMENT_QUOTAS, quotaLength, type StoredDocument } from './documents.ts';

export { malformed, storeDocument, type StoredDocument } from './documents.ts';

export interface ManagedPolicyVersion {
  versionId: string;
  document: StoredDocument;
  isDefault: boolean;
  createDate: Date;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  path: string;
  policyId: string;
  accountId: string;
  description?: string;
  createDate: Date;
  updateDate: Date;
  /** Newest last. */
  versions: ManagedPolicyVersion[];
  /** Version ids are never reused: the next one is v<nextVersion>. */
  nextVersion: number;
  tags: Record<string, string>;
}

export interface AccessKeyMetadata {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
}

interface PrincipalEntity {
  name: string;
  path: string;
  arn: string;
  id: string;
  createDate: Date;
  inlinePolicies: Map<string, StoredDocument>;
  /** Managed policy ARNs, in attachment order. */
  attachedPolicies: string[];
  permissionsBoundary?: string;
  tags: Record<string, string>;
}

export interface User extends PrincipalEntity {
  kind: 'user';
  accountId: string;
  /** Long-term access keys (the secrets live in the credential store). */
  accessKeys: AccessKeyMetadata[];
}

export interface Role extends PrincipalEntity {
  kind: 'role';
  accountId: string;
  description?: string;
  trustPolicy: StoredDocument;
  maxSessionDuration: number;
}

export interface IamAccount {
  id: string;
  alias?: string;
  users: Map<string, User>;
  roles: Map<string, Role>;
  /** Keyed by policy ARN. */
  policies: Map<string, ManagedPolicy>;
}

/** Who uses a managed policy, and how. */
export interface PolicyEntity {
  entity: User | Role;
  usage: 'PermissionsPolicy' | 'PermissionsBoundary';
}

/** IAM's default quotas that crossgate's users run into. */
export const IAM_QUOTAS = {
  accessKeysPerUser: 2,
  managedPoliciesPerEntity: 10,
  versionsPerPolicy: 5,
} as const;

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy((?:\/[^/]+)*\/)([\w+=,.@-]+)$/;

function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', 404, message);
}

function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflict', 409, message);
}

function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceeded', 409, message);
}

/** IAM names are unique regardless of case, and found regardless of case. */
function findByName<T>(map: Map<string, T>, name: string): T | undefined {
  const exact = map.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, value] of map) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export class IamModel {
  readonly accounts = new Map<string, IamAccount>();

  account(accountId: string): IamAccount {
    let acct = this.accounts.get(accountId);
    if (!acct) {
      acct = { id: accountId, users: new Map(), roles: new Map(), policies: new Map() };
      this.accounts.set(accountId, acct);
    }
    return acct;
  }

  /* ---- users ---- */

  createUser(accountId: string, name: string, path = '/', now = new Date()): User {
    const acct = this.account(accountId);
    if (findByName(acct.users, name)) throw new AwsError('EntityAlreadyExists', 409, `User with name ${name} already exists.`);
    const user: User = {
      kind: 'user', accountId, name, path: iamPath(path), arn: userArn(accountId, name, path),
      id: iamUniqueId('AIDA', `${accountId}:user:${name}`), createDate: now,
      inlinePolicies: new Map(), attachedPolicies: [], tags: {}, accessKeys: [],
    };
    acct.users.set(name, user);
    return user;
  }

  getUser(accountId: string, name: string): User {
    const user = this.findUser(accountId, name);
    if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    return user;
  }

  findUser(accountId: string, name: string): User | undefined {
    const users = this.accounts.get(accountId)?.users;
    return users ? findByName(users, name) : undefined;
  }

  /** Users whose path starts with the prefix, by name. */
  listUsers(accountId: string, pathPrefix = '/'): User[] {
    return [...(this.accounts.get(accountId)?.users.values() ?? [])].filter((u) => u.path.startsWith(pathPrefix)).sort(byName);
  }

  addAccessKey(user: User, key: AccessKeyMetadata): void {
    if (user.accessKeys.length >= IAM_QUOTAS.accessKeysPerUser) {
      throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${IAM_QUOTAS.accessKeysPerUser}`);
    }
    user.accessKeys.push(key);
  }

  /* ---- roles ---- */

  createRole(accountId: string, name: string, trust: StoredDocument, opts: { path?: string; description?: string; maxSessionDuration?: number } = {}, now = new Date()): Role {
    const acct = this.account(accountId);
    if (findByName(acct.roles, name)) throw new AwsError('EntityAlreadyExists', 409, `Role with name ${name} already exists.`);
    const path = iamPath(opts.path ?? '/');
    const role: Role = {
      kind: 'role', accountId, name, path, arn: roleArn(accountId, name, path),
      id: iamUniqueId('AROA', `${accountId}:role:${name}`), createDate: now,
      inlinePolicies: new Map(), attachedPolicies: [], tags: {},
      description: opts.description, trustPolicy: trust, maxSessionDuration: opts.maxSessionDuration ?? 3600,
    };
    acct.roles.set(name, role);
    return role;
  }

  getRole(accountId: string, name: string): Role {
    const role = this.findRole(accountId, name);
    if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return role;
  }

  findRole(accountId: string, name: string): Role | undefined {
    const roles = this.accounts.get(accountId)?.roles;
    return roles ? findByName(roles, name) : undefined;
  }

  /** The role an ARN names, or undefined (path is not part of a role's identity). */
  findRoleByArn(arn: string): Role | undefined {
    const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    return this.accounts.get(m[1]!)?.roles.get(m[2]!);
  }

  listRoles(accountId: string, pathPrefix = '/'): Role[] {
    return [...(this.accounts.get(accountId)?.roles.values() ?? [])].filter((r) => r.path.startsWith(pathPrefix)).sort(byName);
  }

  updateTrustPolicy(role: Role, trust: StoredDocument): void {
    if (quotaLength(trust.text) > DOCUMENT_QUOTAS.trustPolicy) {
      throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${DOCUMENT_QUOTAS.trustPolicy}`);
    }
    role.trustPolicy = trust;
  }

  deleteRole(accountId: string, name: string): void {
    const role = this.getRole(accountId, name);
    if (role.attachedPolicies.length > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (role.inlinePolicies.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    this.account(accountId).roles.delete(role.name);
  }

  /* ---- inline policies ---- */

  putInlinePolicy(entity: User | Role, name: string, document: StoredDocument): void {
    const quota = entity.kind === 'role' ? DOCUMENT_QUOTAS.roleInlineTotal : DOCUMENT_QUOTAS.userInlineTotal;
    let total = quotaLength(document.text);
    for (const [other, doc] of entity.inlinePolicies) if (other !== name) total += quotaLength(doc.text);
    if (total > quota) throw limitExceeded(`Maximum policy size of ${quota} bytes exceeded for ${entity.kind} ${entity.name}`);
    entity.inlinePolicies.set(name, document);
  }

  getInlinePolicy(entity: User | Role, name: string): StoredDocument {
    const doc = entity.inlinePolicies.get(name);
    if (!doc) throw noSuchEntity(`The ${entity.kind} policy with name ${name} cannot be found.`);
    return doc;
  }

  deleteInlinePolicy(entity: User | Role, name: string): void {
    this.getInlinePolicy(entity, name);
    entity.inlinePolicies.delete(name);
  }

  /* ---- managed policies ---- */

  createPolicy(accountId: string, name: string, document: StoredDocument, opts: { path?: string; description?: string } = {}, now = new Date()): ManagedPolicy {
    const acct = this.account(accountId);
    const path = iamPath(opts.path ?? '/');
    const arn = `arn:aws:iam::${accountId}:policy${path}${name}`;
    const lower = name.toLowerCase();
    if ([...acct.policies.values()].some((p) => p.name.toLowerCase() === lower)) {
      throw new AwsError('EntityAlreadyExists', 409, `A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const policy: ManagedPolicy = {
      arn, name, path, accountId, policyId: iamUniqueId('ANPA', arn), description: opts.description, createDate: now, updateDate: now,
      versions: [{ versionId: 'v1', document, isDefault: true, createDate: now }], nextVersion: 2, tags: {},
    };
    acct.policies.set(arn, policy);
    return policy;
  }

  getPolicy(arn: string): ManagedPolicy {
    const m = POLICY_ARN.exec(arn);
    const policy = m ? this.accounts.get(m[1]!)?.policies.get(arn) : undefined;
    if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  /**
   * A managed policy as seen from an account: its own, or AWS-managed ones (none are
   * modelled). A malformed ARN is InvalidInput; another account's policy does not exist.
   */
  policyFor(accountId: string, arn: string): ManagedPolicy {
    const m = POLICY_ARN.exec(arn);
    if (!m) throw new AwsError('InvalidInput', 400, `ARN ${arn} is not valid.`);
    if (m[1] !== accountId) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    return this.getPolicy(arn);
  }

  listPolicies(accountId: string): ManagedPolicy[] {
    return [...(this.accounts.get(accountId)?.policies.values() ?? [])].sort(byName);
  }

  defaultVersion(policy: ManagedPolicy): ManagedPolicyVersion {
    return policy.versions.find((v) => v.isDefault)!;
  }

  getPolicyVersion(policy: ManagedPolicy, versionId: string): ManagedPolicyVersion {
    const version = policy.versions.find((v) => v.versionId === versionId);
    if (!version) throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
    return version;
  }

  createPolicyVersion(policy: ManagedPolicy, document: StoredDocument, setAsDefault: boolean, now = new Date()): ManagedPolicyVersion {
    if (policy.versions.length >= IAM_QUOTAS.versionsPerPolicy) {
      throw limitExceeded(`A managed policy can have up to ${IAM_QUOTAS.versionsPerPolicy} versions. Before you create a new version, you must delete an existing version.`);
    }
    const version: ManagedPolicyVersion = { versionId: `v${policy.nextVersion}`, document, isDefault: false, createDate: now };
    policy.nextVersion += 1;
    policy.versions.push(version);
    if (setAsDefault) {
      for (const v of policy.versions) v.isDefault = v === version;
      policy.updateDate = now;
    }
    return version;
  }

  deletePolicyVersion(policy: ManagedPolicy, versionId: string): void {
    const version = this.getPolicyVersion(policy, versionId);
    if (version.isDefault) throw deleteConflict('Cannot delete the default version of a policy.');
    policy.versions = policy.versions.filter((v) => v !== version);
  }

  /** Users and roles that have the policy attached or as their permissions boundary. */
  entitiesForPolicy(policy: ManagedPolicy): PolicyEntity[] {
    const acct = this.accounts.get(policy.accountId);
    if (!acct) return [];
    const out: PolicyEntity[] = [];
    for (const entity of [...[...acct.users.values()].sort(byName), ...[...acct.roles.values()].sort(byName)]) {
      if (entity.attachedPolicies.includes(policy.arn)) out.push({ entity, usage: 'PermissionsPolicy' });
      if (entity.permissionsBoundary === policy.arn) out.push({ entity, usage: 'PermissionsBoundary' });
    }
    return out;
  }

  attachmentCount(policy: ManagedPolicy): number {
    return this.entitiesForPolicy(policy).filter((e) => e.usage === 'PermissionsPolicy').length;
  }

  boundaryUsageCount(policy: ManagedPolicy): number {
    return this.entitiesForPolicy(policy).filter((e) => e.usage === 'PermissionsBoundary').length;
  }

  deletePolicy(accountId: string, arn: string): void {
    const policy = this.policyFor(accountId, arn);
    if (this.entitiesForPolicy(policy).length > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    if (policy.versions.length > 1) {
      throw deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
    }
    this.account(accountId).policies.delete(policy.arn);
  }

  /* ---- attachments ---- */

  attach(entity: User | Role, policyArn: string): void {
    this.getPolicy(policyArn);
    if (entity.attachedPolicies.includes(policyArn)) return;
    if (entity.attachedPolicies.length >= IAM_QUOTAS.managedPoliciesPerEntity) {
      throw limitExceeded(`Cannot exceed quota for PoliciesPer${entity.kind === 'role' ? 'Role' : 'User'}: ${IAM_QUOTAS.managedPoliciesPerEntity}`);
    }
    entity.attachedPolicies.push(policyArn);
  }

  detach(entity: User | Role, policyArn: string): void {
    if (!entity.attachedPolicies.includes(policyArn)) throw noSuchEntity(`Policy ${policyArn} was not found.`);
    entity.attachedPolicies = entity.attachedPolicies.filter((a) => a !== policyArn);
  }

  /** The boundary must be a managed policy of the entity's own account (no AWS-managed ones are modelled). */
  setPermissionsBoundary(entity: User | Role, policyArn: string): void {
    if (!this.accounts.get(entity.accountId)?.policies.has(policyArn)) {
      throw noSuchEntity(`Scope ARN: ${policyArn} does not exist or is not attachable.`);
    }
    entity.permissionsBoundary = policyArn;
  }

  /* ---- evaluation ---- */

  /** Every identity-based policy of a user or role, with names saying where each came from. */
  identityPolicies(entity: User | Role): NamedPolicy[] {
    const out: NamedPolicy[] = [];
    for (const arn of entity.attachedPolicies) {
      const policy = this.getPolicy(arn);
      out.push({ name: arn, kind: 'identity', policy: this.defaultVersion(policy).document.policy });
    }
    for (const [name, doc] of entity.inlinePolicies) {
      out.push({ name: `${entity.arn}#${name}`, kind: 'identity', policy: doc.policy });
    }
    return out;
  }

  trustPolicy(role: Role): NamedPolicy {
    return { name: `${role.arn}#trust`, kind: 'trust', policy: role.trustPolicy.policy };
  }

  /** The principal a user is, for policy evaluation. */
  userIdentity(user: User): PrincipalIdentity {
    return { arn: user.arn, accountId: user.accountId, type: 'user', userId: user.id };
  }
}
