/**
 * AWS's service models as botocore ships them (data/<service>/<version>/service-2.json[.gz]),
 * found through the machine's python3. Tests that need them skip when botocore is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface ShapeRef {
  shape: string;
  locationName?: string;
  location?: string;
  flattened?: boolean;
}

export interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  timestampFormat?: string;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: { protocol: string; xmlNamespace?: string; apiVersion: string; signingName?: string; endpointPrefix: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

let dataDir: string | undefined | null = null;

/** botocore's data directory, or undefined when python3 or botocore is missing. */
export function botocoreDataDir(): string | undefined {
  if (dataDir !== null) return dataDir;
  const r = spawnSync('python3', ['-c', 'import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),"data"))'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  dataDir = dir !== '' && existsSync(dir) ? dir : undefined;
  return dataDir;
}

const cache = new Map<string, ServiceModel>();

/** The newest model of a service ('iam', 'apigatewayv2'), or undefined without botocore. */
export function serviceModel(service: string): ServiceModel | undefined {
  const cached = cache.get(service);
  if (cached) return cached;
  const base = botocoreDataDir();
  if (!base || !existsSync(join(base, service))) return undefined;
  const version = readdirSync(join(base, service)).sort().at(-1)!;
  const dir = join(base, service, version);
  const plain = join(dir, 'service-2.json');
  const text = existsSync(plain) ? readFileSync(plain, 'utf8') : gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8');
  const model = JSON.parse(text) as ServiceModel;
  for (const [name, op] of Object.entries(model.operations)) op.name = name;
  cache.set(service, model);
  return model;
}

/** A skip reason for node:test when botocore is not on this machine. */
export function skipWithoutBotocore(): string | false {
  return botocoreDataDir() ? false : 'botocore (python3) is not installed: the AWS service models are unavailable';
}
