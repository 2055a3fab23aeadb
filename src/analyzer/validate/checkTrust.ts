/**
 * Checks of the IAM policy validation check reference that read a statement's
 * principals together with its actions and conditions: role trust policies
 * (validatePolicyResourceType AWS::IAM::AssumeRolePolicyDocument), federated and
 * service principals in resource policies, and resource control policies.
 *
 * Reference sections (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
 * "Error – Mismatched action for principal", "Error – Invalid federated principal
 * syntax in role trust policy", "Error – Missing action for roles anywhere trust
 * policy", "Error – Federated principal not supported", "Error – Unsupported
 * condition key for service principal", "Security Warning – Missing github repo
 * condition key", "General Warning – Specific github repo and branch recommended",
 * "Security Warning – Missing condition key for oidc principal", "Security
 * Warning – Restrict access to service principal", "Suggestion – Redundant
 * principal in role trust policy", and the RCP syntax errors.
 */
import { matchesWildcard } from '../../policy/index.ts';
import type { PathElement } from '../types.ts';
import { type StatementView, type Validation, child } from './context.ts';
import { type Node, items, properties, property } from './document.ts';

interface Located {
  text: string;
  node: Node;
  path: PathElement[];
}

/** The strings of a string-or-list value, located. */
function located(path: PathElement[], node: Node | undefined): Located[] {
  if (node === undefined) return [];
  if (node.type === 'string') return [{ text: String(node.value), node, path }];
  return items(node).flatMap((n, index) => (n.type === 'string' ? [{ text: String(n.value), node: n, path: child(path, { index }) }] : []));
}

/** Principal values by key ('AWS', 'Service', 'Federated', 'CanonicalUser'); Principal "*" gives none. */
function principalValues(st: StatementView): Map<string, Located[]> {
  const out = new Map<string, Located[]>();
  const principal = st.element('Principal');
  if (principal === undefined) return out;
  for (const p of properties(principal.value)) out.set(p.name, located(child(st.path, { value: 'Principal' }, { value: p.name }), p.value));
  return out;
}

function actionValues(st: StatementView): Located[] {
  return located(child(st.path, { value: 'Action' }), st.element('Action')?.value);
}

/** Condition keys of the statement (as written), with where they are. */
function conditionKeys(st: StatementView): { operator: string; key: string; node: Node; valueNode: Node; path: PathElement[] }[] {
  const condition = st.element('Condition');
  const out: { operator: string; key: string; node: Node; valueNode: Node; path: PathElement[] }[] = [];
  for (const op of properties(condition?.value)) {
    for (const k of properties(op.value)) out.push({ operator: op.name, key: k.name, node: k.key, valueNode: k.value, path: child(st.path, { value: 'Condition' }, { value: op.name }, { key: k.name }) });
  }
  return out;
}

const SAML_PROVIDER = /^arn:[^:]+:iam::\d{12}:saml-provider\/.+$/;
const OIDC_PROVIDER = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/;
/** Web identity providers named by domain (IAM User Guide, "Creating a role for web identity or OpenID Connect Federation"). */
const PUBLIC_IDPS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);
const GITHUB = 'token.actions.githubusercontent.com';

type FederatedKind = 'saml' | 'oidc' | 'unknown';

function federatedKind(text: string): FederatedKind {
  if (SAML_PROVIDER.test(text)) return 'saml';
  if (OIDC_PROVIDER.test(text) || PUBLIC_IDPS.has(text)) return 'oidc';
  return 'unknown';
}

/** The host whose keys ('host:sub', 'host:aud') a condition on this OIDC principal uses. */
function oidcHost(text: string): string | undefined {
  const m = OIDC_PROVIDER.exec(text);
  if (m !== null) return (m[1] as string).toLowerCase();
  return PUBLIC_IDPS.has(text) ? text : undefined;
}

/** Does the statement grant `action` (by Action; NotAction is never counted)? */
function grants(st: StatementView, action: string): boolean {
  return actionValues(st).some((a) => a.text === '*' || matchesWildcard(a.text, action, { ignoreCase: true }));
}

export function checkPrincipalRules(v: Validation, st: StatementView): void {
  if (v.policyType === 'RESOURCE_CONTROL_POLICY') {
    checkRcpStatement(v, st);
    return;
  }
  if (v.policyType !== 'RESOURCE_POLICY') return;
  const principals = principalValues(st);
  if (!v.trustPolicy) {
    const federated = st.element('Principal') === undefined ? undefined : property(st.element('Principal')?.value, 'Federated');
    if (federated !== undefined) v.report('FEDERATED_PRINCIPAL_NOT_SUPPORTED', child(st.path, { value: 'Principal' }, { key: 'Federated' }), federated.key);
    checkServicePrincipalConditions(v, st, principals);
    return;
  }
  checkFederatedSyntax(v, principals.get('Federated') ?? []);
  checkMismatchedActions(v, st, principals);
  checkRedundantAssumedRoles(v, principals.get('AWS') ?? []);
  checkServicePrincipalConditions(v, st, principals);
  if (st.effect !== 'Allow') return;
  checkRolesAnywhere(v, st, principals.get('Service') ?? []);
  checkTrustActionsForKeys(v, st);
  checkOidcConditions(v, st, principals.get('Federated') ?? []);
}

function checkFederatedSyntax(v: Validation, federated: Located[]): void {
  for (const f of federated) {
    if (f.text === '*' || f.text.includes('${')) continue;
    const domain = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(f.text);
    if (!domain && !SAML_PROVIDER.test(f.text) && !OIDC_PROVIDER.test(f.text)) v.report('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', f.path, f.node);
  }
}

/**
 * sts:AssumeRoleWithSAML takes SAML providers, sts:AssumeRoleWithWebIdentity OIDC
 * providers, and sts:AssumeRole neither (a federated principal never calls it).
 */
function checkMismatchedActions(v: Validation, st: StatementView, principals: Map<string, Located[]>): void {
  const federated = principals.get('Federated') ?? [];
  const others = [...(principals.get('AWS') ?? []), ...(principals.get('Service') ?? [])];
  for (const action of actionValues(st)) {
    if (/[*?]/.test(action.text)) continue;
    const name = action.text.toLowerCase();
    let wrong: Located[] = [];
    if (name === 'sts:assumerolewithsaml') wrong = [...federated.filter((f) => federatedKind(f.text) === 'oidc'), ...others];
    else if (name === 'sts:assumerolewithwebidentity') wrong = [...federated.filter((f) => federatedKind(f.text) === 'saml'), ...others];
    else if (name === 'sts:assumerole') wrong = federated.filter((f) => federatedKind(f.text) !== 'unknown');
    if (wrong.length > 0) v.report('MISMATCHED_ACTION_FOR_PRINCIPAL', action.path, action.node, { actionName: action.text, principalNames: wrong.map((w) => w.text).join(', ') });
  }
}

/** 'arn:aws:sts::111122223333:assumed-role/Name/session' next to its role 'arn:aws:iam::111122223333:role/…/Name'. */
function checkRedundantAssumedRoles(v: Validation, aws: Located[]): void {
  const roles = aws.flatMap((a) => {
    const m = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(a.text);
    return m === null ? [] : [{ partition: m[1], account: m[2], name: m[3], text: a.text }];
  });
  if (roles.length === 0) return;
  for (const a of aws) {
    const m = /^arn:([^:]+):(?:sts|iam)::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(a.text);
    if (m === null) continue;
    const parent = roles.find((r) => r.partition === m[1] && r.account === m[2] && r.name === m[3]);
    if (parent !== undefined) v.report('REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY', a.path, a.node, { redundant_principal: a.text, parent_role: parent.text });
  }
}

function checkRolesAnywhere(v: Validation, st: StatementView, services: Located[]): void {
  const rolesAnywhere = services.find((s) => s.text === 'rolesanywhere.amazonaws.com');
  if (rolesAnywhere === undefined || st.element('Action') === undefined) return;
  if (!['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'].every((a) => grants(st, a))) {
    v.report('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', rolesAnywhere.path, rolesAnywhere.node);
  }
}

/**
 * OIDC principals need a condition on their own claims; for GitHub Actions that
 * is the subject (token.actions.githubusercontent.com:sub): the audience alone
 * lets every repository on GitHub in. A subject with a wildcard should name the
 * repository and the branch.
 */
function checkOidcConditions(v: Validation, st: StatementView, federated: Located[]): void {
  const keys = conditionKeys(st);
  for (const f of federated) {
    if (federatedKind(f.text) !== 'oidc') continue;
    const host = oidcHost(f.text);
    if (host === undefined) continue;
    const own = keys.filter((k) => k.key.toLowerCase().startsWith(`${host}:`));
    if (host === GITHUB) {
      const subs = own.filter((k) => k.key.toLowerCase() === `${GITHUB}:sub`);
      if (subs.length === 0) {
        v.report('MISSING_GITHUB_REPO_CONDITION_KEY', f.path, f.node);
        continue;
      }
      const branchPinned = own.some((k) => k.key.toLowerCase() === `${GITHUB}:ref` && located(k.path, k.valueNode).every((x) => !/[*?]/.test(x.text)));
      for (const sub of subs) {
        const values = located(sub.path, sub.valueNode);
        const loose = values.find((x) => {
          if (!/[*?]/.test(x.text)) return false;
          const repo = /^repo:([^:]*)(:.*)?$/.exec(x.text);
          if (repo === null || /[*?]/.test(repo[1] as string)) return true;
          return !branchPinned;
        });
        if (loose !== undefined) v.report('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', sub.path, sub.node);
      }
      continue;
    }
    if (own.length === 0) v.report('MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', f.path, f.node);
  }
}

/** Keys a service principal's request does not carry: they describe an IAM principal. */
const NOT_FOR_SERVICE_PRINCIPALS = ['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:principaltag/'];
const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

function checkServicePrincipalConditions(v: Validation, st: StatementView, principals: Map<string, Located[]>): void {
  const services = principals.get('Service') ?? [];
  if (services.length === 0 || [...principals.keys()].some((k) => k !== 'Service')) return;
  const keys = conditionKeys(st);
  const unsupported = keys.filter((k) => NOT_FOR_SERVICE_PRINCIPALS.some((n) => (n.endsWith('/') ? k.key.toLowerCase().startsWith(n) : k.key.toLowerCase() === n)));
  const first = unsupported[0];
  if (first !== undefined) {
    v.report('UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', first.path, first.node, { conditionKeys: [...new Set(unsupported.map((k) => k.key))].join(', ') });
  }
  // A service acting on someone's behalf in a resource policy: pin the source (confused deputy).
  if (!v.trustPolicy && st.effect === 'Allow' && !keys.some((k) => SOURCE_KEYS.includes(k.key.toLowerCase()))) {
    const s = services[0] as Located;
    const other = keys.find((k) => !unsupported.includes(k));
    if (other === undefined) v.report('RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', s.path, s.node);
    else v.report('RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', other.path, other.node, { servicePrincipalPrefix: s.text.split('.')[0] ?? s.text, key: other.key });
  }
}

/**
 * Resource control policies (AWS Organizations User Guide, "RCP syntax"): Principal
 * "*" only, no NotPrincipal, no NotAction, Action from the services RCPs support,
 * and an Allow only as Principal "*", Resource "*", no Condition.
 */
const RCP_SERVICES = new Set(['s3', 'sts', 'sqs', 'secretsmanager', 'kms', 'ecr', 'aoss', 'cognito-idp', 'logs', 'dynamodb']);

function checkRcpStatement(v: Validation, st: StatementView): void {
  const principal = st.element('Principal');
  const notPrincipal = st.element('NotPrincipal');
  const everyone = (n: Node | undefined) => n !== undefined && ((n.type === 'string' && n.value === '*') || (properties(n).length === 1 && properties(n)[0]?.name === 'AWS' && located([], properties(n)[0]?.value).every((x) => x.text === '*')));
  if (notPrincipal !== undefined) v.report('RCP_SYNTAX_ERROR_PRINCIPAL', child(st.path, { key: 'NotPrincipal' }), notPrincipal.key);
  else if (principal === undefined) v.report('MISSING_PRINCIPAL', st.path, { offset: st.node.offset, length: 1 });
  else if (!everyone(principal.value)) v.report('RCP_SYNTAX_ERROR_PRINCIPAL', child(st.path, { value: 'Principal' }), principal.value);
  const notAction = st.element('NotAction');
  if (notAction !== undefined) v.report('RCP_SYNTAX_ERROR_NOTACTION', child(st.path, { key: 'NotAction' }), notAction.key);
  for (const a of actionValues(st)) {
    if (a.text === '*') continue;
    const service = a.text.split(':')[0]?.toLowerCase() ?? '';
    if (!RCP_SERVICES.has(service)) v.report('RCP_SYNTAX_ERROR_ACTION', a.path, a.node);
  }
  checkRcpConditionKeys(v, st);
  if (st.effect === 'Allow') {
    const resource = st.element('Resource');
    const allResources = resource !== undefined && located([], resource.value).every((r) => r.text === '*') && located([], resource.value).length > 0;
    if (!everyone(principal?.value) || !allResources || st.element('Condition') !== undefined || st.element('NotResource') !== undefined) {
      v.report('RCP_SYNTAX_ERROR_ALLOW', child(st.path, { value: 'Effect' }), st.element('Effect')?.value ?? st.node);
    }
  }
}

const PRINCIPAL_KEYS = ['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn'];
const SERVICE_SOURCE_KEYS = ['aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourceaccount'];

/**
 * RCPs apply to AWS service principals too: a test of the calling principal
 * should exempt services (BoolIfExists aws:PrincipalIsAWSService false), a test
 * of the source a service acts for should apply only to services (… true) and
 * only when the source is present (Null aws:SourceAccount / aws:SourceArn false).
 * Reference sections "General Warning – RCP missing related principal condition
 * key", "… related service principal condition key" and "… service condition key
 * null check", with the AWS Organizations User Guide's RCP examples.
 */
function checkRcpConditionKeys(v: Validation, st: StatementView): void {
  const keys = conditionKeys(st);
  const tests = (key: string, value: string, operators: RegExp) =>
    keys.some((k) => k.key.toLowerCase() === key && operators.test(k.operator) && located([], k.valueNode).some((x) => x.text.toLowerCase() === value));
  const exemptsServices = tests('aws:principalisawsservice', 'false', /^Bool(IfExists)?$/i);
  const onlyServices = tests('aws:principalisawsservice', 'true', /^Bool(IfExists)?$/i);
  const sourcePresent = tests('aws:sourceaccount', 'false', /^Null$/i) || tests('aws:sourcearn', 'false', /^Null$/i);
  for (const k of keys) {
    const lower = k.key.toLowerCase();
    if ((PRINCIPAL_KEYS.includes(lower) || lower.startsWith('aws:principaltag/')) && !exemptsServices) {
      v.report('RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY', k.path, k.node, { conditionKeyName: k.key });
    }
    if (SERVICE_SOURCE_KEYS.includes(lower)) {
      if (!onlyServices) v.report('RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY', k.path, k.node, { conditionKeyName: k.key });
      if (!sourcePresent) v.report('RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK', k.path, k.node, { conditionKeyName: k.key });
    }
  }
}

/** Session tags and source identity are set by sts:TagSession and sts:SetSourceIdentity, which the trust policy must allow. */
export function checkTrustActionsForKeys(v: Validation, st: StatementView): void {
  if (!v.trustPolicy || st.effect !== 'Allow' || st.element('Action') === undefined) return;
  for (const k of conditionKeys(st)) {
    const lower = k.key.toLowerCase();
    const needed = lower.startsWith('aws:requesttag/') || lower === 'aws:tagkeys' || lower === 'sts:transitivetagkeys' ? 'sts:TagSession' : lower === 'sts:sourceidentity' ? 'sts:SetSourceIdentity' : undefined;
    if (needed !== undefined && !grants(st, needed)) v.report('MISSING_ACTION_FOR_CONDITION_KEY', k.path, k.node, { actionName: needed, keyName: k.key });
  }
}
