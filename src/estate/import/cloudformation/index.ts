/**
 * `crossgate estate import cloudformation`: CloudFormation templates (JSON or YAML with
 * short-form tags) and CDK cloud assemblies (a cdk.out folder) into one estate.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Estate } from '../../../estate/types.ts';
import { readJsonFile } from '../../../util/jsonFile.ts';
import { UserError } from '../../../util/userError.ts';
import { EstateDraft } from '../draft.ts';
import { placeholderAccountId } from '../placeholders.ts';
import { importStack } from './importStack.ts';
import { readTemplate } from './template.ts';

export { readTemplate };

export interface CloudFormationOptions {
  /** Stack parameters (--parameter K=V), applied to every template that declares them. */
  parameters?: Record<string, string>;
  /** Account of templates that name none (plain templates, environment-agnostic CDK stacks). */
  account?: string;
  region?: string;
  stackName?: string;
}

interface StackArtifact { id: string; stackName: string; templateFile: string; account?: string; region?: string; parameters: Record<string, string>; dependencies: string[] }

/** The stacks of a cloud assembly (and of nested assemblies, e.g. CDK Stages), in dependency order. */
function assemblyStacks(dir: string): StackArtifact[] {
  const manifestFile = join(dir, 'manifest.json');
  const manifest = readJsonFile(manifestFile) as { artifacts?: Record<string, { type?: string; environment?: string; properties?: Record<string, unknown>; dependencies?: string[] }> };
  if (!manifest || typeof manifest !== 'object' || typeof manifest.artifacts !== 'object') throw new UserError(`${manifestFile}: /artifacts: not a CDK cloud assembly manifest`);
  const stacks: StackArtifact[] = [];
  for (const [id, a] of Object.entries(manifest.artifacts ?? {})) {
    if (a.type === 'cdk:cloud-assembly' && typeof a.properties?.directoryName === 'string') {
      stacks.push(...assemblyStacks(join(dir, a.properties.directoryName)));
      continue;
    }
    if (a.type !== 'aws:cloudformation:stack') continue;
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(a.environment ?? '');
    const templateFile = a.properties?.templateFile;
    if (typeof templateFile !== 'string') throw new UserError(`${manifestFile}: /artifacts/${id}/properties/templateFile: missing`);
    stacks.push({
      id, templateFile: join(dir, templateFile),
      stackName: typeof a.properties?.stackName === 'string' ? a.properties.stackName : id,
      account: env && /^\d{12}$/.test(env[1]!) ? env[1] : undefined,
      region: env && env[2] !== 'unknown-region' ? env[2] : undefined,
      parameters: (a.properties?.parameters as Record<string, string> | undefined) ?? {},
      dependencies: a.dependencies ?? [],
    });
  }
  // Producers before consumers: exports must exist before Fn::ImportValue reads them.
  const byId = new Map(stacks.map((s) => [s.id, s]));
  const ordered: StackArtifact[] = [];
  const visit = (s: StackArtifact, trail: string[]) => {
    if (ordered.includes(s) || trail.includes(s.id)) return;
    for (const d of s.dependencies) {
      const dep = byId.get(d);
      if (dep) visit(dep, [...trail, s.id]);
    }
    ordered.push(s);
  };
  for (const s of stacks) visit(s, []);
  return ordered;
}

export function importCloudFormation(inputs: string[], options: CloudFormationOptions = {}): Estate {
  if (inputs.length === 0) throw new UserError('estate import cloudformation: name at least one template or cdk.out folder');
  const stacks: { file: string; stackName: string; account?: string; region?: string; parameters: Record<string, string>; kind: 'cdk' | 'cloudformation' }[] = [];
  for (const input of inputs) {
    const isDir = existsSync(input) && statSync(input).isDirectory();
    if (isDir || basename(input) === 'manifest.json') {
      const dir = isDir ? input : resolve(input, '..');
      if (!existsSync(join(dir, 'manifest.json'))) throw new UserError(`${input}: a folder must be a CDK cloud assembly (cdk.out) with a manifest.json`);
      for (const s of assemblyStacks(dir)) {
        stacks.push({ file: s.templateFile, stackName: s.stackName, account: s.account, region: s.region, parameters: s.parameters, kind: 'cdk' });
      }
    } else {
      const stackName = options.stackName ?? basename(input).replace(/\.(template\.)?(json|ya?ml|template)$/i, '').replace(/[^A-Za-z0-9-]/g, '-');
      stacks.push({ file: input, stackName, parameters: {}, kind: 'cloudformation' });
    }
  }
  if (options.account !== undefined && !/^\d{12}$/.test(options.account)) throw new UserError(`--account: '${options.account}' is not a 12-digit account id`);
  const region = options.region ?? stacks.find((s) => s.region)?.region ?? 'us-east-1';
  const draft = new EstateDraft(region);
  const exports = new Map<string, Map<string, unknown>>();
  const declaredAnywhere = new Set<string>();
  for (const s of stacks) {
    let account = s.account ?? options.account;
    if (!account) {
      account = placeholderAccountId(s.stackName);
      draft.placeholder({ name: `${s.stackName}.AWS::AccountId`, value: account, meaning: `the account ${s.stackName} deploys to; the template names none (pass --account ID)` });
    }
    const stackRegion = s.region ?? region;
    if (stackRegion !== region) {
      draft.skip({ resource: s.stackName, type: 'stack', reason: `deploys to ${stackRegion}; the estate's region is ${region}: its resources are imported as if in ${region}` });
    }
    const source = readTemplate(s.file);
    draft.from.push({ kind: s.kind, file: s.file, stack: s.stackName, account, region: stackRegion });
    const envKey = `${account}/${stackRegion}`;
    if (!exports.has(envKey)) exports.set(envKey, new Map());
    const parameters = { ...s.parameters };
    const declared = (source.value as { Parameters?: Record<string, unknown> } | null)?.Parameters ?? {};
    for (const k of Object.keys(declared)) declaredAnywhere.add(k);
    for (const [k, v] of Object.entries(options.parameters ?? {})) if (k in declared) parameters[k] = v;
    importStack(draft, { source, stackName: s.stackName, accountId: account, region: stackRegion, parameters, exports: exports.get(envKey)! });
  }
  for (const k of Object.keys(options.parameters ?? {})) {
    if (!declaredAnywhere.has(k)) throw new UserError(`--parameter ${k}: no template declares a parameter ${k}`);
  }
  return draft.finish(`Imported from ${stacks.length === 1 ? stacks[0]!.file : `${stacks.length} CloudFormation stacks`} by crossgate estate import cloudformation`);
}
