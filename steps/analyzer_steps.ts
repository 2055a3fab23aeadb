import type { DataTable } from '@cucumber/cucumber';
import { roleAccessNotGranted, roleFindings, roleNoNewAccess, roleTrustPublicAccess } from '../src/checks/index.ts';
import type { CrossgateWorld } from './support/world.ts';
import { expectThat } from './support/expect.ts';
import { step } from './support/define.ts';

const FINDING_TYPES = new Set(['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION']);

async function expectNoFindings(world: CrossgateWorld, role: string, type: string, ignore: string[]): Promise<void> {
  expectThat(FINDING_TYPES.has(type), () => `finding type must be one of ${[...FINDING_TYPES].join(', ')}, not '${type}'`);
  const all = await roleFindings(world.harness, role);
  const hits = all.flatMap((p) => p.findings.filter((f) => f.findingType === type && !ignore.includes(f.issueCode)).map((f) => `${p.policy}: ${f.findingType} ${f.issueCode}: ${f.findingDetails}`));
  expectThat(hits.length === 0, () => hits.join('\n'));
}

step('Then', 'the trust policy of the role {role} is not publicly assumable', {
  description: 'access-analyzer:CheckNoPublicAccess on the trust policy (AWS::IAM::AssumeRolePolicyDocument) answers PASS.',
  example: 'the trust policy of the role ApiInvokerRole is not publicly assumable',
  layer: 'analyzer',
}, async function (this: CrossgateWorld, role: string) {
  const r = await roleTrustPublicAccess(this.harness, role);
  expectThat(r.result === 'PASS', () => `CheckNoPublicAccess: ${r.result}: ${r.message ?? ''}${r.reasons.map((x) => `\n  statement ${x.statementIndex ?? '?'}${x.statementId ? ` (${x.statementId})` : ''}: ${x.description ?? ''}`).join('')}`);
});

step('Then', 'the policies of the role {role} have no Access Analyzer findings of type {word}', {
  description: 'access-analyzer:ValidatePolicy on the trust policy and every permission policy finds nothing of the type (ERROR, SECURITY_WARNING, WARNING, SUGGESTION).',
  example: 'the policies of the role ApiInvokerRole have no Access Analyzer findings of type SECURITY_WARNING',
  layer: 'analyzer',
}, async function (this: CrossgateWorld, role: string, type: string) {
  await expectNoFindings(this, role, type, []);
});

step('Then', 'the policies of the role {role} have no Access Analyzer findings of type {word} except {string}', {
  description: 'The same, ignoring the comma-separated issue codes given.',
  example: 'the policies of the role ApiInvokerRole have no Access Analyzer findings of type SUGGESTION except "EMPTY_OBJECT_PRINCIPAL"',
  layer: 'analyzer',
}, async function (this: CrossgateWorld, role: string, type: string, ignore: string) {
  await expectNoFindings(this, role, type, ignore.split(',').map((s) => s.trim()).filter(Boolean));
});

step('Then', 'the policies of the role {role} grant none of these:', {
  description: 'access-analyzer:CheckAccessNotGranted on every permission policy answers PASS: none of the actions on any of the resources listed (columns: action, resource).',
  example: 'the policies of the role OrdersReadOnlyRole grant none of these:',
  table: [['action', 'resource'], ['execute-api:Invoke', 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/DELETE/*']],
  layer: 'analyzer',
}, async function (this: CrossgateWorld, role: string, table: DataTable) {
  // CheckAccessNotGranted takes one access entry: every listed action on every listed resource.
  const rows = table.hashes() as { action?: string; resource?: string }[];
  const actions = [...new Set(rows.map((r) => r.action ?? '').filter(Boolean))];
  const resources = [...new Set(rows.map((r) => r.resource ?? '').filter(Boolean))];
  const access = [{ ...(actions.length ? { actions } : {}), ...(resources.length ? { resources } : {}) }];
  const results = await roleAccessNotGranted(this.harness, role, access);
  const fails = results.filter((r) => r.result.result !== 'PASS');
  expectThat(fails.length === 0, () => fails.map((f) => `${f.policy}: CheckAccessNotGranted ${f.result.result}: ${f.result.message ?? ''}${f.result.reasons.map((x) => ` [statement ${x.statementIndex ?? '?'}${x.statementId ? ` (${x.statementId})` : ''}: ${x.description ?? ''}]`).join('')}`).join('\n'));
});

step('Then', 'the policies of the role {role} grant no new access compared to its baseline', {
  description: 'access-analyzer:CheckNoNewAccess of the permission policies against baselines/<role>.json (write it with `npx crossgate baseline write`) answers PASS.',
  example: 'the policies of the role ApiInvokerRole grant no new access compared to its baseline',
  layer: 'analyzer',
}, async function (this: CrossgateWorld, role: string) {
  const r = await roleNoNewAccess(this.harness, role);
  expectThat(r.result === 'PASS', () => `CheckNoNewAccess: ${r.result}: ${r.message ?? ''}${r.reasons.map((x) => `\n  statement ${x.statementIndex ?? '?'}${x.statementId ? ` (${x.statementId})` : ''}: ${x.description ?? ''}`).join('')}`);
});
