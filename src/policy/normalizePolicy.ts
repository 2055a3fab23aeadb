import type { ConditionBlock, Effect, Policy, PrincipalBlock, Statement } from './types.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

function principal(v: unknown): PrincipalBlock | undefined {
  if (v === undefined) return undefined;
  if (v === '*') return { wildcard: true };
  if (!isObject(v)) return {};
  const block: PrincipalBlock = {};
  for (const key of ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const) {
    const values = list(v[key]);
    if (values !== undefined) block[key] = values;
  }
  return block;
}

function condition(v: unknown): ConditionBlock | undefined {
  if (!isObject(v)) return undefined;
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(v)) {
    if (!isObject(keys)) continue;
    const entry: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(keys)) entry[key] = list(values) ?? [];
    block[operator] = entry;
  }
  return block;
}

/**
 * Turns a policy document (already validated, see parsePolicy) into the
 * normalised model: every multi-valued element a list, Principal "*" as
 * { wildcard: true }, condition values as strings, statements numbered.
 */
export function normalizePolicy(document: unknown): Policy {
  const doc = isObject(document) ? document : {};
  const raw = doc['Statement'];
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((s: unknown, index): Statement => {
    const st = isObject(s) ? s : {};
    const out: Statement = { index, effect: (st['Effect'] === 'Deny' ? 'Deny' : 'Allow') as Effect };
    if (typeof st['Sid'] === 'string') out.sid = st['Sid'];
    const action = list(st['Action']);
    if (action !== undefined) out.action = action;
    const notAction = list(st['NotAction']);
    if (notAction !== undefined) out.notAction = notAction;
    const resource = list(st['Resource']);
    if (resource !== undefined) out.resource = resource;
    const notResource = list(st['NotResource']);
    if (notResource !== undefined) out.notResource = notResource;
    const p = principal(st['Principal']);
    if (p !== undefined) out.principal = p;
    const np = principal(st['NotPrincipal']);
    if (np !== undefined) out.notPrincipal = np;
    const c = condition(st['Condition']);
    if (c !== undefined) out.condition = c;
    return out;
  });
  const policy: Policy = { statements };
  if (typeof doc['Version'] === 'string') policy.version = doc['Version'];
  if (typeof doc['Id'] === 'string') policy.id = doc['Id'];
  return policy;
}
