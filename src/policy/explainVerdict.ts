import { escapesBoundary, type PolicyTypeResults, type Verdict } from './decide.ts';
import { describeStatements, kindLabel } from './explain.ts';
import type { AuthorizationRequest } from './types.ts';

/** One sentence saying why a verdict was reached (without the near misses and skipped statements). */
export function explainVerdict(req: AuthorizationRequest, sets: PolicyTypeResults, v: Verdict): string {
  if (v.decision === 'allowed') return `allowed by ${describeStatements(v.by)}`;
  const who = req.principal.arn;
  const what = `${req.action} on ${req.resource}`;
  const resourceName = req.resourcePolicy === undefined ? '' : `${kindLabel(req.resourcePolicy.kind)} ${req.resourcePolicy.name}`;
  const need = `cross-account access needs both an identity policy of ${who} and a resource policy of account ${req.resourceAccount} to allow ${what}`;
  const lackWhy = (): string => {
    const type = v.decidedBy[0];
    if (type === 'identity') return `no identity policy of ${who} allows ${what}`;
    if (type === 'boundary') return `${describeStatements(sets.identity.allows)} allows it, but the permissions boundary ${req.permissionsBoundary?.name ?? ''} does not`;
    return `${describeStatements(sets.identity.allows)} allows it, but no session policy does`;
  };
  const limited =
    v.limited === undefined
      ? ''
      : ` (${describeStatements(v.limited)} allows it, but ${
          sets.boundary !== undefined && sets.boundary.allows.length === 0 && !v.limited.some((m) => escapesBoundary(m, req.principal))
            ? 'the permissions boundary limits it: it names the role, not the user or session'
            : 'the session policies limit it: it does not name the session'
        })`;
  const why = ((): string => {
    switch (v.rule) {
      case 'anonymousDenied':
        return `anonymous callers need a resource policy that allows ${what}, and ${req.resourcePolicy === undefined ? 'there is none' : `no statement of ${resourceName} does`}`;
      case 'scpLacking': {
        const level = v.level ?? 0;
        const names = (req.scps?.[level] ?? []).map((p) => p.name);
        const at = names.length === 0 ? 'which has no service control policy' : `whose service control policies (${names.join(', ')}) do not allow it`;
        return `every level of the organization must allow ${what}, and level ${level + 1} does not, ${at}`;
      }
      case 'rcpLacking': {
        const level = v.level ?? 0;
        const names = (req.rcps?.[level] ?? []).map((p) => p.name);
        const at = names.length === 0 ? 'which has no resource control policy' : `whose resource control policies (${names.join(', ')}) do not allow it`;
        return `every level of the resource's organization must allow ${what}, and level ${level + 1} does not, ${at}`;
      }
      case 'crossAccountNeither':
        return `${need}, and neither does`;
      case 'crossAccountNoIdentity':
        return `${need}; ${describeStatements(v.by)} allows it but no identity policy does`;
      case 'crossAccountIdentityLimited':
        return `${need}; ${lackWhy()}`;
      case 'crossAccountNoResourcePolicy':
        return `${need}; ${describeStatements(v.by)} allows it but there is no resource policy`;
      case 'crossAccountResourceSilent':
        return `${need}; ${describeStatements(v.by)} allows it but no statement of ${resourceName} does`;
      case 'requiredNoResourcePolicy':
        return `${what} needs a resource policy that allows it, and there is none`;
      case 'requiredResourceSilent':
        return `no statement of ${resourceName} allows ${who}, and it must even within one account`;
      case 'identityLimited':
        return `${lackWhy()}${limited}`;
      case 'indirectTrustNoIdentity': {
        const how = (v.delegating ?? []).every((m) => m.principalMatch === 'account') ? 'only through its account' : 'only through its account or a wildcard, not by ARN';
        return `${describeStatements(v.by)} trusts ${who} ${how}, so an identity policy must also allow ${req.action}, and none does${limited}`;
      }
      case 'accountDelegatesNoIdentity':
        return `${describeStatements(v.by)} names only the account ${req.resourceAccount}, which leaves the grant to identity policies, and none allows ${what}${limited}`;
      case 'namedButLimited':
        return `no identity policy allows ${what}${limited}`;
      case 'nothingAllows':
        return `no statement allows ${what} for ${who}`;
      default:
        return `no rule allows ${what}`;
    }
  })();
  return `implicitly denied: ${why}`;
}
