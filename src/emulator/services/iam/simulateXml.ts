/**
 * The simulator's results as Query XML members, in the member order of IAM's API
 * model: lists as <member>, EvalDecisionDetails as a map of <entry><key/><value/>.
 */
import { xmlList, type XmlObject, type XmlValue } from './serialize.ts';
import type { EvalDecision } from '../../../policy/index.ts';

/* ---- IAM's result shapes, as data ---- */

export interface Position {
  Line: number;
  Column: number;
}

export interface MatchedStatement {
  SourcePolicyId: string;
  SourcePolicyType: string;
  StartPosition?: Position;
  EndPosition?: Position;
}

export interface ResourceSpecificResult {
  EvalResourceName: string;
  EvalResourceDecision: EvalDecision;
  MatchedStatements: MatchedStatement[];
  MissingContextValues: string[];
  EvalDecisionDetails?: Record<string, EvalDecision>;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
}

export interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: EvalDecision;
  MatchedStatements: MatchedStatement[];
  MissingContextValues: string[];
  OrganizationsDecisionDetail?: { AllowedByOrganizations: boolean };
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  EvalDecisionDetails?: Record<string, EvalDecision>;
  ResourceSpecificResults?: ResourceSpecificResult[];
}

function statementXml(s: MatchedStatement): XmlObject {
  return {
    SourcePolicyId: s.SourcePolicyId,
    SourcePolicyType: s.SourcePolicyType,
    StartPosition: s.StartPosition === undefined ? undefined : { Line: s.StartPosition.Line, Column: s.StartPosition.Column },
    EndPosition: s.EndPosition === undefined ? undefined : { Line: s.EndPosition.Line, Column: s.EndPosition.Column },
  };
}

function mapXml(map: Record<string, string> | undefined): XmlValue {
  if (map === undefined) return undefined;
  const entries = Object.entries(map);
  return entries.length === 0 ? '' : { entry: entries.map(([key, value]) => ({ key, value })) };
}

function resourceXml(r: ResourceSpecificResult): XmlObject {
  return {
    EvalResourceName: r.EvalResourceName,
    EvalResourceDecision: r.EvalResourceDecision,
    MatchedStatements: xmlList(r.MatchedStatements.map(statementXml)),
    MissingContextValues: xmlList(r.MissingContextValues),
    EvalDecisionDetails: mapXml(r.EvalDecisionDetails),
    PermissionsBoundaryDecisionDetail: r.PermissionsBoundaryDecisionDetail === undefined ? undefined : { ...r.PermissionsBoundaryDecisionDetail },
  };
}

export function evaluationResultXml(r: EvaluationResult): XmlObject {
  return {
    EvalActionName: r.EvalActionName,
    EvalResourceName: r.EvalResourceName,
    EvalDecision: r.EvalDecision,
    MatchedStatements: xmlList(r.MatchedStatements.map(statementXml)),
    MissingContextValues: xmlList(r.MissingContextValues),
    OrganizationsDecisionDetail: r.OrganizationsDecisionDetail === undefined ? undefined : { ...r.OrganizationsDecisionDetail },
    PermissionsBoundaryDecisionDetail: r.PermissionsBoundaryDecisionDetail === undefined ? undefined : { ...r.PermissionsBoundaryDecisionDetail },
    EvalDecisionDetails: mapXml(r.EvalDecisionDetails),
    ResourceSpecificResults: r.ResourceSpecificResults === undefined ? undefined : xmlList(r.ResourceSpecificResults.map(resourceXml)),
  };
}

export function evaluationResultsXml(results: readonly EvaluationResult[]): XmlValue {
  return xmlList(results.map(evaluationResultXml));
}
