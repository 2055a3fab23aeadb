import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
const res = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/POST/admin/audit';
for (const pat of ['*/$default/POST/admin/audit', 'a1b2c3d4e5/*/POST/admin/audit', 'a1b2c3d4e5/$default/*/admin/audit', '*/*/*/admin/*', 'a*/*/*/admin/*', 'a1b2c3d4e5/*/*/admin/*','*', '*/*', '*/$default/*', '*5/$default/POST/admin/audit']) {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:111111111111:' + pat }] };
  const sim = { request: { principal: 'arn:aws:sts::111111111111:assumed-role/R/s', action: 'execute-api:Invoke', resource: { resource: res, accountId: '111111111111' }, contextVariables: {} }, identityPolicies: [{ name: 'p', policy }], serviceControlPolicies: [], resourceControlPolicies: [] };
  console.log(pat, runUnsafeSimulation(sim as any, {}));
}
