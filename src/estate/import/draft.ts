/**
 * An estate under construction from IaC or a live snapshot. Importers add entities as
 * they read them; attachments by name (an AWS::IAM::Policy naming a role defined later,
 * a Terraform attachment) are kept and applied in finish(), and whatever cannot be
 * applied is listed in `imported.skipped`, never dropped.
 */
import type { Estate, EstateAccount, EstateApi, EstateManagedPolicy, EstatePolicyDocument, EstateRole, EstateRoute, EstateUser } from '../../estate/types.ts';
import { escapePointer } from './sourceFile.ts';
import { parsePolicy } from '../../policy/index.ts';
import { AWS_MANAGED_STAND_INS, STAND_IN_PATH } from './awsManagedPolicies.ts';
import type { EstateImport, ImportedPlaceholder, ImportSource, SkippedResource, SourceAt } from './types.ts';

type Located<T> = T & { source?: SourceAt; resource?: string };

interface GroupDraft {
  name: string;
  inlinePolicies: Record<string, Located<{ document: EstatePolicyDocument }>>;
  attachedPolicies: string[];
  members: Set<string>;
  source?: SourceAt;
}

interface AccountDraft {
  id: string;
  alias?: string;
  roles: Map<string, Located<EstateRole> & { trustSource?: SourceAt; inlineSources: Map<string, SourceAt & { resource: string }> }>;
  users: Map<string, Located<EstateUser> & { inlineSources: Map<string, SourceAt & { resource: string }> }>;
  policies: Map<string, Located<EstateManagedPolicy> & { arn: string }>;
  groups: Map<string, GroupDraft>;
  apis: Map<string, Located<EstateApi> & { routeSources: (SourceAt & { resource: string } | undefined)[] }>;
}

type Attachment =
  | { kind: 'inline'; account: string; entity: 'role' | 'user' | 'group'; name: string; policyName: string; document: EstatePolicyDocument; resource: string; type: string; source?: SourceAt }
  | { kind: 'managed'; account: string; entity: 'role' | 'user' | 'group'; name: string; arn: string; resource: string; type: string; source?: SourceAt }
  | { kind: 'boundary'; account: string; entity: 'role' | 'user'; name: string; arn: string; resource: string; type: string; source?: SourceAt }
  | { kind: 'member'; account: string; group: string; user: string; resource: string; type: string; source?: SourceAt }
  | { kind: 'route'; apiId: string; route: EstateRoute; resource: string; type: string; source?: SourceAt }
  | { kind: 'stage'; apiId: string; stage: string; resource: string; type: string; source?: SourceAt };

const STAGE_NAME = /^(\$default|[A-Za-z0-9_-]{1,128})$/;
const ROUTE_KEY = /^(\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[^\s]*)$/;
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

export class EstateDraft {
  readonly accounts = new Map<string, AccountDraft>();
  readonly placeholders: ImportedPlaceholder[] = [];
  readonly skipped: SkippedResource[] = [];
  readonly from: ImportSource[] = [];
  private readonly attachments: Attachment[] = [];
  private readonly placeholderNames = new Set<string>();

  constructor(public region: string) {}

  account(id: string): AccountDraft {
    let a = this.accounts.get(id);
    if (!a) {
      a = { id, roles: new Map(), users: new Map(), policies: new Map(), groups: new Map(), apis: new Map() };
      this.accounts.set(id, a);
    }
    return a;
  }

  placeholder(p: ImportedPlaceholder): string {
    if (!this.placeholderNames.has(`${p.name}=${p.value}`)) {
      this.placeholderNames.add(`${p.name}=${p.value}`);
      this.placeholders.push(p);
    }
    return p.value;
  }

  skip(s: SkippedResource): void {
    this.skipped.push(s);
  }

  addRole(account: string, role: EstateRole, resource: string, source?: SourceAt, trustSource?: SourceAt): void {
    const a = this.account(account);
    if (a.roles.has(role.name)) return this.skip({ resource, type: 'role', reason: `a role named ${role.name} is already in account ${account}`, source });
    a.roles.set(role.name, { ...role, resource, source, trustSource: trustSource ?? source, inlineSources: new Map() });
  }

  addUser(account: string, user: EstateUser, resource: string, source?: SourceAt): void {
    const a = this.account(account);
    if (a.users.has(user.name)) return this.skip({ resource, type: 'user', reason: `a user named ${user.name} is already in account ${account}`, source });
    a.users.set(user.name, { ...user, resource, source, inlineSources: new Map() });
  }

  addGroup(account: string, name: string, source?: SourceAt): void {
    const a = this.account(account);
    if (!a.groups.has(name)) a.groups.set(name, { name, inlinePolicies: {}, attachedPolicies: [], members: new Set(), source });
  }

  /** A customer managed policy; returns its ARN. */
  addPolicy(account: string, policy: EstateManagedPolicy, partition: string, resource: string, source?: SourceAt): string {
    const arn = `arn:${partition}:iam::${account}:policy${policy.path ?? '/'}${policy.name}`;
    const a = this.account(account);
    if (a.policies.has(arn)) {
      this.skip({ resource, type: 'managed policy', reason: `a policy ${arn} is already in account ${account}`, source });
      return arn;
    }
    a.policies.set(arn, { ...policy, arn, resource, source });
    return arn;
  }

  addApi(account: string, api: EstateApi, resource: string, source?: SourceAt): void {
    const a = this.account(account);
    if (a.apis.has(api.apiId)) return this.skip({ resource, type: 'api', reason: `an API ${api.apiId} is already in account ${account}`, source });
    a.apis.set(api.apiId, { ...api, resource, source, routeSources: api.routes.map(() => source && { ...source, resource }) });
  }

  attachInline(account: string, entity: 'role' | 'user' | 'group', name: string, policyName: string, document: EstatePolicyDocument, resource: string, type: string, source?: SourceAt): void {
    this.attachments.push({ kind: 'inline', account, entity, name, policyName, document, resource, type, source });
  }

  attachManaged(account: string, entity: 'role' | 'user' | 'group', name: string, arn: string, resource: string, type: string, source?: SourceAt): void {
    this.attachments.push({ kind: 'managed', account, entity, name, arn, resource, type, source });
  }

  setBoundary(account: string, entity: 'role' | 'user', name: string, arn: string, resource: string, type: string, source?: SourceAt): void {
    this.attachments.push({ kind: 'boundary', account, entity, name, arn, resource, type, source });
  }

  addMember(account: string, group: string, user: string, resource: string, type: string, source?: SourceAt): void {
    this.attachments.push({ kind: 'member', account, group, user, resource, type, source });
  }

  addRoute(apiId: string, route: EstateRoute, resource: string, type: string, source?: SourceAt): void {
    this.attachments.push({ kind: 'route', apiId, route, resource, type, source });
  }

  addStage(apiId: string, stage: string, resource: string, type: string, source?: SourceAt): void {
    this.attachments.push({ kind: 'stage', apiId, stage, resource, type, source });
  }

  /**
   * Replace an id everywhere it appears in the policy documents (execute-api ARNs), for an
   * API whose live id is not in API Gateway's shape and is given a placeholder instead.
   */
  replaceInDocuments(from: string, to: string): void {
    const swap = <T>(doc: T): T => JSON.parse(JSON.stringify(doc).split(`:${from}/`).join(`:${to}/`)) as T;
    for (const a of this.accounts.values()) {
      for (const p of a.policies.values()) p.document = swap(p.document);
      for (const e of [...a.roles.values(), ...a.users.values()]) {
        if (e.inlinePolicies) e.inlinePolicies = swap(e.inlinePolicies);
        if ('assumeRolePolicyDocument' in e) e.assumeRolePolicyDocument = swap(e.assumeRolePolicyDocument);
      }
      for (const g of a.groups.values()) g.inlinePolicies = swap(g.inlinePolicies);
    }
    for (const at of this.attachments) if (at.kind === 'inline') at.document = swap(at.document);
  }

  private findApi(apiId: string) {
    for (const a of this.accounts.values()) {
      const api = a.apis.get(apiId);
      if (api) return api;
    }
    return undefined;
  }

  /**
   * A policy document the estate can hold. A placeholder ({{…}}) where IAM needs an ARN
   * (a Resource, an AWS principal) becomes an ARN that says so; a principal becomes one
   * of account 000000000000, which no check can mistake for a trusted account (fail
   * closed). A document IAM's grammar still rejects is reported, not kept.
   */
  private holdable(doc: EstatePolicyDocument, what: string, resource: string, type: string, source?: SourceAt): EstatePolicyDocument | undefined {
    const token = (v: string) => v.replace(/\{\{|\}\}/g, '').replace(/[^\w+=,.@-]/g, '-').slice(0, 48);
    const arnish = (v: unknown) => (typeof v === 'string' ? v.replace(/^\{\{([^}]*)\}\}/, (_m, name: string) => `arn:aws:crossgate-placeholder:::${token(name)}`) : v);
    const principal = (v: unknown) => (typeof v === 'string' && v.includes('{{') ? `arn:aws:iam::000000000000:role/placeholder-${token(v)}` : v);
    const fixed = JSON.parse(JSON.stringify(doc)) as EstatePolicyDocument;
    const statements = Array.isArray(fixed.Statement) ? fixed.Statement : fixed.Statement ? [fixed.Statement] : [];
    for (const st of statements as Record<string, unknown>[]) {
      for (const key of ['Resource', 'NotResource']) {
        if (st[key] !== undefined) st[key] = Array.isArray(st[key]) ? (st[key] as unknown[]).map(arnish) : arnish(st[key]);
      }
      for (const key of ['Principal', 'NotPrincipal']) {
        const p = st[key] as Record<string, unknown> | undefined;
        if (p && typeof p === 'object' && p.AWS !== undefined) p.AWS = Array.isArray(p.AWS) ? p.AWS.map(principal) : principal(p.AWS);
      }
    }
    const parsed = parsePolicy(fixed);
    if (parsed.ok) return fixed;
    const problem = parsed.problems[0]!;
    this.skip({ resource, type, reason: `${what} is not a policy IAM would accept (${problem.path}: ${problem.message}); it is not imported`, source });
    return undefined;
  }

  /** Apply attachments; fold groups into their members (the estate has no groups); return the estate. */
  finish(description?: string): Estate {
    // Documents first: what cannot be held is reported and left out, with its role if it is a trust policy.
    for (const a of this.accounts.values()) {
      for (const [arn, p] of a.policies) {
        const d = this.holdable(p.document, `managed policy ${p.name}`, p.resource ?? p.name, 'managed policy', p.source);
        if (d) p.document = d;
        else a.policies.delete(arn);
      }
      for (const [name, r] of a.roles) {
        const d = this.holdable(r.assumeRolePolicyDocument, `the trust policy of role ${name}`, r.resource ?? name, 'role', r.trustSource);
        if (d) r.assumeRolePolicyDocument = d;
        else a.roles.delete(name);
      }
    }
    for (const at of this.attachments) {
      if (at.kind !== 'inline') continue;
      const d = this.holdable(at.document, `inline policy ${at.policyName}`, at.resource, at.type, at.source);
      at.document = d ?? {};
      if (!d) (at as { dropped?: boolean }).dropped = true;
    }
    const miss = (at: Attachment, reason: string) => this.skip({ resource: at.resource, type: at.type, reason, source: at.source });
    const policyKnown = (account: AccountDraft, arn: string) => account.policies.has(arn);
    for (const at of this.attachments) {
      if (at.kind === 'route' || at.kind === 'stage') {
        const api = this.findApi(at.apiId);
        if (!api) {
          miss(at, `the API ${at.apiId} it belongs to is not in the input`);
          continue;
        }
        if (at.kind === 'stage') {
          if (!STAGE_NAME.test(at.stage)) miss(at, `stage name '${at.stage}' is not one the estate can hold`);
          else if (!(api.stages ?? []).includes(at.stage)) api.stages = [...(api.stages ?? []), at.stage];
        } else if (!ROUTE_KEY.test(at.route.routeKey)) {
          miss(at, `route key '${at.route.routeKey}' is not an HTTP API route key the estate can hold`);
        } else if (api.routes.some((r) => r.routeKey === at.route.routeKey)) {
          miss(at, `the API ${at.apiId} already has a route '${at.route.routeKey}'`);
        } else {
          api.routes.push(at.route);
          api.routeSources.push(at.source && { ...at.source, resource: at.resource });
        }
        continue;
      }
      const account = this.accounts.get(at.account) ?? this.account(at.account);
      if (at.kind === 'member') {
        const group = account.groups.get(at.group);
        if (!group) miss(at, `group ${at.group} is not in the input`);
        else if (!account.users.has(at.user)) miss(at, `user ${at.user} is not in the input`);
        else group.members.add(at.user);
        continue;
      }
      const target = at.entity === 'role' ? account.roles.get(at.name) : at.entity === 'user' ? account.users.get(at.name) : account.groups.get(at.name);
      if (!target) {
        miss(at, `${at.entity} ${at.name} of account ${at.account} is not in the input`);
        continue;
      }
      if (at.kind === 'inline') {
        if ((at as { dropped?: boolean }).dropped) continue;
        const inline = (target as { inlinePolicies?: Record<string, unknown> }).inlinePolicies ?? {};
        if (at.entity === 'group') (target as GroupDraft).inlinePolicies[at.policyName] = { document: at.document, source: at.source, resource: at.resource };
        else {
          inline[at.policyName] = at.document;
          (target as EstateRole).inlinePolicies = inline as Record<string, EstatePolicyDocument>;
          if (at.source) (target as { inlineSources: Map<string, SourceAt & { resource: string }> }).inlineSources.set(at.policyName, { ...at.source, resource: at.resource });
        }
      } else if (at.kind === 'managed' || at.kind === 'boundary') {
        const awsManaged = /^arn:([^:]+):iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(at.arn);
        if (awsManaged && AWS_MANAGED_STAND_INS[awsManaged[2]!] && at.kind === 'managed') {
          // A stand-in in the account keeps what the AWS managed policy grants.
          const standIn = `arn:${awsManaged[1]}:iam::${account.id}:policy${STAND_IN_PATH}${awsManaged[2]}`;
          if (!account.policies.has(standIn)) {
            account.policies.set(standIn, { name: awsManaged[2]!, path: STAND_IN_PATH, description: `Stand-in for the AWS managed policy ${at.arn}`, document: AWS_MANAGED_STAND_INS[awsManaged[2]!]!, arn: standIn, resource: at.arn });
            this.placeholder({ name: `aws-managed:${awsManaged[2]}@${account.id}`, value: standIn, meaning: `the AWS managed policy ${at.arn}, held as a customer managed policy of the account with AWS's document (the embedded AWS models no AWS managed policies)` });
          }
          const list = (target as { attachedPolicies?: string[] }).attachedPolicies ?? [];
          if (!list.includes(standIn)) list.push(standIn);
          (target as { attachedPolicies?: string[] }).attachedPolicies = list;
          continue;
        }
        if (!policyKnown(account, at.arn)) {
          const aws = /^arn:[^:]+:iam::aws:policy\//.test(at.arn);
          miss(at, `${at.kind === 'boundary' ? 'permissions boundary' : 'managed policy'} ${at.arn} is ${aws ? 'AWS managed; the embedded AWS models no AWS managed policies' : 'not in the input'}; ${at.entity} ${at.name} is imported without it`);
          continue;
        }
        if (at.kind === 'boundary') (target as EstateRole).permissionsBoundary = at.arn;
        else {
          const list = (target as { attachedPolicies?: string[] }).attachedPolicies ?? [];
          if (!list.includes(at.arn)) list.push(at.arn);
          (target as { attachedPolicies?: string[] }).attachedPolicies = list;
        }
      }
    }

    // Groups: the estate holds users, roles and policies only, so a group's policies are given
    // to each member, named after the group; the note in `skipped` says so.
    for (const account of this.accounts.values()) {
      for (const group of account.groups.values()) {
        for (const member of group.members) {
          const user = account.users.get(member)!;
          for (const [name, p] of Object.entries(group.inlinePolicies)) {
            user.inlinePolicies = { ...(user.inlinePolicies ?? {}), [`${group.name}.${name}`.slice(0, 128)]: p.document };
            if (p.source) user.inlineSources.set(`${group.name}.${name}`.slice(0, 128), { ...p.source, resource: p.resource ?? group.name });
          }
          for (const arn of group.attachedPolicies) if (!(user.attachedPolicies ?? []).includes(arn)) user.attachedPolicies = [...(user.attachedPolicies ?? []), arn];
        }
        this.skip({
          resource: group.name, type: 'group',
          reason: `the estate has no groups: the group's ${Object.keys(group.inlinePolicies).length} inline and ${group.attachedPolicies.length} managed policies are given to its ${group.members.size} member(s) directly`,
          source: group.source,
        });
      }
    }

    const locations: EstateImport['locations'] = {};
    const locate = (pointer: string, source: SourceAt | undefined, resource: string | undefined) => {
      if (source) locations[pointer] = { ...source, resource: resource ?? '' };
    };
    const accounts: EstateAccount[] = [...this.accounts.values()].map((a, ai) => {
      const ap = `/accounts/${ai}`;
      const out: EstateAccount = { id: a.id };
      if (a.alias) out.alias = a.alias;
      if (a.policies.size) {
        out.policies = [...a.policies.values()].map((p, i) => {
          locate(`${ap}/policies/${i}/document`, p.source, p.resource);
          return strip({ name: p.name, path: p.path, description: p.description, document: p.document });
        });
      }
      if (a.users.size) {
        out.users = [...a.users.values()].map((u, i) => {
          locate(`${ap}/users/${i}`, u.source, u.resource);
          for (const [name, s] of u.inlineSources) locate(`${ap}/users/${i}/inlinePolicies/${escapePointer(name)}`, s, s.resource);
          return strip({ name: u.name, path: u.path, accessKeys: u.accessKeys, inlinePolicies: u.inlinePolicies, attachedPolicies: u.attachedPolicies, permissionsBoundary: u.permissionsBoundary, tags: u.tags });
        });
      }
      if (a.roles.size) {
        out.roles = [...a.roles.values()].map((r, i) => {
          locate(`${ap}/roles/${i}`, r.source, r.resource);
          locate(`${ap}/roles/${i}/assumeRolePolicyDocument`, r.trustSource, r.resource);
          for (const [name, s] of r.inlineSources) locate(`${ap}/roles/${i}/inlinePolicies/${escapePointer(name)}`, s, s.resource);
          return strip({
            name: r.name, path: r.path, description: r.description, assumeRolePolicyDocument: r.assumeRolePolicyDocument, maxSessionDuration: r.maxSessionDuration,
            inlinePolicies: r.inlinePolicies, attachedPolicies: r.attachedPolicies, permissionsBoundary: r.permissionsBoundary, tags: r.tags,
          });
        });
      }
      if (a.apis.size) {
        out.apis = [...a.apis.values()].map((api, i) => {
          locate(`${ap}/apis/${i}`, api.source, api.resource);
          api.routeSources.forEach((s, ri) => locate(`${ap}/apis/${i}/routes/${ri}`, s, s?.resource));
          return strip({ apiId: api.apiId, name: api.name, protocolType: api.protocolType, stages: api.stages?.length ? api.stages : undefined, routes: api.routes });
        });
      }
      return out;
    });
    const imported: EstateImport = { from: this.from, locations, placeholders: this.placeholders, skipped: this.skipped };
    return { ...(description ? { description } : {}), region: this.region, accounts, imported } as Estate;
  }
}

/** Drop undefined and empty-object members (the schema has no nulls). */
function strip<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0 && k !== 'assumeRolePolicyDocument' && k !== 'document') continue;
    out[k] = v;
  }
  return out as T;
}

/** A name IAM accepts, from whatever the input gave (placeholders included). */
export function iamName(name: string, max = 64): string {
  if (IAM_NAME.test(name) && name.length <= max) return name;
  return name.replace(/[^\w+=,.@-]/g, '-').slice(0, max) || 'imported';
}
