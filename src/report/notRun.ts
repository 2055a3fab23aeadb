import type { ComplianceReport } from './model.ts';

/**
 * The not-run part of a summary line, in words: controls that did not run, apart from
 * those the run declared not applicable to its estate (a control that requires an
 * organization, on an estate without one), so a passing line never hides a gap.
 */
export function notRunWords(report: Pick<ComplianceReport, 'run' | 'controls'>): string {
  const notApplicable = new Set(report.run.selection?.notApplicable ?? []);
  const notRun = report.controls.filter((c) => c.status === 'not-run');
  const na = notRun.filter((c) => notApplicable.has(c.id)).length;
  const rest = notRun.length - na;
  return `${rest ? `, ${rest} not run` : ''}${na ? `, ${na} not applicable to this estate` : ''}`;
}
