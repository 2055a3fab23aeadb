/**
 * AWS managed policies that grant execute-api:Invoke (or everything), held in an imported
 * estate as customer managed stand-ins: the embedded AWS models no AWS managed policies,
 * and dropping one of these would hide access (an AdministratorAccess role could invoke
 * every API). Documents as AWS publishes them:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonAPIGatewayInvokeFullAccess.html
 * Other AWS managed policies are listed in imported.skipped.
 */
import type { EstatePolicyDocument } from '../types.ts';

export const AWS_MANAGED_STAND_INS: Readonly<Record<string, EstatePolicyDocument>> = {
  AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  PowerUserAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      { Effect: 'Allow', Action: ['account:GetAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'], Resource: '*' },
    ],
  },
  AmazonAPIGatewayInvokeFullAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['execute-api:Invoke', 'execute-api:ManageConnections'], Resource: 'arn:aws:execute-api:*:*:*' }] },
};

/** The stand-in's path in the account: /aws-managed/<name>. */
export const STAND_IN_PATH = '/aws-managed/';
