import type { IamCatalog } from '../catalog.ts';
import { Budget } from '../glob/emptiness.ts';
import { ANALYZER_LIMITS } from '../limits.ts';
import type { PathElement, PolicyType, ValidatePolicyFinding, ValidatePolicyResourceType } from '../types.ts';
import { type Node, type PolicyText, location } from './document.ts';
import { type IssueCode, ISSUES, findingDetails, learnMoreLink } from './issues.ts';

export interface ValidateOptions {
  catalog?: IamCatalog;
  budget?: Budget;
}

/** One statement as the checks see it. */
export interface StatementView {
  index: number;
  path: PathElement[];
  node: Node;
  /** The statement's elements by exact name (the last one of duplicates). */
  element(name: string): { key: Node; value: Node } | undefined;
  effect?: 'Allow' | 'Deny';
}

/** Shared state of one ValidatePolicy run: what kind of policy, and the findings so far. */
export class Validation {
  readonly findings: { order: number; finding: ValidatePolicyFinding }[] = [];
  readonly catalog: IamCatalog | undefined;
  readonly budget: Budget;
  /** The policy's Version when it is a valid one. */
  version: string | undefined;
  private readonly memos = new Map<string, unknown>();
  private suggestionsLeft: number = ANALYZER_LIMITS.maxSuggestions;

  constructor(
    readonly doc: PolicyText,
    readonly policyType: PolicyType,
    readonly resourceType: ValidatePolicyResourceType | undefined,
    options: ValidateOptions,
  ) {
    this.catalog = options.catalog;
    this.budget = options.budget ?? new Budget();
  }

  /** A role trust policy (a resource policy of type AWS::IAM::AssumeRolePolicyDocument). */
  get trustPolicy(): boolean {
    return this.policyType === 'RESOURCE_POLICY' && this.resourceType === 'AWS::IAM::AssumeRolePolicyDocument';
  }

  /** Policies IAM stores itself (identity policies, trust policies) follow IAM's stricter rules. */
  get iamDocument(): boolean {
    return this.policyType === 'IDENTITY_POLICY' || this.trustPolicy;
  }

  get serviceControl(): boolean {
    return this.policyType === 'SERVICE_CONTROL_POLICY' || this.policyType === 'RESOURCE_CONTROL_POLICY';
  }

  get variablesSupported(): boolean {
    return this.version === '2012-10-17';
  }

  /**
   * A "Did you mean …?" suggestion: an edit-distance pass over a catalog list, so
   * only the first ANALYZER_LIMITS.maxSuggestions of a run are made (bounded work).
   */
  suggest<T>(compute: () => T | undefined): T | undefined {
    if (this.suggestionsLeft <= 0) return undefined;
    this.suggestionsLeft--;
    return compute();
  }

  /** Computes once per run what many values share (a service's ARN formats…). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  report(code: IssueCode, path: PathElement[], node: { offset: number; length: number }, params: Record<string, string | number> = {}): void {
    this.findings.push({
      order: node.offset,
      finding: {
        findingDetails: findingDetails(code, params),
        findingType: ISSUES[code].type,
        issueCode: code,
        learnMoreLink: learnMoreLink(code),
        locations: [location(this.doc, path, node)],
      },
    });
  }

  /** A finding with several locations (AWS's PassRole findings point at the action and at the resource). */
  reportAt(code: IssueCode, at: { path: PathElement[]; node: { offset: number; length: number } }[], params: Record<string, string | number> = {}): void {
    const first = at[0];
    if (first === undefined) return;
    this.findings.push({
      order: first.node.offset,
      finding: {
        findingDetails: findingDetails(code, params),
        findingType: ISSUES[code].type,
        issueCode: code,
        learnMoreLink: learnMoreLink(code),
        locations: at.map((l) => location(this.doc, l.path, l.node)),
      },
    });
  }

  /** Findings in document order (by where each first points), in the order found when tied. */
  result(): ValidatePolicyFinding[] {
    return this.findings
      .map((f, i) => ({ ...f, i }))
      .sort((a, b) => a.order - b.order || a.i - b.i)
      .map((f) => f.finding);
  }
}

export function child(path: PathElement[], ...more: PathElement[]): PathElement[] {
  return [...path, ...more];
}
