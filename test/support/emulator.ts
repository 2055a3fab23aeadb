import { join } from 'node:path';
import { loadEstate, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';

export const REPO = join(import.meta.dirname, '..', '..');
export const SEED_ESTATE = join(REPO, 'estates', 'seed.json');

/** The seed users' documented local-only keys (DESIGN.md). */
export const KEYS = {
  auditor: { accessKeyId: 'AKIAAUDITOR000000001', secretAccessKey: 'JflA1TUKqDAIS5eyJyc55fgKxtN61AzvKrM56Zsc' },
  ciCaller: { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' },
  bystander: { accessKeyId: 'AKIABYSTANDER0000003', secretAccessKey: 'naWNkgQ3T5KL2InhmoyJV4Tvg9243SbMP1catiAY' },
  outsider: { accessKeyId: 'AKIAOUTSIDER00000004', secretAccessKey: 'nA2dUKCkfKWr51TvEx53i35SFDw6nPmOHVWEz3a8' },
} as const;

export const ROLE = {
  invoker: 'arn:aws:iam::111111111111:role/ApiInvokerRole',
  readOnly: 'arn:aws:iam::111111111111:role/OrdersReadOnlyRole',
} as const;

export const API_HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

/** A movable clock for expiring credentials in tests. */
export class TestClock {
  offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

export async function startSeedEmulator(clock?: TestClock, estate = SEED_ESTATE): Promise<RunningEmulator> {
  return startEmulator({ state: loadEstate(estate), now: clock?.now });
}
