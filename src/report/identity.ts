/**
 * What a run checked against, as digests, and what makes sharded jobs one run.
 * Two shards belong to one run when they ran the same selection (paths, tags, names),
 * with the same profile, config, estate and controls, at the same commit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RunMetadata, RunSelection } from './model.ts';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The digest of a file's bytes; undefined when it cannot be read. */
export function fileDigest(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted: the same data gives the same digest. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function runIdentity(run: Pick<RunMetadata, 'profile' | 'target' | 'digests' | 'git'> & { selection?: RunSelection }): string {
  const selection = run.selection ? { paths: run.selection.paths, tags: run.selection.tags ?? null, names: run.selection.names ?? [], partial: run.selection.partialBecause.filter((r) => r !== 'shard'), dryRun: !!run.selection.dryRun, shardTotal: run.selection.shard?.total ?? null } : null;
  return sha256(canonicalJson({ profile: run.profile ?? null, target: run.target, digests: run.digests ?? null, commit: run.git?.commit ?? null, dirty: run.git?.dirty ?? null, selection }));
}
