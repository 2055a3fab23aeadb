/**
 * Reading `terraform show -json` output: the plan representation (format_version 1.x)
 * or a state representation. Only what the importer needs is typed; unknown members
 * are ignored, as the format's compatibility promise asks.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */

export interface PlanResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  provider_name?: string;
  values?: Record<string, unknown>;
}

export interface PlanModule { address?: string; resources?: PlanResource[]; child_modules?: PlanModule[] }

export interface Expression { constant_value?: unknown; references?: string[] }
export type Expressions = Record<string, Expression | Record<string, unknown>[] | unknown>;

export interface ConfigResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider_config_key?: string;
  expressions?: Expressions;
}

export interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { source?: string; module?: ConfigModule; expressions?: Expressions; providers?: Record<string, string> }>;
}

export interface ProviderConfig {
  name: string;
  full_name?: string;
  alias?: string;
  module_address?: string;
  parent_key?: string;
  expressions?: Expressions;
}

export interface ResourceChange {
  address: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  change: { actions: string[]; before?: unknown; after?: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
}

export interface PlanJson {
  format_version: string;
  terraform_version?: string;
  planned_values?: { root_module?: PlanModule };
  values?: { root_module?: PlanModule };
  resource_changes?: ResourceChange[];
  prior_state?: { values?: { root_module?: PlanModule } };
  configuration?: { provider_config?: Record<string, ProviderConfig>; root_module?: ConfigModule };
}

/** Every resource of a module tree, with the JSON pointer it was read at. */
export function walkModules(m: PlanModule | undefined, pointer: string, out: { r: PlanResource; pointer: string; module: string }[] = []): typeof out {
  if (!m) return out;
  (m.resources ?? []).forEach((r, i) => out.push({ r, pointer: `${pointer}/resources/${i}`, module: m.address ?? '' }));
  (m.child_modules ?? []).forEach((c, i) => walkModules(c, `${pointer}/child_modules/${i}`, out));
  return out;
}

/** `module.a.module.b.aws_iam_role.x["k"]` → module path `module.a.module.b`, config address `aws_iam_role.x`. */
export function splitAddress(address: string): { module: string; config: string } {
  const parts: string[] = [];
  let rest = address;
  for (;;) {
    const m = /^(module\.[^.[]+(?:\[[^\]]*\])?)\.(.*)$/.exec(rest);
    if (!m) break;
    parts.push(m[1]!);
    rest = m[2]!;
  }
  return { module: parts.join('.'), config: rest.replace(/\[[^\]]*\]$/, '') };
}

/** The configuration module of a module path (instance keys dropped). */
export function configModule(root: ConfigModule | undefined, modulePath: string): ConfigModule | undefined {
  let m = root;
  if (!modulePath) return m;
  for (const seg of modulePath.split(/\.(?=module\.)/)) {
    const name = /^module\.([^.[]+)/.exec(seg)?.[1];
    m = name ? m?.module_calls?.[name]?.module : undefined;
  }
  return m;
}
