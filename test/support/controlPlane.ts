/**
 * The test-only estate for control-plane tests (test/fixtures/estates/control-plane.json):
 * the seed plus principals allowed to write IAM and API Gateway, and their keys.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadEstate, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { REPO, type TestClock } from './emulator.ts';

export const CONTROL_PLANE_ESTATE = join(REPO, 'test', 'fixtures', 'estates', 'control-plane.json');

export const WRITERS = {
  /** Account A: iam:* and apigateway:* on everything. */
  admin: { accessKeyId: 'AKIAADMIN00000000011', secretAccessKey: 'tEstOnLyAdMiNsEcReTkEy000000000000000011' },
  /** Account A: like admin, but iam:Delete* is explicitly denied and new routes must use AWS_IAM. */
  guarded: { accessKeyId: 'AKIAGUARDED000000012', secretAccessKey: 'tEstOnLyGuArDeDsEcReTkEy0000000000000012' },
  /** Account B: iam:* and apigateway:* on everything. */
  bAdmin: { accessKeyId: 'AKIABADMIN0000000021', secretAccessKey: 'tEstOnLyBaDmInSeCrEtKeY00000000000000021' },
} as const;

export function startControlPlaneEmulator(clock?: TestClock): Promise<RunningEmulator> {
  return startEmulator({ state: loadEstate(CONTROL_PLANE_ESTATE), now: clock?.now });
}

export interface Rejection { name: string; message: string; status?: number; requestId?: string; raw: Record<string, unknown> }

/** The SDK error a call is rejected with. */
export async function rejection(p: Promise<unknown>): Promise<Rejection> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, requestId: e.$metadata?.requestId, raw: err as Record<string, unknown> };
  }
  assert.fail('expected the call to be rejected');
}

/** A policy document as JSON text. */
export function doc(statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const TRUST_B = doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' }]);
