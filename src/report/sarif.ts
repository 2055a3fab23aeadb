/**
 * reports/compliance.sarif (SARIF 2.1.0), for code scanning: one result per failed
 * check (rule = control id) and per Access Analyzer finding (rule = issue code),
 * located in the policy file and line when the evidence says the policy comes from
 * the repository, else at the scenario in its feature file.
 */
import { relative, isAbsolute } from 'node:path';
import type { AnalyzerFindingEvidence, SourceRef } from '../evidence/types.ts';
import { isFailing, oneLine, scenarioLabel } from './assemble.ts';
import type { ComplianceReport, ScenarioResult } from './model.ts';
import { locateInFile } from './sourceLocation.ts';

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } };
  message?: { text: string };
}

interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration?: { level: 'error' | 'warning' | 'note' };
  properties?: Record<string, unknown>;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: (SarifLocation & { id: number })[];
  partialFingerprints?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function repoPath(file: string, cwd: string): string {
  return (isAbsolute(file) ? relative(cwd, file) : file).split('\\').join('/');
}

function sourceLocation(src: SourceRef, cwd: string, note?: string): SarifLocation {
  const region = locateInFile(src.file, src.jsonPointer, cwd);
  return {
    physicalLocation: { artifactLocation: { uri: repoPath(src.file, cwd), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) },
    ...(note ? { message: { text: note } } : {}),
  };
}

function scenarioLocation(s: ScenarioResult): SarifLocation {
  return {
    physicalLocation: { artifactLocation: { uri: s.uri, uriBaseId: '%SRCROOT%' }, region: { startLine: s.line } },
    message: { text: `scenario: ${scenarioLabel(s)}` },
  };
}

/** Repository sources the scenario's evidence names (policies, statements, findings). */
function evidenceSources(s: ScenarioResult): { source: SourceRef; note: string }[] {
  const out: { source: SourceRef; note: string }[] = [];
  for (const ev of s.evidence) {
    if (ev.kind === 'policyDocument' && ev.source) out.push({ source: ev.source, note: `${ev.policyType} policy ${ev.policyId}` });
    if (ev.kind === 'simulation') for (const m of ev.matchedStatements) if (m.source) out.push({ source: m.source, note: `${m.effect} statement${m.sid ? ` ${m.sid}` : ''} of ${m.policyId}` });
    if (ev.kind === 'analyzerFinding' && ev.source) out.push({ source: ev.source, note: `${ev.issueCode}` });
  }
  const seen = new Set<string>();
  return out.filter((x) => {
    const key = `${x.source.file}#${x.source.jsonPointer ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function findingLevel(f: AnalyzerFindingEvidence): 'error' | 'warning' | 'note' {
  if (f.result === 'FAIL' || f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING') return 'error';
  if (f.findingType === 'WARNING') return 'warning';
  return 'note';
}

export function renderSarif(report: ComplianceReport, cwd: string): object {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: SarifRule): number => {
    let i = ruleIndex.get(rule.id);
    if (i === undefined) {
      i = rules.push(rule) - 1;
      ruleIndex.set(rule.id, i);
    }
    return i;
  };
  for (const c of report.controls) {
    addRule({
      id: c.id,
      name: c.id.replace(/[^A-Za-z0-9]+/g, ''),
      shortDescription: { text: c.title },
      ...(c.description ? { fullDescription: { text: c.description } } : {}),
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'iam', ...(c.layer ? [c.layer] : [])], ...(c.layer ? { layer: c.layer } : {}) },
    });
  }

  const results: SarifResult[] = [];
  for (const s of report.scenarios) {
    if (isFailing(s.status)) {
      const sources = evidenceSources(s);
      const controls = s.controls.length ? s.controls : ['crossgate/uncontrolled-scenario'];
      for (const id of controls) {
        const index = ruleIndex.get(id) ?? addRule({ id, shortDescription: { text: 'A scenario without a control tag failed' }, defaultConfiguration: { level: 'error' } });
        const locations = sources.length ? sources.map((x) => sourceLocation(x.source, cwd, x.note)) : [scenarioLocation(s)];
        results.push({
          ruleId: id,
          ruleIndex: index,
          level: 'error',
          message: { text: oneLine(`${id} failed: ${scenarioLabel(s)}: ${s.failure?.message ?? s.status}`, 1000) },
          locations,
          ...(sources.length ? { relatedLocations: [{ id: 1, ...scenarioLocation(s) }] } : {}),
          partialFingerprints: { crossgateScenario: `${id}:${s.uri}:${s.line}` },
          properties: { scenario: scenarioLabel(s), status: s.status, ...(s.layer ? { layer: s.layer } : {}) },
        });
      }
    }
    for (const ev of s.evidence) {
      if (ev.kind !== 'analyzerFinding' || ev.result === 'PASS') continue;
      const index = addRule({
        id: ev.issueCode,
        shortDescription: { text: ev.check === ev.issueCode ? `IAM Access Analyzer ${ev.check}` : `IAM Access Analyzer ${ev.check}: ${ev.issueCode}` },
        ...(ev.learnMoreLink ? { helpUri: ev.learnMoreLink } : {}),
        defaultConfiguration: { level: findingLevel(ev) },
        properties: { tags: ['security', 'iam', 'access-analyzer'] },
      });
      results.push({
        ruleId: ev.issueCode,
        ruleIndex: index,
        level: findingLevel(ev),
        message: { text: oneLine(`${ev.check}: ${ev.message}${ev.policyId ? ` (${ev.policyId})` : ''}`, 1000) },
        locations: [ev.source ? sourceLocation(ev.source, cwd) : scenarioLocation(s)],
        ...(ev.source ? { relatedLocations: [{ id: 1, ...scenarioLocation(s) }] } : {}),
        partialFingerprints: { crossgateFinding: `${ev.issueCode}:${ev.source?.file ?? s.uri}:${ev.source?.jsonPointer ?? s.line}` },
        properties: { check: ev.check, ...(ev.findingType ? { findingType: ev.findingType } : {}), scenario: scenarioLabel(s) },
      });
    }
  }

  const run = report.run;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'crossgate', version: report.generator.version, semanticVersion: report.generator.version, rules } },
        automationDetails: { id: `crossgate/${run.target}/${run.startedAt ?? 'unknown'}` },
        ...(run.git?.commit && run.git.remote
          ? { versionControlProvenance: [{ repositoryUri: run.git.remote, revisionId: run.git.commit, ...(run.git.branch ? { branch: run.git.branch } : {}) }] }
          : {}),
        // Whether crossgate could run every scenario, not whether they passed.
        invocations: [{ executionSuccessful: report.scenarios.every((s) => s.status !== 'not-run'), ...(run.startedAt ? { startTimeUtc: run.startedAt } : {}), ...(run.finishedAt ? { endTimeUtc: run.finishedAt } : {}) }],
        results,
      },
    ],
  };
}
