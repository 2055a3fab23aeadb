/**
 * The bundled features pass on the seed estate and fail, for the right reason, on
 * each deliberately broken estate: a check that cannot fail proves nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/emulator.ts';
import { runFeaturesAgainst, type FeatureRun } from '../support/runFeatures.ts';

function failed(run: FeatureRun) {
  return run.scenarios.filter((s) => s.status !== 'PASSED');
}

describe('bundled features', () => {
  test('pass on the seed estate and write the three reports', () => {
    const run = runFeaturesAgainst(join(REPO, 'estates', 'seed.json'));
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.ok(run.scenarios.length >= 10, `${run.scenarios.length} scenarios`);
    assert.deepEqual(failed(run), []);
    for (const f of ['cucumber.html', 'junit.xml', 'messages.ndjson']) assert.ok(existsSync(join(run.reportsDir, f)), f);
  });

  const ASSUME_DENIED = (role: string) => new RegExp(`ci-caller could not assume arn:aws:iam::111111111111:role/${role}: AccessDenied: User: arn:aws:iam::222222222222:user/ci-caller is not authorized to perform: sts:AssumeRole`);
  // The estate-wide scenarios (features/estate.feature).
  const E1 = 'No role in account A can be assumed from outside account B';
  const E2 = 'Exactly the delegated roles invoke the orders API, each exactly its routes';
  const E3 = 'What account B can assume grants nothing beyond invoking the orders API';
  const E4 = 'Every route of every HTTP API in account A requires IAM, but the health check';
  const E5 = 'Outsiders reach IAM routes only through the delegated roles';
  const E7 = 'No role in account A has a public trust policy';
  const NO_NEW_ACCESS = /CheckNoNewAccess: FAIL: The modified permissions grant new access/;

  const cases: { estate: string; fails: Record<string, RegExp> }[] = [
    {
      estate: 'trust-any-account',
      fails: {
        [E7]: /ApiInvokerRole#trust: role ApiInvokerRole: CheckNoPublicAccess FAIL/,

        [E1]: /role ApiInvokerRole can be assumed from outside 222222222222: '\*' \(any AWS principal\) without any condition, trust statement 0/,

        'Principals without a trust path cannot assume the invoker role': /expected AccessDenied, but the role was assumed as arn:aws:sts::111111111111:assumed-role\/ApiInvokerRole\/crossgate-outsider/,
        'The delegated roles trust no account other than B': /ApiInvokerRole#trust statement 0: Principal '\*' lets any AWS principal assume the role, and no condition pins the caller's account/,
        "Account C does not pass the invoker role's trust policy": /the trust policy of ApiInvokerRole lets outsider assume it \(allowed\)/,
        'The trust policy is not public': /CheckNoPublicAccess: FAIL/,
      },
    },
    {
      estate: 'trust-missing',
      fails: {
        [E1]: /role ApiInvokerRole can be assumed from outside 222222222222: account principal arn:aws:iam::333333333333:root without any condition/,

        'The invoker role trusts account B': /no Allow statement lets a principal of account 222222222222 assume the role \(it trusts: arn:aws:iam::333333333333:root\)/,
        'The delegated roles trust no account other than B': /'arn:aws:iam::333333333333:root' is in account 333333333333, outside 222222222222/,
        "Account B passes the invoker role's trust policy": /the trust policy of ApiInvokerRole does not let ci-caller assume it: implicitDeny/,
        "Account C does not pass the invoker role's trust policy": /lets outsider assume it/,
        'Principals without a trust path cannot assume the invoker role': /the role was assumed as arn:aws:sts::111111111111:assumed-role\/ApiInvokerRole\/crossgate-outsider/,
        'A role session from account B invokes an IAM-authorized route': ASSUME_DENIED('ApiInvokerRole'),
        'A request whose signature was tampered with is refused': ASSUME_DENIED('ApiInvokerRole'),
        'A request signed too long ago is refused': ASSUME_DENIED('ApiInvokerRole'),
      },
    },
    {
      estate: 'readonly-may-delete',
      fails: {
        [E2]: /ReadOrdersApi statement 0 \(ReadOnly\): OrdersReadOnlyRole \(arn:aws:iam::111111111111:role\/OrdersReadOnlyRole\) can invoke 'POST \/orders' of "orders", which the table does not list: granted by arn:aws:iam::111111111111:policy\/ReadOrdersApi statement 0 \(Sid ReadOnly\)/,

        'The read-only role may not delete an order': /DELETE https:\/\/a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com\/orders\/42 as arn:aws:sts::111111111111:assumed-role\/OrdersReadOnlyRole\/crossgate-ci-caller: expected 403, got 200/,
        'The read-only role reaches exactly the GET routes': /'POST \/orders' should not be allowed but POST is: allowed by statement 0 \(Sid ReadOnly\)/,
        'The read-only role may only read': /POST \/orders: IAM's simulation says allowed, expected denied/,
        'The read-only role can never delete an order': /ReadOrdersApi: CheckAccessNotGranted FAIL/,
        'No new access compared to the committed baseline': NO_NEW_ACCESS,
      },
    },
    {
      estate: 'orders-route-open',
      // A NONE route authenticates nobody: every scenario that relies on GET /orders refusing or identifying a caller breaks.
      fails: {
        [E2]: /the table names 'GET \/orders' for OrdersReadOnlyRole, which is not an AWS_IAM route of "orders"/,
        [E4]: /route 'GET \/orders' of the HTTP API "orders" \(a1b2c3d4e5\) uses NONE, not AWS_IAM/,

        'Only the health check is open': /route 'GET \/orders' uses NONE, not AWS_IAM/,
        'An unsigned request to an IAM-authorized route is refused': /GET https:\/\/a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com\/orders as anonymous: expected 403, got 200/,
        'A role session from account B invokes an IAM-authorized route': /the integration saw no IAM caller/,
        "Account B's own credentials do not reach the API without the role": /GET .*\/orders as ci-caller: expected 403, got 200/,
        'A request whose signature was tampered with is refused': /GET .*\/orders as arn:aws:sts::111111111111:assumed-role\/ApiInvokerRole\/crossgate-ci-caller: expected 403, got 200/,
        'A request signed too long ago is refused': /expected 403, got 200/,
      },
    },
    {
      estate: 'caller-policy-missing',
      fails: {
        'A role session from account B invokes an IAM-authorized route': ASSUME_DENIED('ApiInvokerRole'),
        'The read-only role may read an order': ASSUME_DENIED('OrdersReadOnlyRole'),
        'The read-only role may not delete an order': ASSUME_DENIED('OrdersReadOnlyRole'),
        'A request whose signature was tampered with is refused': ASSUME_DENIED('ApiInvokerRole'),
        'A request signed too long ago is refused': ASSUME_DENIED('ApiInvokerRole'),
        "crossgate's engine, IAM and the deployed API agree on the read-only role": ASSUME_DENIED('OrdersReadOnlyRole'),
      },
    },
    {
      estate: 'arn-wrong-region',
      fails: {
        [E2]: /ApiInvokerRole cannot invoke 'GET \/orders' of "orders", which the table lists/,
        [E3]: /role ApiInvokerRole, which account 222222222222 can assume, allows on 'arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5\/\$default\/\*\/\*', outside the HTTP API "orders"/,

        'Invoke policies name the orders API exactly': /InvokeOrdersApi statement 0 \(VisualEditor0\): arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5\/\$default\/\*\/\*: the region is 'eu-west-1', not 'us-east-1'/,
        'The invoker role may invoke every IAM route of the orders API': /GET \/orders: IAM's simulation says implicitDeny, expected allowed/,
        'A role session from account B invokes an IAM-authorized route': /expected 200, got 403 \(AccessDeniedException\)/,
        'No new access compared to the committed baseline': NO_NEW_ACCESS,
      },
    },
    {
      estate: 'arn-wrong-account',
      fails: {
        [E2]: /ApiInvokerRole cannot invoke 'GET \/orders' of "orders", which the table lists/,
        [E3]: /allows on 'arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5\/\$default\/\*\/\*', outside the HTTP API "orders"/,

        'Invoke policies name the orders API exactly': /the account is '222222222222', not '111111111111'/,
        'The invoker role may invoke every IAM route of the orders API': /IAM's simulation says implicitDeny, expected allowed/,
        'A role session from account B invokes an IAM-authorized route': /expected 200, got 403 \(AccessDeniedException\)/,
        'No new access compared to the committed baseline': NO_NEW_ACCESS,
      },
    },
    {
      // A $default route without authorization answers every request the API has no route for.
      estate: 'orders-catch-all',
      fails: {
        'A request to a route the API does not have is not found': /GET https:\/\/a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com\/invoices as anonymous: expected 404, got 200/,
        'Only the health check is open': /route '\$default' uses NONE, not AWS_IAM/,
        'Every route of every HTTP API in account A requires IAM, but the health check': /route '\$default' of the HTTP API "orders" \(a1b2c3d4e5\) uses NONE, not AWS_IAM/,
        'The read-only role reaches exactly the GET routes': /'\$default' should not be allowed but GET is/,
      },
    },
    {
      // The orders API still works: only the static check and the baseline see the over-broad grant.
      estate: 'arn-wildcard-api',
      fails: {
        [E3]: /role ApiInvokerRole, which account 222222222222 can assume, allows on 'arn:aws:execute-api:us-east-1:111111111111:\*\/\$default\/\*\/\*', outside the HTTP API "orders"/,

        'Invoke policies name the orders API exactly': /the api-id '\*' is a wildcard: it grants invoke on other APIs of the account/,
        'No new access compared to the committed baseline': NO_NEW_ACCESS,
      },
    },
    {
      // A role nobody names: trusted by '*', it may POST /orders. The estate-wide checks see it; the named ones cannot.
      estate: 'refunds-role-public',
      fails: {
        [E7]: /RefundsRole#trust: role RefundsRole: CheckNoPublicAccess FAIL: The resource policy grants public access/,

        [E1]: /role RefundsRole can be assumed from outside 222222222222: '\*' \(any AWS principal\) without any condition, trust statement 0/,
        [E2]: /RefundsRole \(arn:aws:iam::111111111111:role\/RefundsRole\) can invoke 'POST \/orders' of "orders", which the table does not list: granted by arn:aws:iam::111111111111:role\/RefundsRole#IssueRefunds statement 0 \(Sid PostOrders\)/,
        [E5]: /role RefundsRole is not a delegated role, yet '\*' \(any AWS principal\) without any condition, trust statement 0 lets outsiders assume it, and it can invoke 1 AWS_IAM route\(s\), e\.g\. 'POST \/orders'/,
      },
    },
    {
      estate: 'trust-account-c-root',
      fails: {
        [E1]: /AuditExportRole#trust statement 0 \(PartnerAccount\): role AuditExportRole can be assumed from outside 222222222222: account principal arn:aws:iam::333333333333:root without any condition/,
      },
    },
    {
      estate: 'payments-route-open',
      fails: {
        [E4]: /route 'POST \/payments\/refund' of the HTTP API "payments" \(p4y5m6n7t8\) uses NONE, not AWS_IAM/,
      },
    },
    {
      estate: 'b-role-grants-more',
      fails: {
        [E3]: /OrdersExportRole#ExportOrders statement 0 \(ReadExports\): role OrdersExportRole, which account 222222222222 can assume, allows 's3:GetObject'/,
      },
    },
  ];

  for (const c of cases) {
    test(`fail on estates/broken/${c.estate}.json, in exactly the scenarios it breaks`, () => {
      const run = runFeaturesAgainst(join(REPO, 'estates', 'broken', `${c.estate}.json`));
      assert.equal(run.exitCode, 1, run.stdout + run.stderr);
      const bad = failed(run);
      assert.deepEqual([...new Set(bad.map((s) => s.name))].sort(), Object.keys(c.fails).sort());
      for (const s of bad) {
        assert.equal(s.status, 'FAILED');
        assert.match(s.messages.join('\n'), c.fails[s.name]!, s.name);
      }
    });
  }
});

describe('bundled features with the organization features (features-org)', () => {
  const WITH_ORG = ['--features', 'features', '--features', 'features-org'];
  const ORG_DENIED = (role: string, kind: string) =>
    new RegExp(`ci-caller could not assume arn:aws:iam::111111111111:role/${role}: AccessDenied: User: arn:aws:iam::222222222222:user/ci-caller is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/${role} with an explicit deny in a ${kind}$`, 'm');
  const PLAIN_DENIED = (role: string) =>
    new RegExp(`ci-caller could not assume arn:aws:iam::111111111111:role/${role}: AccessDenied: User: arn:aws:iam::222222222222:user/ci-caller is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/${role}$`, 'm');
  const NOT_MEMBER = /account 222222222222 \(B\) is not a member of organization o-a1b2c3d4e5, the organization of account 111111111111 \(A\)/;

  test('pass on estates/org.json (the seed inside an organization)', () => {
    const run = runFeaturesAgainst(join(REPO, 'estates', 'org.json'), WITH_ORG);
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.deepEqual(failed(run), []);
    assert.ok(run.scenarios.some((s) => s.name === 'The roles of account A may be assumed only from accounts of its organization'), 'the organization features ran');
  });

  const cases: { estate: string; fails: Record<string, RegExp> }[] = [
    {
      estate: 'org-scp-denies-assume',
      fails: {
        'A role session from account B invokes an IAM-authorized route': ORG_DENIED('ApiInvokerRole', 'service control policy'),
        'The read-only role may read an order': ORG_DENIED('OrdersReadOnlyRole', 'service control policy'),
        'The read-only role may not delete an order': ORG_DENIED('OrdersReadOnlyRole', 'service control policy'),
        'A request whose signature was tampered with is refused': ORG_DENIED('ApiInvokerRole', 'service control policy'),
        'A request signed too long ago is refused': ORG_DENIED('ApiInvokerRole', 'service control policy'),
        "crossgate's engine, IAM and the deployed API agree on the read-only role": ORG_DENIED('OrdersReadOnlyRole', 'service control policy'),
      },
    },
    {
      estate: 'org-rcp-blocks-outsiders',
      fails: {
        'A role session from account B invokes an IAM-authorized route': ORG_DENIED('ApiInvokerRole', 'resource control policy'),
        'The read-only role may read an order': ORG_DENIED('OrdersReadOnlyRole', 'resource control policy'),
        'The read-only role may not delete an order': ORG_DENIED('OrdersReadOnlyRole', 'resource control policy'),
        'A request whose signature was tampered with is refused': ORG_DENIED('ApiInvokerRole', 'resource control policy'),
        'A request signed too long ago is refused': ORG_DENIED('ApiInvokerRole', 'resource control policy'),
        "crossgate's engine, IAM and the deployed API agree on the read-only role": ORG_DENIED('OrdersReadOnlyRole', 'resource control policy'),
        'Account B belongs to the organization of account A': NOT_MEMBER,
      },
    },
    {
      // The read-only role's trust names the organization (aws:PrincipalOrgID): B is out. The invoker
      // role's trust names B's account with no such condition: it now admits a principal outside.
      estate: 'org-account-left',
      fails: {
        'The read-only role may read an order': PLAIN_DENIED('OrdersReadOnlyRole'),
        'The read-only role may not delete an order': PLAIN_DENIED('OrdersReadOnlyRole'),
        "crossgate's engine, IAM and the deployed API agree on the read-only role": PLAIN_DENIED('OrdersReadOnlyRole'),
        'Account B belongs to the organization of account A': NOT_MEMBER,
        'The roles of account A may be assumed only from accounts of its organization':
          /ApiInvokerRole#trust statement 0: lets 'arn:aws:iam::222222222222:root' \(account 222222222222\), outside organization o-a1b2c3d4e5, assume arn:aws:iam::111111111111:role\/ApiInvokerRole/,
      },
    },
  ];

  for (const c of cases) {
    test(`fail on estates/broken/${c.estate}.json, in exactly the scenarios it breaks`, () => {
      const run = runFeaturesAgainst(join(REPO, 'estates', 'broken', `${c.estate}.json`), WITH_ORG);
      assert.equal(run.exitCode, 1, run.stdout + run.stderr);
      const bad = failed(run);
      assert.deepEqual([...new Set(bad.map((s) => s.name))].sort(), Object.keys(c.fails).sort());
      for (const s of bad) {
        assert.equal(s.status, 'FAILED', s.name);
        assert.match(s.messages.join('\n'), c.fails[s.name]!, s.name);
      }
    });
  }

  test('the organization features fail closed on an estate without an organization', () => {
    const run = runFeaturesAgainst(join(REPO, 'estates', 'seed.json'), ['--features', 'features-org']);
    assert.equal(run.exitCode, 1, run.stdout + run.stderr);
    assert.equal(failed(run).length, 2, 'both scenarios fail');
    for (const s of failed(run)) assert.match(s.messages.join('\n'), /has no organization: add one under "organization"/, s.name);
  });
});
