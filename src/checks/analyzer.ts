/**
 * Access Analyzer checks on a role's documents, and the committed baselines that
 * CheckNoNewAccess compares against.
 */
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess, validatePolicy, type AnalyzerFinding, type CheckResult } from '../aws/analyzer.ts';
import { UserError } from '../util/userError.ts';
import { configuredRole, type Harness } from './harness.ts';
import { auditorCredentials, readRole } from './policies.ts';
import { recordCheck, recordFindings } from './recordings.ts';

export async function roleTrustPublicAccess(h: Harness, roleAlias: string): Promise<CheckResult> {
  const role = configuredRole(h, roleAlias);
  const docs = await readRole(h, roleAlias);
  const who = await auditorCredentials(h, role.accountId);
  const result = await checkNoPublicAccess(h.target, who.credentials, who.name, { policyDocument: docs.role.trustPolicy.document, resourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
  recordCheck(h, 'CheckNoPublicAccess', docs.role.trustPolicy.id, result);
  return result;
}

export interface PolicyFindings { policy: string; findings: AnalyzerFinding[] }

/** ValidatePolicy on the trust policy and every permission policy of the role. */
export async function roleFindings(h: Harness, roleAlias: string): Promise<PolicyFindings[]> {
  const role = configuredRole(h, roleAlias);
  const docs = await readRole(h, roleAlias);
  const who = await auditorCredentials(h, role.accountId);
  const out: PolicyFindings[] = [{
    policy: docs.role.trustPolicy.id,
    findings: await validatePolicy(h.target, who.credentials, who.name, { policyDocument: docs.role.trustPolicy.document, policyType: 'RESOURCE_POLICY', resourceType: 'AWS::IAM::AssumeRolePolicyDocument' }),
  }];
  for (const p of docs.permissions) {
    out.push({ policy: p.fetched.id, findings: await validatePolicy(h.target, who.credentials, who.name, { policyDocument: p.fetched.document, policyType: 'IDENTITY_POLICY' }) });
  }
  for (const p of out) recordFindings(h, p.policy, p.findings);
  return out;
}

/** CheckAccessNotGranted on every permission policy of the role. */
export async function roleAccessNotGranted(h: Harness, roleAlias: string, access: { actions?: string[]; resources?: string[] }[]): Promise<{ policy: string; result: CheckResult }[]> {
  const role = configuredRole(h, roleAlias);
  const docs = await readRole(h, roleAlias);
  const who = await auditorCredentials(h, role.accountId);
  const out: { policy: string; result: CheckResult }[] = [];
  for (const p of docs.permissions) {
    out.push({ policy: p.fetched.id, result: await checkAccessNotGranted(h.target, who.credentials, who.name, { policyDocument: p.fetched.document, policyType: 'IDENTITY_POLICY', access }) });
  }
  for (const p of out) recordCheck(h, 'CheckAccessNotGranted', p.policy, p.result);
  return out;
}

/** One identity policy holding every statement of the role's permission policies (their union). */
function combined(documents: string[]): string {
  const statements = documents.flatMap((d) => {
    const parsed = JSON.parse(d) as { Statement: unknown };
    return Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export interface Baseline {
  role: string;
  /** Permission policies as they were: id → document text. */
  policies: Record<string, string>;
}

export function baselineFile(h: Harness, roleAlias: string): string {
  return join(resolve(dirname(h.config.file), h.config.baselines ?? 'baselines'), `${roleAlias}.json`);
}

export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file}: cannot read the baseline (${(err as Error).message}); write it with \`npx crossgate baseline write\``);
  }
  const b = data as Partial<Baseline>;
  if (typeof b.role !== 'string' || typeof b.policies !== 'object' || b.policies === null || Object.values(b.policies).some((v) => typeof v !== 'string')) {
    throw new UserError(`${file}: /: a baseline has "role" (an ARN) and "policies" (policy id → document text)`);
  }
  return b as Baseline;
}

/** CheckNoNewAccess: the role's permission policies (combined) against the committed baseline (combined). */
export async function roleNoNewAccess(h: Harness, roleAlias: string, file = baselineFile(h, roleAlias)): Promise<CheckResult> {
  const role = configuredRole(h, roleAlias);
  const baseline = readBaseline(file);
  if (baseline.role !== role.arn) throw new UserError(`${file}: /role: the baseline is for ${baseline.role}, not ${role.arn}`);
  const docs = await readRole(h, roleAlias);
  const who = await auditorCredentials(h, role.accountId);
  const result = await checkNoNewAccess(h.target, who.credentials, who.name, {
    newPolicyDocument: combined(docs.permissions.map((p) => p.fetched.document)),
    existingPolicyDocument: combined(Object.values(baseline.policies)),
    policyType: 'IDENTITY_POLICY',
  });
  recordCheck(h, 'CheckNoNewAccess', role.arn, result);
  return result;
}

/** Write (or rewrite) a role's baseline from what IAM says now. Written atomically. */
export async function writeBaseline(h: Harness, roleAlias: string): Promise<string> {
  const docs = await readRole(h, roleAlias);
  const file = baselineFile(h, roleAlias);
  const baseline: Baseline = { role: docs.role.arn, policies: Object.fromEntries(docs.permissions.map((p) => [p.fetched.id, p.fetched.document])) };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(baseline, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}
