/**
 * Where a policy read from the embedded AWS lives in the repository: the estate file and
 * a JSON pointer to the document, so reports (SARIF) can point at the line. Only for a
 * plain estate file inside the repository; an overlay's documents live in its base and
 * its patch, so no single pointer is honest there.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { SourceRef } from '../evidence/types.ts';
import type { Harness } from './harness.ts';

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

const plainEstates = new Map<string, boolean>();

function isPlainEstate(file: string): boolean {
  let plain = plainEstates.get(file);
  if (plain === undefined) {
    try {
      plain = !('extends' in (JSON.parse(readFileSync(file, 'utf8')) as object));
    } catch {
      plain = false;
    }
    plainEstates.set(file, plain);
  }
  return plain;
}

/** The estate-file location of a policy id ('<policy arn>', '<role arn>#trust', '<role arn>#<inline name>'). */
export function policySource(h: Harness, policyId: string): SourceRef | undefined {
  const file = h.config.estateFile;
  if (h.target.kind !== 'embedded' || !h.estate || !file || !isPlainEstate(file)) return undefined;
  const rel = relative(process.cwd(), file);
  if (rel.startsWith('..')) return undefined;
  // An imported estate knows where each document came from: the template or plan, not the estate file.
  const origins = h.estate.imported?.locations;
  const at = (jsonPointer: string): SourceRef => {
    const origin = origins?.[jsonPointer];
    if (origin) {
      const inRepo = relative(process.cwd(), resolve(dirname(file), origin.file));
      if (!inRepo.startsWith('..')) return { file: inRepo.split(sep).join('/'), jsonPointer: origin.pointer };
    }
    return { file: rel.split(sep).join('/'), jsonPointer };
  };

  const managed = /^arn:aws:iam::(\d{12}):policy\/(?:.*\/)?([^/]+)$/.exec(policyId);
  const owned = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/#]+)#(.+)$/.exec(policyId);
  for (const [i, account] of h.estate.accounts.entries()) {
    if (managed && account.id === managed[1]) {
      const k = (account.policies ?? []).findIndex((p) => p.name === managed[2]);
      if (k !== -1) return at(`/accounts/${i}/policies/${k}/document`);
    }
    if (owned && account.id === owned[1]) {
      const j = (account.roles ?? []).findIndex((r) => r.name === owned[2]);
      if (j === -1) continue;
      if (owned[3] === 'trust') return at(`/accounts/${i}/roles/${j}/assumeRolePolicyDocument`);
      if (account.roles![j]!.inlinePolicies?.[owned[3]!]) return at(`/accounts/${i}/roles/${j}/inlinePolicies/${escapePointer(owned[3]!)}`);
    }
  }
  return undefined;
}
