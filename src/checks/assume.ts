/**
 * Can a principal assume a role? Only AccessDenied counts as "denied"; any other
 * failure (network, throttling, malformed answer) is an error, never a verdict.
 */
import { assumeRole as stsAssumeRole, type AssumedRole } from '../aws/sts.ts';
import { AwsCallError } from '../aws/errors.ts';
import type { Actor } from './actor.ts';
import { configuredRoleArn, type Harness } from './harness.ts';

export type AssumeOutcome =
  | { outcome: 'assumed'; roleArn: string; session: AssumedRole }
  | { outcome: 'denied'; roleArn: string; code: string; message: string; requestId?: string };

export async function tryAssumeRole(h: Harness, actor: Actor, roleAlias: string, opts: { externalId?: string; durationSeconds?: number } = {}): Promise<AssumeOutcome> {
  const roleArn = configuredRoleArn(h, roleAlias);
  try {
    const session = await stsAssumeRole(h.target, await actor.ownCredentials(), actor.name, {
      roleArn,
      sessionName: `crossgate-${actor.name}`.slice(0, 64),
      ...opts,
    });
    return { outcome: 'assumed', roleArn, session };
  } catch (err) {
    if (err instanceof AwsCallError && err.code === 'AccessDenied' && err.status === 403) {
      return { outcome: 'denied', roleArn, code: err.code, message: err.awsMessage, requestId: err.requestId };
    }
    throw err;
  }
}

/** Assume a role and make the actor act through it; fails if it is not allowed. */
export async function assumeRoleAs(h: Harness, actor: Actor, roleAlias: string): Promise<AssumedRole> {
  const result = await tryAssumeRole(h, actor, roleAlias);
  if (result.outcome === 'denied') {
    throw new Error(`${actor.name} could not assume ${result.roleArn}: ${result.code}: ${result.message}`);
  }
  actor.session = { ...result.session, roleAlias };
  return result.session;
}
