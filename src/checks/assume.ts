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
import { reuseUntilNearExpiry } from './sessions.ts';
import { readRole } from './policies.ts';
import { accountId } from '../config/load.ts';
import { authorize, parsePolicy } from '../policy/index.ts';

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

/**
 * A principal the config holds no credentials for (`{"source": "none"}`): whether it could
 * assume the role is decided by crossgate's engine against the role's trust policy (read
 * through the auditor), assuming the worst of the principal's own policies (they allow
 * sts:AssumeRole on everything). Denied is a verdict, marked not probed live; allowed is a
 * failure naming the statement that lets it in.
 */
async function decideWithoutCredentials(h: Harness, actor: Actor, roleAlias: string, roleArn: string, opts: AssumeOptions): Promise<AssumeOutcome> {
  const principalConfig = h.config.principals[actor.name]!;
  const account = accountId(h.config, principalConfig.account);
  const callerArn = `arn:aws:iam::${account}:user/${actor.name}`;
  const docs = await readRole(h, roleAlias);
  const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? account;
  const worst = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });
  if (!worst.ok) throw new Error('the worst-case caller policy does not parse');
  const result = authorize({
    principal: { arn: callerArn, accountId: account, type: 'user' }, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: roleAccount,
    identityPolicies: [{ name: `${actor.name} (no credentials: assumed to allow sts:AssumeRole on *)`, kind: 'identity', policy: worst.policy }],
    resourcePolicy: { name: docs.role.trustPolicy.id, kind: 'trust', policy: docs.trust }, resourcePolicyRequired: true,
    context: opts.externalId !== undefined ? { 'sts:ExternalId': opts.externalId } : {},
  });
  const base = { kind: 'roleAssumption', actor: actor.name, principalArn: callerArn, role: roleAlias, roleArn } as const;
  const notLive = { simulated: true, notProbedLive: `${actor.name} has no credentials: decided by crossgate's engine on the trust policy`, decision: result.decision, explanation: result.explanation };
  if (result.decision !== 'allowed') {
    const message = `not probed live: the trust policy of ${roleAlias} does not let ${callerArn} assume it (${result.decision})`;
    const ev = recordEvidence(h.evidence, { ...base, outcome: 'denied', errorCode: 'AccessDenied', errorMessage: message, details: notLive });
    return { outcome: 'denied', roleArn, code: 'AccessDenied', message, evidenceId: ev.id };
  }
  recordEvidence(h.evidence, { ...base, outcome: 'error', errorCode: 'NotProbedLive', errorMessage: `the trust policy lets ${callerArn} assume the role`, details: notLive });
  throw new Error(`${actor.name} has no credentials, so no live attempt was made; crossgate's engine finds the trust policy of ${roleAlias} lets ${callerArn} assume it: ${result.explanation}`);
}

export async function tryAssumeRole(h: Harness, actor: Actor, roleAlias: string, opts: AssumeOptions = {}): Promise<AssumeOutcome> {
  const roleArn = configuredRoleArn(h, roleAlias);
  if (h.config.principals[actor.name]?.credentials.source === 'none') return decideWithoutCredentials(h, actor, roleAlias, roleArn, opts);
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

/** Sessions of the same principal, role and options are interchangeable: one key for them. */
export function sessionKey(actor: string, roleArn: string, opts: AssumeOptions): string {
  const tags = opts.tags ? Object.entries(opts.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null;
  return `session:${JSON.stringify([actor, roleArn, opts.externalId ?? null, opts.durationSeconds ?? null, opts.policy ?? null, tags])}`;
}

/**
 * As tryAssumeRole, but a session this run already obtained for the same principal,
 * role and options is reused until it is near its Expiration (sessions.ts). A reused
 * session is recorded as evidence too, saying so.
 */
async function assumeOrReuse(h: Harness, actor: Actor, roleAlias: string, opts: AssumeOptions): Promise<AssumeOutcome> {
  const roleArn = configuredRoleArn(h, roleAlias);
  let outcome: AssumeOutcome | undefined;
  try {
    const { value: session, reused } = await reuseUntilNearExpiry(h, sessionKey(actor.name, roleArn, opts), async () => {
      outcome = await tryAssumeRole(h, actor, roleAlias, opts);
      if (outcome.outcome === 'denied') throw new Denied(outcome);
      return outcome.session;
    }, (s) => s.credentials.expiration);
    if (!reused && outcome) return outcome;
    const ev = recordEvidence(h.evidence, {
      kind: 'roleAssumption', actor: actor.name, principalArn: actor.ownArn(), role: roleAlias, roleArn, outcome: 'assumed',
      sessionArn: session.arn, requestId: session.requestId, durationMs: 0,
      details: { reusedSession: true, expiration: session.credentials.expiration.toISOString() },
    });
    return { outcome: 'assumed', roleArn, session, evidenceId: ev.id };
  } catch (err) {
    if (err instanceof Denied) return err.outcome;
    throw err;
  }
}

/** A refusal is an answer, not a session to keep: it travels out of the cache as this. */
class Denied extends Error {
  constructor(readonly outcome: AssumeOutcome) {
    super('denied');
  }
}

/** Assume a role (or reuse this run's session of it) and make the actor act through it; fails if it is not allowed. */
export async function assumeRoleAs(h: Harness, actor: Actor, roleAlias: string, opts: AssumeOptions = {}): Promise<AssumedRole> {
  const result = await assumeOrReuse(h, actor, roleAlias, opts);
  recordExpectation(h.evidence, { of: result.evidenceId, check: 'assumption', expected: 'assumed', observed: result.outcome });
  if (result.outcome === 'denied') {
    throw new Error(`${actor.name} could not assume ${result.roleArn}: ${result.code}: ${result.message}`);
  }
  actor.session = { ...result.session, roleAlias };
  return result.session;
}
