import { authorize, parsePolicy } from './src/policy/index.ts';
const doc = { Version: '2012-10-17', Statement: [
  { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: ['arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/orders', 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/orders/*'] },
  { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/DELETE/*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } } },
]};
const p = parsePolicy(doc); if (!p.ok) throw 1;
const principal = { arn: 'arn:aws:sts::111111111111:assumed-role/R/s', accountId: '111111111111', type: 'assumedRole' as const, roleArn: 'arn:aws:iam::111111111111:role/R' };
const pols = [{ name: 'p', kind: 'identity' as const, policy: p.policy }];
const res = ['GET', 'DELETE'].map((m) => `arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/${m}/orders/42`);
const ctx = { 'aws:SourceIp': '10.0.0.1', 'aws:CurrentTime': '2024-01-01T00:00:00Z' };
for (let round = 0; round < 5; round++) {
  let n = 0; const c0 = process.cpuUsage();
  while (n < 1_000_000) { authorize({ principal, action: 'execute-api:Invoke', resource: res[n & 1]!, resourceAccount: '111111111111', context: ctx, identityPolicies: pols }); n++; }
  const u = process.cpuUsage(c0);
  console.log((n / ((u.user + u.system) / 1e6)).toFixed(0), '/cpu-s');
}
