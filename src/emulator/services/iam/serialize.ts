/**
 * IAM entities as the Query protocol's XML result members, in the member order of
 * IAM's API model. Lists are <member> elements; documents are URL-encoded, as IAM
 * returns them; timestamps are ISO-8601 to the second.
 */
import { xmlSafe } from '../../protocol/query.ts';
import { isoSeconds } from '../../timeText.ts';
import type { IamModel, ManagedPolicy, ManagedPolicyVersion, Role, User } from './model.ts';

export type XmlValue = string | number | boolean | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [member: string]: XmlValue;
}

/** A Query list: <Name><member>…</member>…</Name>, or an empty element. */
export function xmlList(items: XmlValue[]): XmlValue {
  return items.length > 0 ? { member: items } : '';
}

/** IAM returns policy documents URL-encoded. */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text);
}

function tagList(tags: Record<string, string>): XmlValue {
  const entries = Object.entries(tags);
  return entries.length > 0 ? xmlList(entries.map(([Key, Value]) => ({ Key, Value }))) : undefined;
}

function boundary(arn: string | undefined): XmlValue {
  return arn === undefined ? undefined : { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn };
}

/** User: the full shape (GetUser, CreateUser) or the listing subset (ListUsers omits boundary and tags). */
export function userXml(user: User, full = true): XmlObject {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: isoSeconds(user.createDate),
    PermissionsBoundary: full ? boundary(user.permissionsBoundary) : undefined,
    Tags: full ? tagList(user.tags) : undefined,
  };
}

/** Role: the full shape (GetRole, CreateRole) or the listing subset (ListRoles omits boundary and tags). */
export function roleXml(role: Role, full = true): XmlObject {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: isoSeconds(role.createDate),
    AssumeRolePolicyDocument: encodeDocument(role.trustPolicy.text),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: full ? boundary(role.permissionsBoundary) : undefined,
    Tags: full ? tagList(role.tags) : undefined,
  };
}

export function policyXml(iam: IamModel, policy: ManagedPolicy): XmlObject {
  return {
    PolicyName: policy.name,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: iam.defaultVersion(policy).versionId,
    AttachmentCount: iam.attachmentCount(policy),
    PermissionsBoundaryUsageCount: iam.boundaryUsageCount(policy),
    IsAttachable: true,
    // The one free-text member IAM's model does not constrain to printable characters.
    Description: policy.description === undefined ? undefined : xmlSafe(policy.description),
    CreateDate: isoSeconds(policy.createDate),
    UpdateDate: isoSeconds(policy.updateDate),
    Tags: tagList(policy.tags),
  };
}

/** A policy version; listings and CreatePolicyVersion leave the document out. */
export function policyVersionXml(version: ManagedPolicyVersion, withDocument: boolean): XmlObject {
  return {
    Document: withDocument ? encodeDocument(version.document.text) : undefined,
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefault,
    CreateDate: isoSeconds(version.createDate),
  };
}

export function attachedPoliciesXml(iam: IamModel, arns: string[]): XmlValue[] {
  return arns.map((arn) => ({ PolicyName: iam.getPolicy(arn).name, PolicyArn: arn }));
}

function inlineDetails(entity: User | Role): XmlValue {
  return xmlList([...entity.inlinePolicies].map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encodeDocument(doc.text) })));
}

/** GetAccountAuthorizationDetails' UserDetail. */
export function userDetailXml(iam: IamModel, user: User): XmlObject {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: isoSeconds(user.createDate),
    UserPolicyList: inlineDetails(user),
    GroupList: xmlList([]),
    AttachedManagedPolicies: xmlList(attachedPoliciesXml(iam, user.attachedPolicies)),
    PermissionsBoundary: boundary(user.permissionsBoundary),
    Tags: tagList(user.tags),
  };
}

/** GetAccountAuthorizationDetails' RoleDetail. */
export function roleDetailXml(iam: IamModel, role: Role): XmlObject {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: isoSeconds(role.createDate),
    AssumeRolePolicyDocument: encodeDocument(role.trustPolicy.text),
    InstanceProfileList: xmlList([]),
    RolePolicyList: inlineDetails(role),
    AttachedManagedPolicies: xmlList(attachedPoliciesXml(iam, role.attachedPolicies)),
    PermissionsBoundary: boundary(role.permissionsBoundary),
    Tags: tagList(role.tags),
  };
}

/** GetAccountAuthorizationDetails' ManagedPolicyDetail: every version, with its document. */
export function policyDetailXml(iam: IamModel, policy: ManagedPolicy): XmlObject {
  const { Tags: _tags, ...summary } = policyXml(iam, policy);
  return { ...summary, PolicyVersionList: xmlList(policy.versions.map((v) => policyVersionXml(v, true))) };
}
