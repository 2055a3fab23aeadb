/** The verdict of a static check, with the findings behind it as data. */
export interface StaticFinding {
  /** Where: policy id and statement index (and Sid when there is one). */
  policy: string;
  statementIndex?: number;
  sid?: string;
  /** What is wrong, in one sentence. */
  message: string;
}

export type StaticVerdict = { verdict: 'pass'; checked: string[] } | { verdict: 'fail'; checked: string[]; findings: StaticFinding[] };

export function verdict(checked: string[], findings: StaticFinding[]): StaticVerdict {
  return findings.length === 0 ? { verdict: 'pass', checked } : { verdict: 'fail', checked, findings };
}

export function describeFindings(v: StaticVerdict): string {
  if (v.verdict === 'pass') return 'pass';
  return v.findings
    .map((f) => `${f.policy}${f.statementIndex !== undefined ? ` statement ${f.statementIndex}${f.sid ? ` (${f.sid})` : ''}` : ''}: ${f.message}`)
    .join('\n');
}
