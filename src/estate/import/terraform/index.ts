/**
 * `crossgate estate import terraform PLAN.json…`: the JSON of `terraform show -json` for a
 * plan (or a state) into an estate. Values are read from planned_values; a value unknown
 * until apply is followed through the configuration's references to the resource that
 * makes it (an API's id, a policy's ARN) or becomes a named placeholder; resource types
 * crossgate does not model are listed as skipped.
 * Format: https://developer.hashicorp.com/terraform/internals/json-format
 * Resources: https://registry.terraform.io/providers/hashicorp/aws/latest/docs (IAM, API Gateway v2)
 */
import type { Estate } from '../../types.ts';
import { UserError } from '../../../util/userError.ts';
import { EstateDraft, iamName } from '../draft.ts';
import { nameSuffix, placeholderAccountId, placeholderApiId, placeholderRouteId } from '../placeholders.ts';
import { jsonSource, type SourceFile } from '../sourceFile.ts';
import { openApiDocument, openApiRoutes } from '../openApiRoutes.ts';
import type { SourceAt } from '../types.ts';
import { configModule, splitAddress, walkModules, type ConfigResource, type Expression, type PlanJson, type PlanResource, type ProviderConfig, type ResourceChange } from './plan.ts';

export interface TerraformOptions {
  /** Provider configuration (`aws`, `aws.b` or `b`) → account id. */
  accountForProvider?: Record<string, string>;
  /** Account of resources whose provider names none. */
  account?: string;
  region?: string;
}

/** The resource types this importer models. */
export const TERRAFORM_TYPES = [
  'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_policy', 'aws_iam_policy_attachment',
  'aws_iam_user', 'aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_group', 'aws_iam_group_policy',
  'aws_iam_group_policy_attachment', 'aws_iam_group_membership', 'aws_iam_user_group_membership',
  'aws_apigatewayv2_api', 'aws_apigatewayv2_route', 'aws_apigatewayv2_stage',
];

interface Item {
  r: PlanResource;
  pointer: string;
  module: string;
  values: Record<string, unknown>;
  /** Attributes known only after apply. */
  unknown: Record<string, boolean>;
  config?: ConfigResource;
  account: string;
  region: string;
  partition: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function constant(e: unknown): unknown {
  return isObject(e) && 'constant_value' in e ? e.constant_value : undefined;
}

function importPlan(draft: EstateDraft, source: SourceFile, options: TerraformOptions): void {
  const file = source.file;
  const plan = source.value as PlanJson;
  if (!isObject(plan) || typeof plan.format_version !== 'string') throw new UserError(`${file}: /format_version: not the JSON of 'terraform show -json' (no format_version)`);
  if (!/^1\.\d+$/.test(plan.format_version)) throw new UserError(`${file}: /format_version: '${plan.format_version}' is not a 1.x format crossgate reads`);
  const rootPointer = plan.planned_values ? '/planned_values/root_module' : '/values/root_module';
  const root = plan.planned_values?.root_module ?? plan.values?.root_module;
  if (!root) throw new UserError(`${file}: /planned_values/root_module: the plan has no planned values (run 'terraform show -json PLANFILE')`);
  const at = (pointer: string): SourceAt => ({ file, pointer, line: source.lineOf(pointer) });
  const changes = new Map<string, ResourceChange>((plan.resource_changes ?? []).map((c) => [c.address, c]));
  const providers = plan.configuration?.provider_config ?? {};

  // Accounts and regions of provider configurations: --account-for-provider, allowed_account_ids,
  // an assume_role ARN, else --account, else a placeholder.
  const providerEnv = new Map<string, { account: string; region: string }>();
  const envOf = (key: string | undefined): { account: string; region: string } => {
    let k = key ?? 'aws';
    let p: ProviderConfig | undefined = providers[k];
    for (let hops = 0; p?.parent_key && hops < 10; hops++) {
      k = p.parent_key;
      p = providers[k];
    }
    if (!p && k.includes(':')) {
      k = k.slice(k.lastIndexOf(':') + 1);
      p = providers[k];
    }
    const known = providerEnv.get(k);
    if (known) return known;
    const alias = p?.alias;
    const given = options.accountForProvider?.[k] ?? (alias ? options.accountForProvider?.[alias] : undefined);
    const ex = p?.expressions ?? {};
    const allowed = constant(ex.allowed_account_ids);
    const assume = Array.isArray(ex.assume_role) ? constant((ex.assume_role[0] as Record<string, unknown> | undefined)?.role_arn) : undefined;
    const fromArn = typeof assume === 'string' ? /^arn:[^:]+:iam::(\d{12}):/.exec(assume)?.[1] : undefined;
    let account = given ?? (Array.isArray(allowed) && typeof allowed[0] === 'string' ? allowed[0] : undefined) ?? fromArn ?? options.account;
    if (!account) {
      account = placeholderAccountId(`${file}#${k}`);
      draft.placeholder({ name: `provider.${k}.account`, value: account, meaning: `the account of provider configuration ${k}, which names none (pass --account-for-provider ${k}=ID)` });
    }
    if (!/^\d{12}$/.test(account)) throw new UserError(`${file}: /configuration/provider_config/${k}: account '${account}' is not a 12-digit account id`);
    const region = (typeof constant(ex.region) === 'string' ? constant(ex.region) as string : undefined) ?? options.region ?? draft.region;
    const env = { account, region };
    providerEnv.set(k, env);
    return env;
  };

  const items: Item[] = [];
  for (const { r, pointer } of walkModules(root, rootPointer)) {
    if (r.mode !== 'managed') continue;
    const { module, config } = splitAddress(r.address);
    const cfg = configModule(plan.configuration?.root_module, module)?.resources?.find((c) => c.address === config);
    const change = changes.get(r.address);
    let { account, region } = envOf(cfg?.provider_config_key ?? (module ? `${module}:aws` : 'aws'));
    // A known ARN says the account for sure (resources already in the state).
    const arnAccount = typeof r.values?.arn === 'string' ? /^arn:[^:]+:(?:iam|execute-api|apigateway)?:[^:]*:(\d{12}):/.exec(r.values.arn)?.[1] : undefined;
    if (arnAccount) account = arnAccount;
    const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
    // after_unknown marks a wholly unknown attribute with true; nested objects mark parts of it.
    const unknown: Record<string, boolean> = {};
    for (const [k, u] of Object.entries(change?.change.after_unknown ?? {})) if (u === true) unknown[k] = true;
    items.push({ r, pointer, module, values: r.values ?? {}, unknown, config: cfg, account, region, partition });
  }
  const byAddress = new Map(items.map((i) => [i.r.address, i]));

  /** The resource a configuration reference names, in the referring resource's module. */
  const referenced = (from: Item, ref: string): { item: Item; attribute: string } | undefined => {
    const m = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(\[[^\]]*\])?(?:\.([a-z_]+))?/.exec(ref);
    if (!m) return undefined;
    const prefix = from.module ? `${from.module}.` : '';
    const exact = m[2] ? byAddress.get(`${prefix}${m[1]}${m[2]}`) : undefined;
    const candidates = exact ? [exact] : items.filter((i) => splitAddress(i.r.address).config === m[1] && i.module === from.module);
    const sameIndex = candidates.find((c) => c.r.index !== undefined && c.r.index === from.r.index);
    const item = candidates.length === 1 ? candidates[0] : sameIndex;
    return item ? { item, attribute: m[3] ?? 'id' } : undefined;
  };

  const names = new Map<Item, string>();
  const nameOf = (it: Item, max = 64): string => {
    const known = it.values.name;
    if (typeof known === 'string' && !it.unknown.name) return known;
    let n = names.get(it);
    if (!n) {
      // Terraform's generated names: name_prefix (or 'terraform-') and a unique suffix, known after apply.
      const prefix = typeof it.values.name_prefix === 'string' ? it.values.name_prefix : 'terraform-';
      n = iamName(`${prefix}${nameSuffix(`${it.account}/${it.r.address}`).toLowerCase()}`, max);
      draft.placeholder({ name: `${it.r.address}.name`, value: n, meaning: `the name Terraform generates for ${it.r.address} at apply`, source: at(it.pointer) });
      names.set(it, n);
    }
    return n;
  };
  const apiId = (it: Item): string => {
    if (typeof it.values.id === 'string' && !it.unknown.id) return it.values.id;
    const id = placeholderApiId(`${it.account}/${it.r.address}`);
    draft.placeholder({ name: `${it.r.address}.id`, value: id, meaning: `the id API Gateway gives ${it.r.address} at apply`, source: at(it.pointer) });
    return id;
  };
  const pathOf = (it: Item) => (typeof it.values.path === 'string' ? it.values.path : '/');
  /** A computed attribute of a modelled resource (what a reference to it yields). */
  const attributeOf = (it: Item, attribute: string): string | undefined => {
    const v = it.values[attribute];
    if (v !== undefined && v !== null && !it.unknown[attribute] && typeof v !== 'object') return String(v);
    switch (`${it.r.type}.${attribute}`) {
      case 'aws_iam_role.name': case 'aws_iam_role.id': case 'aws_iam_user.name': case 'aws_iam_user.id': case 'aws_iam_group.name': case 'aws_iam_group.id':
        return nameOf(it);
      case 'aws_iam_policy.name': return nameOf(it, 128);
      case 'aws_iam_role.arn': return `arn:${it.partition}:iam::${it.account}:role${pathOf(it)}${nameOf(it)}`;
      case 'aws_iam_user.arn': return `arn:${it.partition}:iam::${it.account}:user${pathOf(it)}${nameOf(it)}`;
      case 'aws_iam_group.arn': return `arn:${it.partition}:iam::${it.account}:group${pathOf(it)}${nameOf(it)}`;
      case 'aws_iam_policy.arn': case 'aws_iam_policy.id': case 'aws_iam_policy.policy_id':
        return attribute === 'policy_id' ? undefined : `arn:${it.partition}:iam::${it.account}:policy${pathOf(it)}${nameOf(it, 128)}`;
      case 'aws_apigatewayv2_api.id': return apiId(it);
      case 'aws_apigatewayv2_api.execution_arn': return `arn:${it.partition}:execute-api:${it.region}:${it.account}:${apiId(it)}`;
      case 'aws_apigatewayv2_api.api_endpoint': return `https://${apiId(it)}.execute-api.${it.region}.amazonaws.com`;
      case 'aws_apigatewayv2_route.id': return placeholderRouteId(`${it.account}/${it.r.address}`);
      default: return undefined;
    }
  };
  /** An attribute of a resource, known or followed through its configuration reference; placeholder otherwise. */
  const value = (it: Item, attribute: string): unknown => {
    const v = it.values[attribute];
    if (!it.unknown[attribute] && v !== undefined) return v;
    const expr = it.config?.expressions?.[attribute] as Expression | undefined;
    for (const ref of expr?.references ?? []) {
      const target = referenced(it, ref);
      const resolved = target && attributeOf(target.item, target.attribute);
      if (resolved !== undefined) return resolved;
    }
    if (!it.unknown[attribute]) return undefined;
    const refs = expr?.references?.length ? ` (from ${expr.references.join(', ')})` : '';
    return draft.placeholder({ name: `${it.r.address}.${attribute}`, value: `{{${it.r.address}.${attribute}}}`, meaning: `${attribute} of ${it.r.address}, known after apply${refs}`, source: at(it.pointer) });
  };
  const str = (it: Item, attribute: string): string | undefined => {
    const v = value(it, attribute);
    return typeof v === 'string' ? v : undefined;
  };
  const skip = (it: Item, reason: string) => draft.skip({ resource: it.r.address, type: it.r.type, reason, source: at(it.pointer) });
  /** A policy document (a JSON string in Terraform); undefined, and skipped with why, when unknown until apply. */
  const document = (it: Item, attribute: string, values: Record<string, unknown> = it.values, unknown: unknown = it.unknown[attribute]): Record<string, unknown> | undefined => {
    const text = values[attribute];
    if (unknown === true || typeof text !== 'string') {
      const refs = ((it.config?.expressions?.[attribute] as Expression | undefined)?.references ?? []).join(', ');
      skip(it, `${attribute} is known only after apply${refs ? ` (it depends on ${refs})` : ''}: the policy document cannot be read from the plan`);
      return undefined;
    }
    try {
      const doc = JSON.parse(text) as unknown;
      if (isObject(doc)) return doc;
    } catch { /* reported below */ }
    throw new UserError(`${file}: ${it.pointer}/values/${attribute}: not a JSON policy document`);
  };
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const entity = (s: string) => s.replace(/^arn:[^:]+:iam::\d{12}:(role|user|group)\/(?:.*\/)?/, '');

  for (const it of items) {
    const { r, account } = it;
    const src = at(it.pointer);
    const v = it.values;
    switch (r.type) {
      case 'aws_iam_role': {
        let trust: Record<string, unknown> | undefined;
        if (it.unknown.assume_role_policy) {
          // Known only after apply (it names a resource made in the same apply): the role is kept,
          // trusting a principal no check can take for a trusted one, so trust checks fail closed.
          const refs = ((it.config?.expressions?.assume_role_policy as Expression | undefined)?.references ?? []).join(', ');
          const who = `{{${r.address}.assume_role_policy}}`;
          draft.placeholder({ name: `${r.address}.assume_role_policy`, value: who, meaning: `the trust policy of ${r.address}, known only after apply${refs ? ` (it depends on ${refs})` : ''}`, source: src });
          trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: who }, Action: 'sts:AssumeRole' }] };
        } else trust = document(it, 'assume_role_policy');
        if (!trust) break;
        const name = nameOf(it);
        const boundary = str(it, 'permissions_boundary');
        draft.addRole(account, {
          name, path: typeof v.path === 'string' ? v.path : undefined, description: typeof v.description === 'string' && v.description ? v.description : undefined,
          assumeRolePolicyDocument: trust, maxSessionDuration: typeof v.max_session_duration === 'number' ? v.max_session_duration : undefined,
          tags: isObject(v.tags) && Object.keys(v.tags).length ? (v.tags as Record<string, string>) : undefined,
        }, r.address, src, at(`${it.pointer}/values/assume_role_policy`));
        if (Array.isArray(v.inline_policy)) {
          v.inline_policy.forEach((p, i) => {
            if (!isObject(p) || typeof p.name !== 'string' || !p.name) return;
            const doc = document(it, 'policy', p, false);
            if (doc) draft.attachInline(account, 'role', name, p.name, doc, r.address, r.type, at(`${it.pointer}/values/inline_policy/${i}/policy`));
          });
        }
        list(v.managed_policy_arns).forEach((arn, i) => draft.attachManaged(account, 'role', name, arn, r.address, r.type, at(`${it.pointer}/values/managed_policy_arns/${i}`)));
        if (boundary) draft.setBoundary(account, 'role', name, boundary, r.address, r.type, src);
        break;
      }
      case 'aws_iam_user': case 'aws_iam_group': {
        const name = nameOf(it);
        if (r.type === 'aws_iam_user') {
          draft.addUser(account, { name, path: typeof v.path === 'string' ? v.path : undefined, tags: isObject(v.tags) && Object.keys(v.tags).length ? (v.tags as Record<string, string>) : undefined }, r.address, src);
          const boundary = str(it, 'permissions_boundary');
          if (boundary) draft.setBoundary(account, 'user', name, boundary, r.address, r.type, src);
        } else draft.addGroup(account, name, src);
        break;
      }
      case 'aws_iam_policy': {
        const doc = document(it, 'policy');
        if (!doc) break;
        draft.addPolicy(account, { name: nameOf(it, 128), path: pathOf(it), description: typeof v.description === 'string' && v.description ? v.description : undefined, document: doc }, it.partition, r.address, at(`${it.pointer}/values/policy`));
        break;
      }
      case 'aws_iam_role_policy': case 'aws_iam_user_policy': case 'aws_iam_group_policy': {
        const kind = r.type === 'aws_iam_role_policy' ? 'role' : r.type === 'aws_iam_user_policy' ? 'user' : 'group';
        const owner = str(it, kind);
        const doc = document(it, 'policy');
        if (!doc) break;
        if (!owner) {
          skip(it, `the ${kind} it belongs to is not known`);
          break;
        }
        const policyName = typeof v.name === 'string' && !it.unknown.name ? v.name : nameOf(it, 128);
        draft.attachInline(account, kind, entity(owner), policyName, doc, r.address, r.type, at(`${it.pointer}/values/policy`));
        break;
      }
      case 'aws_iam_role_policy_attachment': case 'aws_iam_user_policy_attachment': case 'aws_iam_group_policy_attachment': {
        const kind = r.type === 'aws_iam_role_policy_attachment' ? 'role' : r.type === 'aws_iam_user_policy_attachment' ? 'user' : 'group';
        const owner = str(it, kind);
        const arn = str(it, 'policy_arn');
        if (!owner || !arn) skip(it, `the ${kind} or the policy ARN is not known`);
        else draft.attachManaged(account, kind, entity(owner), arn, r.address, r.type, src);
        break;
      }
      case 'aws_iam_policy_attachment': {
        const arn = str(it, 'policy_arn');
        if (!arn) {
          skip(it, 'the policy ARN is not known');
          break;
        }
        for (const kind of ['role', 'user', 'group'] as const) {
          const members = value(it, `${kind}s`);
          list(members).forEach((m) => draft.attachManaged(account, kind, entity(m), arn, r.address, r.type, src));
        }
        break;
      }
      case 'aws_iam_group_membership': {
        const group = str(it, 'group');
        const users = value(it, 'users');
        if (!group || !Array.isArray(users)) skip(it, 'the group or its users are not known');
        else list(users).forEach((u) => draft.addMember(account, entity(group), entity(u), r.address, r.type, src));
        break;
      }
      case 'aws_iam_user_group_membership': {
        const user = str(it, 'user');
        const groups = value(it, 'groups');
        if (!user || !Array.isArray(groups)) skip(it, 'the user or its groups are not known');
        else list(groups).forEach((g) => draft.addMember(account, entity(g), entity(user), r.address, r.type, src));
        break;
      }
      case 'aws_apigatewayv2_api': {
        if (v.protocol_type !== 'HTTP') {
          skip(it, `protocol_type ${String(v.protocol_type)}: crossgate models HTTP APIs only`);
          break;
        }
        const id = apiId(it);
        draft.addApi(account, { apiId: id, name: typeof v.name === 'string' ? v.name : r.name, protocolType: 'HTTP', routes: [] }, r.address, src);
        if (typeof v.body === 'string' && v.body) {
          const doc = openApiDocument(v.body);
          if (doc) openApiRoutes(doc).forEach((route, i) => draft.addRoute(id, { ...route, routeId: placeholderRouteId(`${account}/${r.address}/openapi/${i}`) }, r.address, r.type, at(`${it.pointer}/values/body`)));
          else skip(it, 'its body is not an OpenAPI document: its routes are not read');
        } else if (it.unknown.body) skip(it, 'its OpenAPI body is known only after apply: its routes are not read');
        if ((typeof v.target === 'string' && v.target) || it.unknown.target) {
          // Quick create: a route (route_key, default $default) and the $default stage.
          draft.addRoute(id, { routeKey: typeof v.route_key === 'string' && v.route_key ? v.route_key : '$default', routeId: placeholderRouteId(`${account}/${r.address}/quick-create`), authorizationType: 'NONE' }, r.address, r.type, src);
          draft.addStage(id, '$default', r.address, r.type, src);
        }
        break;
      }
      case 'aws_apigatewayv2_route': {
        const api = str(it, 'api_id');
        const routeKey = typeof v.route_key === 'string' ? v.route_key : undefined;
        const auth = typeof v.authorization_type === 'string' ? v.authorization_type : 'NONE';
        if (!api || !routeKey) skip(it, 'its API or route key is not known');
        else if (!['NONE', 'AWS_IAM', 'JWT', 'CUSTOM'].includes(auth)) skip(it, `authorization_type '${auth}' is not NONE, AWS_IAM, JWT or CUSTOM`);
        else draft.addRoute(api, { routeKey, routeId: attributeOf(it, 'id')!, authorizationType: auth as 'NONE' }, r.address, r.type, src);
        break;
      }
      case 'aws_apigatewayv2_stage': {
        const api = str(it, 'api_id');
        const name = typeof v.name === 'string' ? v.name : undefined;
        if (!api || !name) skip(it, 'its API or name is not known');
        else draft.addStage(api, name, r.address, r.type, src);
        break;
      }
      default:
        skip(it, 'not modelled by crossgate');
    }
  }
}

export function importTerraform(files: string[], options: TerraformOptions = {}): Estate {
  if (files.length === 0) throw new UserError('estate import terraform: name at least one plan JSON (terraform show -json PLANFILE > plan.json)');
  for (const [k, id] of Object.entries(options.accountForProvider ?? {})) {
    if (!/^\d{12}$/.test(id)) throw new UserError(`--account-for-provider ${k}=${id}: not a 12-digit account id`);
  }
  if (options.account !== undefined && !/^\d{12}$/.test(options.account)) throw new UserError(`--account: '${options.account}' is not a 12-digit account id`);
  const sources = files.map((f) => jsonSource(f));
  // The estate's region: --region, else the default provider's region of the first plan.
  const first = sources[0]!.value as PlanJson;
  const region = options.region ?? (constant(first?.configuration?.provider_config?.aws?.expressions?.region) as string | undefined) ?? 'us-east-1';
  const draft = new EstateDraft(typeof region === 'string' ? region : 'us-east-1');
  for (const source of sources) {
    draft.from.push({ kind: 'terraform', file: source.file });
    importPlan(draft, source, options);
  }
  return draft.finish(`Imported from ${files.length === 1 ? files[0] : `${files.length} Terraform plans`} by crossgate estate import terraform`);
}
