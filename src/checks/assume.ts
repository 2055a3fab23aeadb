/**
 * Can a principal assume a role? Only AccessDenied counts as "denied"; any other
 * failure (network, throttling, malformed answer) is an error, never a verdict.
 * Every attempt is recorded as evidence, whatever its outcome.
 */
import { assumeRole as stsAssumeRole, type AssumedRole } from '../aws/sts.ts';
import { AwsCallError } from '../aws/errors.ts';
import type { Actor } from './actor.ts';
import { recordEvidence, recordExpectation } from './evidence.ts';
import { configuredRoleArn, type Harness } from './harness.ts';

export type AssumeOutcome =
  | { outcome: 'assumed'; roleArn: string; session: AssumedRole; evidenceId?: string }
  | { outcome: 'denied'; roleArn: string; code: string; message: string; requestId?: string; evidenceId?: string };

export interface AssumeOptions {
  externalId?: string;
  durationSeconds?: number;
  /** A session policy (JSON text): the session gets at most what both it and the role allow. */
  policy?: string;
  /** Session tags (aws:PrincipalTag/<key> in the session's requests). */
  tags?: Record<string, string>;
}

export async function tryAssumeRole(h: Harness, actor: Actor, roleAlias: string, opts: AssumeOptions = {}): Promise<AssumeOutcome> {
  const roleArn = configuredRoleArn(h, roleAlias);
  const started = Date.now();
  const base = { kind: 'roleAssumption', actor: actor.name, principalArn: actor.ownArn(), role: roleAlias, roleArn } as const;
  try {
    const session = await stsAssumeRole(h.target, await actor.ownCredentials(), actor.name, {
      roleArn,
      sessionName: `crossgate-${actor.name}`.slice(0, 64),
      ...opts,
    });
    const ev = recordEvidence(h.evidence, { ...base, outcome: 'assumed', sessionArn: session.arn, requestId: session.requestId, durationMs: Date.now() - started });
    return { outcome: 'assumed', roleArn, session, evidenceId: ev.id };
  } catch (err) {
    const durationMs = Date.now() - started;
    if (err instanceof AwsCallError && err.code === 'AccessDenied' && err.status === 403) {
      const ev = recordEvidence(h.evidence, { ...base, outcome: 'denied', errorCode: err.code, errorMessage: err.awsMessage, requestId: err.requestId, durationMs });
      return { outcome: 'denied', roleArn, code: err.code, message: err.awsMessage, requestId: err.requestId, evidenceId: ev.id };
    }
    const e = err as Partial<AwsCallError>;
    recordEvidence(h.evidence, { ...base, outcome: 'error', errorCode: e.code ?? (err as Error).name, errorMessage: e.awsMessage ?? String((err as Error).message ?? err), requestId: e.requestId, durationMs });
    throw err;
  }
}

/** Assume a role and make the actor act through it; fails if it is not allowed. */
export async function assumeRoleAs(h: Harness, actor: Actor, roleAlias: string, opts: AssumeOptions = {}): Promise<AssumedRole> {
  const result = await tryAssumeRole(h, actor, roleAlias, opts);
  recordExpectation(h.evidence, { of: result.evidenceId, check: 'assumption', expected: 'assumed', observed: result.outcome });
  if (result.outcome === 'denied') {
    throw new Error(`${actor.name} could not assume ${result.roleArn}: ${result.code}: ${result.message}`);
  }
  actor.session = { ...result.session, roleAlias };
  return result.session;
}
