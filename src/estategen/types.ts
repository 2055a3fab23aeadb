/** What `crossgate estate generate` plans before it writes anything: plain data. */

export interface GenerateOptions {
  /** Accounts in all: API owners, calling accounts and (from 3 on) one outsider. At least 2. */
  accounts: number;
  /** HTTP APIs in all, spread over the owner accounts. At least 1. */
  apis: number;
  /** Routes in all, spread over the APIs; each API has GET /health (NONE) and at least one AWS_IAM route. */
  routes: number;
  /** Delegated roles in all, spread over the APIs (each role reaches one API). At least 1. */
  roles: number;
  seed: string | number;
  region?: string;
}

export type AccountKind = 'owner' | 'caller' | 'outsider';

export interface PlannedAccount {
  id: string;
  alias: string;
  kind: AccountKind;
}

export interface PlannedRoute {
  routeKey: string;
  authorizationType: 'NONE' | 'AWS_IAM';
}

export interface PlannedApi {
  /** The config alias and the API's name. */
  name: string;
  apiId: string;
  owner: PlannedAccount;
  routes: PlannedRoute[];
}

/**
 * What a delegated role is meant to reach:
 * - invoker: every route (the seed article's `<api>/$default/*\/*`);
 * - reader: GET routes only;
 * - routes: a chosen set of routes, one ARN per route (whose wildcards may reach more);
 * - noDelete: every route, with an explicit Deny on DELETE;
 * - bounded: every route by its policy, but a permissions boundary that allows GET and POST only.
 */
export type RoleKind = 'invoker' | 'reader' | 'routes' | 'noDelete' | 'bounded';

export interface PlannedRole {
  name: string;
  path: string;
  api: PlannedApi;
  kind: RoleKind;
  /** The account whose principals may assume it. */
  caller: PlannedAccount;
  /** Required by the trust policy when set. */
  externalId?: string;
  /** kind 'routes': the route keys granted. */
  grantedRoutes: string[];
  /** kind 'routes': the grant carries an IpAddressIfExists condition. */
  sourceIpCondition: boolean;
  /** A Deny dated far in the future (decommissioning): never applies today. */
  decommissionDeny: boolean;
}

export type PrincipalRole = 'ci' | 'bystander' | 'outsider' | 'auditor';

export interface PlannedPrincipal {
  /** Config alias and IAM user name. */
  name: string;
  account: PlannedAccount;
  role: PrincipalRole;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EstatePlan {
  options: Required<Omit<GenerateOptions, 'seed'>> & { seed: string };
  accounts: PlannedAccount[];
  apis: PlannedApi[];
  roles: PlannedRole[];
  principals: PlannedPrincipal[];
}

/** One concrete request to a route, and whether a role's session may make it. */
export interface ExpectedAccess {
  routeKey: string;
  authorizationType: 'NONE' | 'AWS_IAM';
  method: string;
  path: string;
  resource: string;
  /** By the role's identity policies alone (what the static layer evaluates). */
  identityAllows: boolean;
  /** With the permissions boundary too (what IAM's simulator and the API decide). */
  allowed: boolean;
}
