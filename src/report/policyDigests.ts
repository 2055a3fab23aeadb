/**
 * Policy documents by digest: the SHA-256 of a document's canonical JSON (object keys
 * sorted, no whitespace), so two runs can say whether a policy changed without
 * comparing documents that IAM may return with keys in another order.
 */
import { createHash } from 'node:crypto';
import type { PolicyDigest, ScenarioResult } from './model.ts';

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function documentDigest(document: unknown): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}

/** One entry per distinct (policy, digest) among the scenarios' policy document evidence, sorted by policy. */
export function policyDigests(scenarios: readonly Pick<ScenarioResult, 'evidence'>[]): PolicyDigest[] {
  const seen = new Map<string, PolicyDigest>();
  for (const s of scenarios) {
    for (const e of s.evidence) {
      if (e.kind !== 'policyDocument') continue;
      const sha256 = documentDigest(e.document);
      const key = `${e.policyType}\u0000${e.policyId}\u0000${sha256}`;
      if (seen.has(key)) continue;
      seen.set(key, {
        policyId: e.policyId, policyType: e.policyType,
        ...(e.name ? { name: e.name } : {}), ...(e.versionId ? { versionId: e.versionId } : {}), ...(e.attachedTo ? { attachedTo: e.attachedTo } : {}),
        sha256,
      });
    }
  }
  return [...seen.values()].sort((a, b) => a.policyId.localeCompare(b.policyId) || a.policyType.localeCompare(b.policyType) || a.sha256.localeCompare(b.sha256));
}
