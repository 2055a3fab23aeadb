/**
 * IAM state of the embedded AWS: per account, users, roles and managed policies.
 * Logic only; the Query protocol lives in the handler.
 */
import type { NamedPolicy, Policy, PrincipalIdentity } from '../../../policy/index.ts';
import { parsePolicy } from '../../../policy/index.ts';
import { roleArn, userArn } from '../../../arn/index.ts';
import { AwsError } from '../../errors.ts';
import { iamUniqueId } from '../../ids.ts';

export interface StoredDocument {
  /** The document exactly as given (JSON text), as IAM hands it back. */
  text: string;
  policy: Policy;
}

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
  description?: string;
  createDate: Date;
  versions: ManagedPolicyVersion[];
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

export function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', 400, message);
}

/** Parse a policy document given as text or object; a bad one is MalformedPolicyDocument. */
export function storeDocument(input: string | object, where: string): StoredDocument {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw malformed(`${where}: ${first ? `${first.message} (at ${first.path || '/'})` : 'invalid policy'}`);
  }
  return { text, policy: parsed.policy };
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

  createUser(accountId: string, name: string, path = '/', now = new Date()): User {
    const acct = this.account(accountId);
    if (acct.users.has(name)) throw new AwsError('EntityAlreadyExists', 409, `User with name ${name} already exists.`);
    const user: User = {
      kind: 'user', accountId, name, path, arn: userArn(accountId, name, path),
      id: iamUniqueId('AIDA', `${accountId}:user:${name}`), createDate: now,
      inlinePolicies: new Map(), attachedPolicies: [], tags: {},
    };
    acct.users.set(name, user);
    return user;
  }

  createRole(accountId: string, name: string, trust: StoredDocument, opts: { path?: string; description?: string; maxSessionDuration?: number } = {}, now = new Date()): Role {
    const acct = this.account(accountId);
    if (acct.roles.has(name)) throw new AwsError('EntityAlreadyExists', 409, `Role with name ${name} already exists.`);
    const path = opts.path ?? '/';
    const role: Role = {
      kind: 'role', accountId, name, path, arn: roleArn(accountId, name, path),
      id: iamUniqueId('AROA', `${accountId}:role:${name}`), createDate: now,
      inlinePolicies: new Map(), attachedPolicies: [], tags: {},
      description: opts.description, trustPolicy: trust, maxSessionDuration: opts.maxSessionDuration ?? 3600,
    };
    acct.roles.set(name, role);
    return role;
  }

  createPolicy(accountId: string, name: string, document: StoredDocument, opts: { path?: string; description?: string } = {}, now = new Date()): ManagedPolicy {
    const acct = this.account(accountId);
    const path = opts.path ?? '/';
    const arn = `arn:aws:iam::${accountId}:policy${path}${name}`;
    if (acct.policies.has(arn)) throw new AwsError('EntityAlreadyExists', 409, `A policy called ${name} already exists. Duplicate names are not allowed.`);
    const policy: ManagedPolicy = {
      arn, name, path, policyId: iamUniqueId('ANPA', arn), description: opts.description, createDate: now,
      versions: [{ versionId: 'v1', document, isDefault: true, createDate: now }],
    };
    acct.policies.set(arn, policy);
    return policy;
  }

  getUser(accountId: string, name: string): User {
    const user = this.accounts.get(accountId)?.users.get(name);
    if (!user) throw new AwsError('NoSuchEntity', 404, `The user with name ${name} cannot be found.`);
    return user;
  }

  getRole(accountId: string, name: string): Role {
    const role = this.accounts.get(accountId)?.roles.get(name);
    if (!role) throw new AwsError('NoSuchEntity', 404, `The role with name ${name} cannot be found.`);
    return role;
  }

  /** The role an ARN names, or undefined (path is not part of a role's identity). */
  findRoleByArn(arn: string): Role | undefined {
    const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    return this.accounts.get(m[1]!)?.roles.get(m[2]!);
  }

  getPolicy(arn: string): ManagedPolicy {
    const m = /^arn:aws:iam::(\d{12}|aws):policy\//.exec(arn);
    const policy = m ? this.accounts.get(m[1]!)?.policies.get(arn) : undefined;
    if (!policy) throw new AwsError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  attach(entity: User | Role, policyArn: string): void {
    this.getPolicy(policyArn);
    if (!entity.attachedPolicies.includes(policyArn)) entity.attachedPolicies.push(policyArn);
  }

  /** Every identity-based policy of a user or role, with names saying where each came from. */
  identityPolicies(entity: User | Role): NamedPolicy[] {
    const out: NamedPolicy[] = [];
    for (const arn of entity.attachedPolicies) {
      const policy = this.getPolicy(arn);
      const version = policy.versions.find((v) => v.isDefault)!;
      out.push({ name: arn, kind: 'identity', policy: version.document.policy });
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
