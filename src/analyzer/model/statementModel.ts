/**
 * A statement as sets: which actions, resources and principals it can apply to.
 * Resources come in two readings because of policy variables: `resourcesOver`
 * (everything it may match in some request) and `resourcesUnder` (what it matches
 * in every request).
 */
import type { ConditionBlock, NamedPolicy, Policy, PrincipalBlock, Statement } from '../../policy/index.ts';
import { actionGlob, resourceGlobs } from '../glob/iamPatterns.ts';
import { type GlobSet, NOTHING, UNIVERSE, union } from '../glob/sets.ts';
import type { Glob } from '../glob/glob.ts';

export type PolicyKind = Extract<NamedPolicy['kind'], 'identity' | 'resource' | 'trust'>;

export type PrincipalSpec =
  /** Identity policies: the statement applies to whoever holds the policy. */
  | { kind: 'holder' }
  | { kind: 'principal'; block: PrincipalBlock }
  | { kind: 'notPrincipal'; block: PrincipalBlock };

export interface StatementModel {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: GlobSet;
  /** One set per Action value (or the whole NotAction set), for finer coverage. */
  actionParts: GlobSet[];
  resourcesOver: GlobSet;
  resourcesUnder: GlobSet;
  /** One part per Resource value (or the whole NotResource set), over-approximated. */
  resourceParts: GlobSet[];
  /** Some Resource or NotResource value uses policy variables. */
  variableResources: boolean;
  /** The Resource or NotResource element as written (absent in trust policies). */
  resourceElement?: { negated: boolean; values: readonly string[] };
  /** The Resource value behind each of `resourceParts` (undefined for a NotResource part). */
  resourcePartTexts: (string | undefined)[];
  principal: PrincipalSpec;
  condition?: ConditionBlock;
  /** Text of the statement's elements for explanations. */
  describe: { actions: string; resources: string };
}

export interface PolicyModel {
  kind: PolicyKind;
  version?: string;
  statements: StatementModel[];
}

export function policyModel(policy: Policy, kind: PolicyKind): PolicyModel {
  const variables = policy.version === '2012-10-17';
  const out: PolicyModel = { kind, statements: policy.statements.map((s) => statementModel(s, kind, variables)) };
  if (policy.version !== undefined) out.version = policy.version;
  return out;
}

function statementModel(s: Statement, kind: PolicyKind, variables: boolean): StatementModel {
  const actionGlobs = (s.action ?? s.notAction ?? []).map(actionGlob);
  const negatedActions = s.action === undefined && s.notAction !== undefined;
  // Without Action or NotAction a statement cannot be evaluated: an Allow never applies, a Deny always does.
  const actions: GlobSet =
    s.action === undefined && s.notAction === undefined ? (s.effect === 'Deny' ? UNIVERSE : NOTHING) : { negated: negatedActions, globs: actionGlobs };
  const actionParts = negatedActions ? [actions] : actionGlobs.map((g) => union([g]));

  const values = s.resource ?? s.notResource;
  let resourcesOver: GlobSet;
  let resourcesUnder: GlobSet;
  let resourceParts: GlobSet[];
  let resourcePartTexts: (string | undefined)[] = [undefined];
  let variableResources = false;
  if (values === undefined) {
    // Trust policies apply to their role; elsewhere a statement without Resource never allows.
    resourcesOver = kind === 'trust' ? UNIVERSE : s.effect === 'Deny' ? UNIVERSE : NOTHING;
    resourcesUnder = resourcesOver;
    resourceParts = [resourcesOver];
  } else {
    const globs = values.map((v) => resourceGlobs(v, variables));
    variableResources = globs.some((g) => g.variable);
    const over = globs.flatMap((g) => (g.over === undefined ? [] : [g.over]));
    const under = globs.flatMap((g) => (g.under === undefined ? [] : [g.under]));
    if (s.resource !== undefined) {
      resourcesOver = union(over);
      resourcesUnder = union(under);
      resourceParts = globs.flatMap((g) => (g.over === undefined ? [] : [union([g.over as Glob])]));
      resourcePartTexts = values.filter((_, i) => globs[i]?.over !== undefined);
    } else {
      // NotResource: excluding less (the under reading) allows more. A variable the
      // request cannot resolve makes the element match nothing, so with variables
      // there is no resource the statement certainly matches.
      resourcesOver = { negated: true, globs: under };
      resourcesUnder = variableResources ? NOTHING : { negated: true, globs: over };
      resourceParts = [resourcesOver];
    }
  }

  const principal: PrincipalSpec =
    s.principal !== undefined ? { kind: 'principal', block: s.principal }
    : s.notPrincipal !== undefined ? { kind: 'notPrincipal', block: s.notPrincipal }
    : { kind: 'holder' };

  const model: StatementModel = {
    index: s.index,
    effect: s.effect,
    actions,
    actionParts,
    resourcesOver,
    resourcesUnder,
    resourceParts,
    variableResources,
    resourcePartTexts,
    principal,
    describe: {
      actions: s.action !== undefined ? s.action.join(', ') : `everything but ${(s.notAction ?? []).join(', ')}`,
      resources: values === undefined ? 'the role' : s.resource !== undefined ? values.join(', ') : `everything but ${values.join(', ')}`,
    },
  };
  if (values !== undefined) model.resourceElement = { negated: s.resource === undefined, values };
  if (s.sid !== undefined) model.sid = s.sid;
  if (s.condition !== undefined && Object.keys(s.condition).length > 0) model.condition = s.condition;
  return model;
}
