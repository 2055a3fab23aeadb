/**
 * Build the emulator's state from an estate (src/estate reads and validates the file):
 * semantic checks → emulator state. Every problem names the file and the JSON path.
 */
import { UserError } from '../../util/userError.ts';
import { parsePolicy } from '../../policy/index.ts';
import { AwsError } from '../errors.ts';
import { IamModel, type StoredDocument } from '../services/iam/model.ts';
import { ApiGatewayModel } from '../services/apigatewayv2/model.ts';
import { CredentialStore } from '../credentials.ts';
import { loadEstateFile } from '../../estate/load.ts';
import type { Estate, EstateAccessKey, EstatePolicyDocument } from '../../estate/types.ts';
import { estateUserKeys, localAdministratorKey } from '../../estate/localCredentials.ts';
import { buildOrganization, type Organization } from './organization.ts';

export interface EmulatorState {
  region: string;
  iam: IamModel;
  apigateway: ApiGatewayModel;
  credentials: CredentialStore;
  /** The AWS Organizations organization, when the estate has one. */
  organization?: Organization;
}

/** Build emulator state from a validated estate. `file` is used in messages only. */
export function buildState(estate: Estate, file: string, now = new Date()): EmulatorState {
  const problems: string[] = [];
  const fail = (path: string, message: string) => problems.push(`${file}: ${path}: ${message}`);
  const doc = (input: EstatePolicyDocument, path: string): StoredDocument | undefined => {
    const parsed = parsePolicy(input);
    if (!parsed.ok) {
      for (const p of parsed.problems) fail(`${path}${p.path === '/' ? '' : p.path}`, p.message);
      return undefined;
    }
    return { text: JSON.stringify(input), policy: parsed.policy };
  };

  const iam = new IamModel();
  const apigateway = new ApiGatewayModel();
  const credentials = new CredentialStore();
  const seenAccounts = new Set<string>();
  const seenKeys = new Map<string, string>();

  estate.accounts.forEach((account, ai) => {
    const ap = `/accounts/${ai}`;
    if (seenAccounts.has(account.id)) fail(`${ap}/id`, `account ${account.id} appears twice`);
    seenAccounts.add(account.id);
    const acct = iam.account(account.id);
    acct.alias = account.alias;

    const guarded = (path: string, action: () => void) => {
      try {
        action();
      } catch (err) {
        if (err instanceof AwsError) fail(path, err.message);
        else throw err;
      }
    };

    (account.policies ?? []).forEach((p, pi) => {
      const d = doc(p.document, `${ap}/policies/${pi}/document`);
      if (d) guarded(`${ap}/policies/${pi}/name`, () => iam.createPolicy(account.id, p.name, d, { path: p.path, description: p.description }, now));
    });

    const resolvePolicyArn = (ref: string) =>
      ref.startsWith('arn:') ? ref : [...acct.policies.values()].find((p) => p.name === ref)?.arn ?? `arn:aws:iam::${account.id}:policy/${ref}`;

    (account.users ?? []).forEach((u, ui) => {
      const up = `${ap}/users/${ui}`;
      guarded(`${up}/name`, () => {
        const user = iam.createUser(account.id, u.name, u.path, now);
        for (const [name, body] of Object.entries(u.inlinePolicies ?? {})) {
          const d = doc(body, `${up}/inlinePolicies/${name}`);
          if (d) user.inlinePolicies.set(name, d);
        }
        (u.attachedPolicies ?? []).forEach((ref, i) => guarded(`${up}/attachedPolicies/${i}`, () => iam.attach(user, resolvePolicyArn(ref))));
        user.tags = { ...(u.tags ?? {}) };
        if (u.permissionsBoundary !== undefined) guarded(`${up}/permissionsBoundary`, () => iam.setPermissionsBoundary(user, resolvePolicyArn(u.permissionsBoundary!)));
        // An imported user has no keys: the embedded AWS gives it a local one (src/estate/localCredentials.ts).
        estateUserKeys(estate, account.id, u).forEach((k: EstateAccessKey, ki) => {
          const other = seenKeys.get(k.accessKeyId);
          if (other) return fail(`${up}/accessKeys/${ki}/accessKeyId`, `access key ${k.accessKeyId} is already used at ${other}`);
          seenKeys.set(k.accessKeyId, `${up}/accessKeys/${ki}`);
          guarded(`${up}/accessKeys/${ki}`, () => iam.addAccessKey(user, { accessKeyId: k.accessKeyId, status: k.status ?? 'Active', createDate: now }));
          credentials.add({
            accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, issuedAt: now, status: k.status ?? 'Active',
            identity: iam.userIdentity(user), subject: { kind: 'user', accountId: account.id, userName: user.name },
          });
        });
      });
    });

    // The account's local administrator: signs as the account root (src/estate/localCredentials.ts).
    const admin = localAdministratorKey(account.id);
    if (!seenKeys.has(admin.accessKeyId)) {
      seenKeys.set(admin.accessKeyId, `${ap} (local administrator)`);
      credentials.add({
        ...admin, issuedAt: now, status: 'Active',
        identity: { arn: `arn:aws:iam::${account.id}:root`, accountId: account.id, type: 'root', userId: account.id },
        subject: { kind: 'root', accountId: account.id },
      });
    }

    (account.roles ?? []).forEach((r, ri) => {
      const rp = `${ap}/roles/${ri}`;
      const trust = doc(r.assumeRolePolicyDocument, `${rp}/assumeRolePolicyDocument`);
      if (!trust) return;
      guarded(`${rp}/name`, () => {
        const role = iam.createRole(account.id, r.name, trust, { path: r.path, description: r.description, maxSessionDuration: r.maxSessionDuration }, now);
        for (const [name, body] of Object.entries(r.inlinePolicies ?? {})) {
          const d = doc(body, `${rp}/inlinePolicies/${name}`);
          if (d) role.inlinePolicies.set(name, d);
        }
        (r.attachedPolicies ?? []).forEach((ref, i) => guarded(`${rp}/attachedPolicies/${i}`, () => iam.attach(role, resolvePolicyArn(ref))));
        role.tags = { ...(r.tags ?? {}) };
        if (r.permissionsBoundary !== undefined) guarded(`${rp}/permissionsBoundary`, () => iam.setPermissionsBoundary(role, resolvePolicyArn(r.permissionsBoundary!)));
      });
    });

    (account.apis ?? []).forEach((a, xi) => {
      const xp = `${ap}/apis/${xi}`;
      guarded(`${xp}/apiId`, () => {
        const api = apigateway.createApi(account.id, estate.region, { apiId: a.apiId, name: a.name, stages: a.stages }, now);
        a.routes.forEach((route, ti) => guarded(`${xp}/routes/${ti}/routeKey`, () => apigateway.createRoute(api, route)));
      });
    });
  });

  const organization = estate.organization === undefined ? undefined : buildOrganization(estate.organization, fail);

  if (problems.length > 0) throw new UserError(problems.join('\n'));
  const state: EmulatorState = { region: estate.region, iam, apigateway, credentials };
  if (organization !== undefined) state.organization = organization;
  return state;
}

/** Load, validate and build in one step. */
export function loadEstate(file: string, now = new Date()): EmulatorState {
  return buildState(loadEstateFile(file), file, now);
}
