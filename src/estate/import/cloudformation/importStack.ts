/**
 * One CloudFormation stack (a template, with its parameters and environment) into an
 * EstateDraft: the IAM and API Gateway v2 resources crossgate models, every other
 * resource listed in `imported.skipped`.
 * Resource reference: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../../../util/userError.ts';
import type { EstateDraft } from '../draft.ts';
import { iamName } from '../draft.ts';
import { generatedName, placeholderApiId, placeholderRouteId } from '../placeholders.ts';
import { escapePointer, type SourceFile } from '../sourceFile.ts';
import type { SourceAt } from '../types.ts';
import { NO_VALUE, TemplateEvaluator, type Resolver } from './intrinsics.ts';
import { readTemplate } from './template.ts';
import { openApiDocument, openApiRoutes } from '../openApiRoutes.ts';

export interface StackInput {
  source: SourceFile;
  stackName: string;
  accountId: string;
  region: string;
  parameters: Record<string, string>;
  /** Exports of the stacks imported so far (Fn::ImportValue); this stack's are added. */
  exports: Map<string, unknown>;
}

interface Resource { Type: string; Properties?: Record<string, unknown>; Condition?: string }

/** The types this importer models (the rest are listed as skipped). */
export const MODELLED_TYPES = [
  'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
  'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::UserToGroupAddition',
  'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Stage',
];

function partitionOf(region: string): { partition: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  return { partition: 'aws', urlSuffix: 'amazonaws.com' };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** What a stack gives its parent: its outputs (Fn::GetAtt <NestedStack>.Outputs.<Name>). */
export interface ImportedStack { output(name: string): unknown }

export function importStack(draft: EstateDraft, input: StackInput): ImportedStack {
  const { source, stackName, accountId, region } = input;
  const file = source.file;
  const template = source.value;
  if (!isObject(template)) throw new UserError(`${file}: /: a CloudFormation template is a JSON or YAML object`);
  const resources = template.Resources;
  if (!isObject(resources)) throw new UserError(`${file}: /Resources: a CloudFormation template needs a Resources section`);
  for (const [id, r] of Object.entries(resources)) {
    if (!isObject(r) || typeof r.Type !== 'string') throw new UserError(`${file}: /Resources/${escapePointer(id)}/Type: every resource needs a Type`);
  }
  const { partition, urlSuffix } = partitionOf(region);
  const at = (pointer: string): SourceAt => ({ file, pointer, line: source.lineOf(pointer) });
  const resAt = (id: string) => at(`/Resources/${escapePointer(id)}`);
  const seed = (id: string) => `${accountId}/${region}/${stackName}/${id}`;
  const stackId = `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/${createHash('sha256').update(seed('')).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5')}`;

  const placeholder = (name: string, meaning: string, path: string) =>
    draft.placeholder({ name, value: `{{${name}}}`, meaning, source: at(path) });

  // Parameters: given with --parameter, else the template's default; an SSM-typed or
  // default-less parameter is a placeholder.
  const parameterDefs = isObject(template.Parameters) ? template.Parameters : {};
  const parameters = new Map<string, unknown>();
  const pendingPlaceholders = new Map<string, () => void>();
  for (const [name, def] of Object.entries(parameterDefs)) {
    const d = isObject(def) ? def : {};
    const type = typeof d.Type === 'string' ? d.Type : 'String';
    const given = input.parameters[name];
    const path = `/Parameters/${escapePointer(name)}`;
    let value: unknown;
    // A placeholder parameter is recorded when something reads it, not before.
    const later = (meaning: string) => {
      pendingPlaceholders.set(name, () => placeholder(`${stackName}.${name}`, meaning, path));
      return `{{${stackName}.${name}}}`;
    };
    if (given !== undefined) value = given;
    else if (type.startsWith('AWS::SSM::Parameter::Value')) value = later(`parameter ${name}, read from SSM Parameter Store ${String(d.Default ?? '')} at deploy`);
    else if (d.Default !== undefined) value = d.Default;
    else value = later(`parameter ${name} has no default; pass --parameter ${name}=VALUE`);
    if ((type.startsWith('List<') || type === 'CommaDelimitedList') && typeof value === 'string' && !value.startsWith('{{')) value = value.split(',').map((s) => s.trim());
    parameters.set(name, typeof value === 'number' ? String(value) : value);
  }
  for (const name of Object.keys(input.parameters)) {
    if (!(name in parameterDefs)) throw new UserError(`${file}: /Parameters: --parameter ${name}: the template has no parameter ${name}`);
  }

  const mappings = isObject(template.Mappings) ? template.Mappings : {};
  const conditionDefs = isObject(template.Conditions) ? template.Conditions : {};
  const conditions = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const names = new Map<string, unknown>();
  const nestedStacks = new Map<string, ImportedStack>();

  const pseudo: Record<string, unknown> = {
    'AWS::AccountId': accountId, 'AWS::Region': region, 'AWS::Partition': partition, 'AWS::URLSuffix': urlSuffix,
    'AWS::StackName': stackName, 'AWS::StackId': stackId, 'AWS::NotificationARNs': [],
  };

  const typeOf = (id: string) => (resources[id] as Resource).Type;
  const props = (id: string) => ((resources[id] as Resource).Properties ?? {}) as Record<string, unknown>;

  let ev: TemplateEvaluator;
  /** The physical id Ref returns for a resource crossgate models; a placeholder otherwise. */
  const physicalId = (id: string, path: string): unknown => {
    if (names.has(id)) return names.get(id);
    const p = props(id);
    const base = `/Resources/${escapePointer(id)}/Properties`;
    const named = (key: string, max: number) => {
      if (p[key] === undefined) return generatedName(stackName, id, seed(id), max);
      return iamName(ev.string(p[key], `${base}/${key}`, key), max);
    };
    let value: unknown;
    switch (typeOf(id)) {
      case 'AWS::IAM::Role': value = named('RoleName', 64); break;
      case 'AWS::IAM::User': value = named('UserName', 64); break;
      case 'AWS::IAM::Group': value = named('GroupName', 128); break;
      case 'AWS::IAM::ManagedPolicy': {
        const name = named('ManagedPolicyName', 128);
        const path2 = p.Path === undefined ? '/' : ev.string(p.Path, `${base}/Path`);
        value = `arn:${partition}:iam::${accountId}:policy${path2}${name}`;
        break;
      }
      case 'AWS::IAM::Policy': case 'AWS::IAM::RolePolicy': case 'AWS::IAM::UserPolicy': case 'AWS::IAM::GroupPolicy':
        value = generatedName(stackName, id, seed(id), 64); break;
      case 'AWS::ApiGatewayV2::Api': {
        value = placeholderApiId(seed(id));
        draft.placeholder({ name: `${stackName}.${id}.ApiId`, value: value as string, meaning: `the id API Gateway gives ${id} when ${stackName} is deployed`, source: resAt(id) });
        break;
      }
      case 'AWS::ApiGatewayV2::Route': value = placeholderRouteId(seed(id)); break;
      case 'AWS::ApiGatewayV2::Stage': value = p.StageName === undefined ? '$default' : ev.string(p.StageName, `${base}/StageName`); break;
      default: value = placeholder(`${stackName}.${id}`, `the physical id of ${id} (${typeOf(id)}), known after deploy`, path);
    }
    names.set(id, value);
    return value;
  };

  const resolver: Resolver = {
    file,
    region,
    ref(name, path) {
      if (name in pseudo) return pseudo[name];
      if (parameters.has(name)) {
        pendingPlaceholders.get(name)?.();
        return parameters.get(name);
      }
      if (name in resources) return physicalId(name, path);
      throw new UserError(`${file}: ${path}: Ref to '${name}', which is neither a parameter nor a resource of the template`);
    },
    getAtt(id, attribute, path) {
      if (!(id in resources)) throw new UserError(`${file}: ${path}: Fn::GetAtt on '${id}', which is not a resource of the template`);
      const type = typeOf(id);
      const ref = () => physicalId(id, path) as string;
      const iamArn = (kind: string, pathKey: string) => {
        const p = props(id);
        const rawPath = p[pathKey];
        const iamPath = rawPath === undefined ? '/' : ev.string(rawPath, `/Resources/${escapePointer(id)}/Properties/${pathKey}`);
        return `arn:${partition}:iam::${accountId}:${kind}${iamPath}${ref()}`;
      };
      if (type === 'AWS::IAM::Role' && attribute === 'Arn') return iamArn('role', 'Path');
      if (type === 'AWS::IAM::User' && attribute === 'Arn') return iamArn('user', 'Path');
      if (type === 'AWS::IAM::Group' && attribute === 'Arn') return iamArn('group', 'Path');
      if (type === 'AWS::IAM::ManagedPolicy' && attribute === 'PolicyArn') return ref();
      if (type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiId') return ref();
      if (type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') return `https://${ref()}.execute-api.${region}.${urlSuffix}`;
      if (type === 'AWS::ApiGatewayV2::Route' && attribute === 'RouteId') return ref();
      if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.') && nestedStacks.has(id)) {
        const value = nestedStacks.get(id)!.output(attribute.slice('Outputs.'.length));
        if (value !== undefined) return value;
      }
      return placeholder(`${stackName}.${id}.${attribute}`, `attribute ${attribute} of ${id} (${type}), known after deploy`, path);
    },
    importValue(name, path) {
      if (input.exports.has(name)) return input.exports.get(name);
      return placeholder(`import:${name}`, `the value exported as '${name}' by a stack that was not imported with this one`, path);
    },
    condition(name, path) {
      if (conditions.has(name)) return conditions.get(name)!;
      if (!(name in conditionDefs)) throw new UserError(`${file}: ${path}: condition '${name}' is not in the template's Conditions`);
      if (evaluating.has(name)) throw new UserError(`${file}: /Conditions/${escapePointer(name)}: condition '${name}' depends on itself`);
      evaluating.add(name);
      const v = ev.condition(conditionDefs[name], `/Conditions/${escapePointer(name)}`);
      evaluating.delete(name);
      conditions.set(name, v);
      return v;
    },
    findInMap(map, top, second) {
      const m = mappings[map];
      const t = isObject(m) ? m[top] : undefined;
      return isObject(t) ? t[second] : undefined;
    },
    unknown(what, path) {
      return placeholder(`${stackName}${path.replace(/\//g, '.')}`, what, path);
    },
  };
  ev = new TemplateEvaluator(resolver);

  // Nested stacks whose template is beside this one (a CDK cloud assembly names it in the
  // resource's aws:asset:path metadata): imported first, so their outputs resolve here.
  for (const [id, raw] of Object.entries(resources)) {
    const r = raw as Resource & { Metadata?: Record<string, unknown> };
    if (r.Type !== 'AWS::CloudFormation::Stack') continue;
    const assetPath = r.Metadata?.['aws:asset:path'];
    const nestedFile = typeof assetPath === 'string' ? join(dirname(file), assetPath) : undefined;
    if (!nestedFile || !existsSync(nestedFile)) continue;
    if (r.Condition !== undefined && !resolver.condition(String(r.Condition), `/Resources/${escapePointer(id)}/Condition`)) continue;
    const given = ev.value((r.Properties ?? {}).Parameters ?? {}, `/Resources/${escapePointer(id)}/Properties/Parameters`);
    const parameters: Record<string, string> = {};
    for (const [k, v] of Object.entries(isObject(given) ? given : {})) parameters[k] = Array.isArray(v) ? v.join(',') : String(v);
    const nestedName = generatedName(stackName, id, seed(id), 128);
    draft.from.push({ kind: 'cdk', file: nestedFile, stack: nestedName, account: accountId, region });
    nestedStacks.set(id, importStack(draft, { source: readTemplate(nestedFile), stackName: nestedName, accountId, region, parameters, exports: input.exports }));
  }

  const policyDoc = (v: unknown, path: string): Record<string, unknown> => {
    let doc = ev.value(v, path);
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc);
      } catch {
        throw new UserError(`${file}: ${path}: the policy document is a string that is not JSON`);
      }
    }
    if (!isObject(doc)) throw new UserError(`${file}: ${path}: a policy document must be an object`);
    return doc;
  };
  const names_ = (v: unknown, path: string): string[] => {
    if (v === undefined) return [];
    const x = ev.value(v, path);
    if (!Array.isArray(x)) throw new UserError(`${file}: ${path}: must be a list`);
    return x.map((n, i) => {
      if (typeof n !== 'string') throw new UserError(`${file}: ${path}/${i}: must be a name`);
      return n;
    });
  };
  const tags = (v: unknown, path: string): Record<string, string> | undefined => {
    if (v === undefined) return undefined;
    const x = ev.value(v, path);
    if (!Array.isArray(x)) return undefined;
    const out: Record<string, string> = {};
    for (const t of x) if (isObject(t) && typeof t.Key === 'string') out[t.Key] = String(t.Value ?? '');
    return Object.keys(out).length ? out : undefined;
  };
  /** A role, user or group name from a Ref to a resource of the template, or given as a name or ARN. */
  const entityName = (n: string) => n.replace(/^arn:[^:]+:iam::\d{12}:(role|user|group)\/(?:.*\/)?/, '');
  const inlinePolicies = (kind: 'role' | 'user' | 'group', owner: string, list: unknown, base: string, id: string, type: string) => {
    if (list === undefined) return;
    const x = ev.value(list, base);
    if (!Array.isArray(x)) throw new UserError(`${file}: ${base}: Policies must be a list`);
    (list as unknown[]).forEach((_, i) => {
      const p = x[i];
      if (!isObject(p)) return;
      const name = typeof p.PolicyName === 'string' ? p.PolicyName : `${id}Policy${i}`;
      draft.attachInline(accountId, kind, owner, iamName(name, 128), policyDoc(p.PolicyDocument, `${base}/${i}/PolicyDocument`), id, type, at(`${base}/${i}/PolicyDocument`));
    });
  };
  const managedArns = (kind: 'role' | 'user' | 'group', owner: string, v: unknown, base: string, id: string, type: string) => {
    names_(v, base).forEach((arn, i) => draft.attachManaged(accountId, kind, owner, arn, id, type, at(`${base}/${i}`)));
  };

  for (const [id, raw] of Object.entries(resources)) {
    const r = raw as Resource;
    const rp = `/Resources/${escapePointer(id)}`;
    const base = `${rp}/Properties`;
    const p = (r.Properties ?? {}) as Record<string, unknown>;
    if (r.Condition !== undefined && !resolver.condition(String(r.Condition), `${rp}/Condition`)) {
      draft.skip({ resource: `${stackName}/${id}`, type: r.Type, reason: `condition ${String(r.Condition)} is false: not created`, source: resAt(id) });
      continue;
    }
    const name = () => physicalId(id, rp) as string;
    /** A property's value; absent when missing or AWS::NoValue. */
    const val = (key: string): unknown => {
      if (p[key] === undefined) return undefined;
      const x = ev.value(p[key], `${base}/${key}`);
      return x === NO_VALUE ? undefined : x;
    };
    const opt = (key: string): string | undefined => {
      const x = val(key);
      if (x === undefined || typeof x === 'string') return x;
      if (typeof x === 'number' || typeof x === 'boolean') return String(x);
      throw new UserError(`${file}: ${base}/${key}: ${key} must be a string`);
    };
    switch (r.Type) {
      case 'AWS::IAM::Role': {
        const maxSession = val('MaxSessionDuration') === undefined ? undefined : Number(val('MaxSessionDuration'));
        draft.addRole(accountId, {
          name: name(), path: opt('Path'), description: opt('Description') || undefined,
          assumeRolePolicyDocument: policyDoc(p.AssumeRolePolicyDocument, `${base}/AssumeRolePolicyDocument`),
          maxSessionDuration: maxSession, tags: tags(p.Tags, `${base}/Tags`),
        }, `${stackName}/${id}`, resAt(id), at(`${base}/AssumeRolePolicyDocument`));
        inlinePolicies('role', name(), p.Policies, `${base}/Policies`, `${stackName}/${id}`, r.Type);
        managedArns('role', name(), p.ManagedPolicyArns, `${base}/ManagedPolicyArns`, `${stackName}/${id}`, r.Type);
        if (opt('PermissionsBoundary') !== undefined) draft.setBoundary(accountId, 'role', name(), opt('PermissionsBoundary')!, `${stackName}/${id}`, r.Type, at(`${base}/PermissionsBoundary`));
        break;
      }
      case 'AWS::IAM::User': {
        draft.addUser(accountId, { name: name(), path: opt('Path'), tags: tags(p.Tags, `${base}/Tags`) }, `${stackName}/${id}`, resAt(id));
        inlinePolicies('user', name(), p.Policies, `${base}/Policies`, `${stackName}/${id}`, r.Type);
        managedArns('user', name(), p.ManagedPolicyArns, `${base}/ManagedPolicyArns`, `${stackName}/${id}`, r.Type);
        if (opt('PermissionsBoundary') !== undefined) draft.setBoundary(accountId, 'user', name(), opt('PermissionsBoundary')!, `${stackName}/${id}`, r.Type, at(`${base}/PermissionsBoundary`));
        names_(p.Groups, `${base}/Groups`).forEach((g, i) => draft.addMember(accountId, entityName(g), name(), `${stackName}/${id}`, r.Type, at(`${base}/Groups/${i}`)));
        break;
      }
      case 'AWS::IAM::Group': {
        draft.addGroup(accountId, name(), resAt(id));
        inlinePolicies('group', name(), p.Policies, `${base}/Policies`, `${stackName}/${id}`, r.Type);
        managedArns('group', name(), p.ManagedPolicyArns, `${base}/ManagedPolicyArns`, `${stackName}/${id}`, r.Type);
        break;
      }
      case 'AWS::IAM::UserToGroupAddition': {
        const group = entityName(ev.string(p.GroupName, `${base}/GroupName`, 'GroupName'));
        names_(p.Users, `${base}/Users`).forEach((u, i) => draft.addMember(accountId, group, entityName(u), `${stackName}/${id}`, r.Type, at(`${base}/Users/${i}`)));
        break;
      }
      case 'AWS::IAM::Policy': case 'AWS::IAM::ManagedPolicy': {
        const doc = policyDoc(p.PolicyDocument, `${base}/PolicyDocument`);
        const docAt = at(`${base}/PolicyDocument`);
        const targets: ['role' | 'user' | 'group', string][] = [
          ...names_(p.Roles, `${base}/Roles`).map((n) => ['role', entityName(n)] as ['role', string]),
          ...names_(p.Users, `${base}/Users`).map((n) => ['user', entityName(n)] as ['user', string]),
          ...names_(p.Groups, `${base}/Groups`).map((n) => ['group', entityName(n)] as ['group', string]),
        ];
        if (r.Type === 'AWS::IAM::Policy') {
          const policyName = iamName(ev.string(p.PolicyName, `${base}/PolicyName`, 'PolicyName'), 128);
          if (targets.length === 0) draft.skip({ resource: `${stackName}/${id}`, type: r.Type, reason: 'the policy names no role, user or group', source: docAt });
          for (const [kind, owner] of targets) draft.attachInline(accountId, kind, owner, policyName, doc, `${stackName}/${id}`, r.Type, docAt);
        } else {
          const arn = name();
          const m = /^arn:[^:]+:iam::\d{12}:policy(\/(?:.*\/)?)([^/]+)$/.exec(arn)!;
          draft.addPolicy(accountId, { name: m[2]!, path: m[1], description: opt('Description') || undefined, document: doc }, partition, `${stackName}/${id}`, docAt);
          for (const [kind, owner] of targets) draft.attachManaged(accountId, kind, owner, arn, `${stackName}/${id}`, r.Type, docAt);
        }
        break;
      }
      case 'AWS::IAM::RolePolicy': case 'AWS::IAM::UserPolicy': case 'AWS::IAM::GroupPolicy': {
        const kind = r.Type === 'AWS::IAM::RolePolicy' ? 'role' : r.Type === 'AWS::IAM::UserPolicy' ? 'user' : 'group';
        const key = kind === 'role' ? 'RoleName' : kind === 'user' ? 'UserName' : 'GroupName';
        const owner = entityName(ev.string(p[key], `${base}/${key}`, key));
        const policyName = iamName(ev.string(p.PolicyName, `${base}/PolicyName`, 'PolicyName'), 128);
        const docPath = `${base}/PolicyDocument`;
        draft.attachInline(accountId, kind, owner, policyName, p.PolicyDocument === undefined ? { Version: '2012-10-17', Statement: [] } : policyDoc(p.PolicyDocument, docPath), `${stackName}/${id}`, r.Type, at(docPath));
        break;
      }
      case 'AWS::ApiGatewayV2::Api': {
        // With an OpenAPI Body, ProtocolType is absent: the API is an HTTP API.
        const protocol = opt('ProtocolType') ?? (p.Body !== undefined || p.BodyS3Location !== undefined ? 'HTTP' : undefined);
        if (protocol !== 'HTTP') {
          draft.skip({ resource: `${stackName}/${id}`, type: r.Type, reason: `ProtocolType ${protocol ?? '(none: an OpenAPI Body)'}: crossgate models HTTP APIs only`, source: resAt(id) });
          names.set(id, placeholderApiId(seed(id)));
          break;
        }
        const apiId = name();
        const apiName = opt('Name') ?? id;
        draft.addApi(accountId, { apiId, name: apiName, protocolType: 'HTTP', routes: [] }, `${stackName}/${id}`, resAt(id));
        const body = p.Body === undefined ? undefined : openApiDocument(val('Body'));
        if (body) {
          // Routes of an OpenAPI definition, as API Gateway imports them.
          openApiRoutes(body).forEach((route, i) => draft.addRoute(apiId, { ...route, routeId: placeholderRouteId(seed(`${id}/openapi/${i}`)) }, `${stackName}/${id}`, r.Type, at(`${base}/Body`)));
        } else if (p.Body !== undefined || p.BodyS3Location !== undefined) {
          draft.skip({ resource: `${stackName}/${id}`, type: r.Type, reason: `routes defined by ${p.BodyS3Location !== undefined ? 'an OpenAPI definition in S3 (BodyS3Location)' : 'a Body that is not an OpenAPI document'} are not read`, source: at(base) });
        }
        if (val('Target') !== undefined) {
          // Quick create: a route (RouteKey, default $default) and the $default stage with auto-deploy.
          // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html#cfn-apigatewayv2-api-target
          const routeKey = opt('RouteKey') ?? '$default';
          draft.addRoute(apiId, { routeKey, routeId: placeholderRouteId(seed(`${id}/quick-create`)), authorizationType: 'NONE' }, `${stackName}/${id}`, r.Type, at(base));
          draft.addStage(apiId, '$default', `${stackName}/${id}`, r.Type, at(base));
        }
        break;
      }
      case 'AWS::ApiGatewayV2::Route': {
        const apiId = ev.string(p.ApiId, `${base}/ApiId`, 'ApiId');
        const routeKey = ev.string(p.RouteKey, `${base}/RouteKey`, 'RouteKey');
        const auth = opt('AuthorizationType') ?? 'NONE';
        if (!['NONE', 'AWS_IAM', 'JWT', 'CUSTOM'].includes(auth)) throw new UserError(`${file}: ${base}/AuthorizationType: '${auth}' is not NONE, AWS_IAM, JWT or CUSTOM`);
        draft.addRoute(apiId, { routeKey, routeId: name(), authorizationType: auth as 'NONE' }, `${stackName}/${id}`, r.Type, resAt(id));
        break;
      }
      case 'AWS::ApiGatewayV2::Stage': {
        draft.addStage(ev.string(p.ApiId, `${base}/ApiId`, 'ApiId'), name(), `${stackName}/${id}`, r.Type, at(base));
        break;
      }
      case 'AWS::CloudFormation::Stack':
        if (nestedStacks.has(id)) break;
        draft.skip({ resource: `${stackName}/${id}`, type: r.Type, reason: 'a nested stack whose template is not beside this one (import it too, with the parameters it is given)', source: resAt(id) });
        break;
      default:
        draft.skip({ resource: `${stackName}/${id}`, type: r.Type, reason: 'not modelled by crossgate', source: resAt(id) });
    }
  }

  // Exports, for the stacks imported after this one (Fn::ImportValue).
  const outputs = isObject(template.Outputs) ? template.Outputs : {};
  for (const [name, out] of Object.entries(outputs)) {
    if (!isObject(out) || out.Export === undefined) continue;
    const path = `/Outputs/${escapePointer(name)}`;
    if (out.Condition !== undefined && !resolver.condition(String(out.Condition), `${path}/Condition`)) continue;
    const exportName = ev.string((out.Export as Record<string, unknown>).Name, `${path}/Export/Name`, 'the export name');
    const value = ev.value(out.Value, `${path}/Value`);
    if (value !== NO_VALUE) input.exports.set(exportName, value);
  }
  return {
    output(name) {
      const out = outputs[name];
      if (!isObject(out)) return undefined;
      const value = ev.value(out.Value, `/Outputs/${escapePointer(name)}/Value`);
      return value === NO_VALUE ? undefined : value;
    },
  };
}
