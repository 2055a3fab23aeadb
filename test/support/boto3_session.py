"""Every IAM and API Gateway v2 operation of the embedded AWS, through boto3.

Run by test/emulator/clients.test.ts with the endpoint in CROSSGATE_ENDPOINT and the
keys of the test estate's principals in CROSSGATE_KEYS (JSON). Prints one JSON object
of observations; the TypeScript test asserts on them.
"""
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["CROSSGATE_ENDPOINT"]
KEYS = json.loads(os.environ["CROSSGATE_KEYS"])
A = "111111111111"
TRUST_B = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]})
IDENTITY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}]})


def client(service, who, region="us-east-1"):
    k = KEYS[who]
    return boto3.client(service, region_name=region, endpoint_url=ENDPOINT,
                        aws_access_key_id=k["accessKeyId"], aws_secret_access_key=k["secretAccessKey"])


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


out = {}
auditor = client("iam", "auditor")
admin = client("iam", "admin")

# Reads
out["GetUser"] = auditor.get_user()["User"]["Arn"]
out["GetRole"] = auditor.get_role(RoleName="ApiInvokerRole")["Role"]
out["ListRoles"] = [r["RoleName"] for page in auditor.get_paginator("list_roles").paginate(PaginationConfig={"PageSize": 1}) for r in page["Roles"]]
out["ListUsers"] = [u["UserName"] for u in auditor.list_users()["Users"]]
out["ListAttachedRolePolicies"] = auditor.list_attached_role_policies(RoleName="ApiInvokerRole")["AttachedPolicies"]
out["ListAttachedUserPolicies"] = auditor.list_attached_user_policies(UserName="auditor")["AttachedPolicies"]
out["ListRolePolicies"] = auditor.list_role_policies(RoleName="ApiInvokerRole")["PolicyNames"]
policy_arn = f"arn:aws:iam::{A}:policy/InvokeOrdersApi"
out["GetPolicy"] = auditor.get_policy(PolicyArn=policy_arn)["Policy"]["DefaultVersionId"]
out["GetPolicyVersion"] = auditor.get_policy_version(PolicyArn=policy_arn, VersionId="v1")["PolicyVersion"]["Document"]
out["ListPolicyVersions"] = [v["VersionId"] for v in auditor.list_policy_versions(PolicyArn=policy_arn)["Versions"]]
out["ListEntitiesForPolicy"] = [r["RoleName"] for r in auditor.list_entities_for_policy(PolicyArn=policy_arn)["PolicyRoles"]]
details = auditor.get_account_authorization_details()
out["GetAccountAuthorizationDetails"] = {
    "roles": [r["RoleName"] for r in details["RoleDetailList"]],
    "policies": [p["PolicyName"] for p in details["Policies"]],
    "trust": details["RoleDetailList"][0]["AssumeRolePolicyDocument"],
}
b_admin = client("iam", "bAdmin")
out["ListUserPolicies"] = b_admin.list_user_policies(UserName="ci-caller")["PolicyNames"]
out["GetUserPolicy"] = b_admin.get_user_policy(UserName="ci-caller", PolicyName="AssumeOrdersRoles")["PolicyDocument"]
out["AccessDenied"] = error_of(lambda: client("iam", "bystander").get_role(RoleName="ApiInvokerRole"))

# Writes
role = admin.create_role(RoleName="Boto3Role", AssumeRolePolicyDocument=TRUST_B, Tags=[{"Key": "by", "Value": "boto3"}])["Role"]
out["CreateRole"] = {"Arn": role["Arn"], "CreateDateType": type(role["CreateDate"]).__name__}
admin.update_assume_role_policy(RoleName="Boto3Role", PolicyDocument=TRUST_B)
admin.put_role_policy(RoleName="Boto3Role", PolicyName="Inline", PolicyDocument=IDENTITY)
out["GetRolePolicy"] = admin.get_role_policy(RoleName="Boto3Role", PolicyName="Inline")["PolicyDocument"]
policy = admin.create_policy(PolicyName="Boto3Policy", PolicyDocument=IDENTITY)["Policy"]
out["CreatePolicyVersion"] = admin.create_policy_version(PolicyArn=policy["Arn"], PolicyDocument=IDENTITY, SetAsDefault=True)["PolicyVersion"]["VersionId"]
admin.delete_policy_version(PolicyArn=policy["Arn"], VersionId="v1")
admin.attach_role_policy(RoleName="Boto3Role", PolicyArn=policy["Arn"])
admin.put_role_permissions_boundary(RoleName="Boto3Role", PermissionsBoundary=policy_arn)
out["DeleteConflict"] = error_of(lambda: admin.delete_role(RoleName="Boto3Role"))
admin.detach_role_policy(RoleName="Boto3Role", PolicyArn=policy["Arn"])
admin.delete_role_policy(RoleName="Boto3Role", PolicyName="Inline")
admin.delete_role(RoleName="Boto3Role")
admin.delete_policy(PolicyArn=policy["Arn"])
out["NoSuchEntity"] = error_of(lambda: admin.get_role(RoleName="Boto3Role"))
user = admin.create_user(UserName="boto3-user")["User"]
key = admin.create_access_key(UserName="boto3-user")["AccessKey"]
who = boto3.client("sts", region_name="us-east-1", endpoint_url=ENDPOINT, aws_access_key_id=key["AccessKeyId"],
                   aws_secret_access_key=key["SecretAccessKey"]).get_caller_identity()
out["CreateAccessKey"] = {"user": user["Arn"], "caller": who["Arn"]}
admin.put_user_policy(UserName="boto3-user", PolicyName="Inline", PolicyDocument=IDENTITY)
admin.delete_user_policy(UserName="boto3-user", PolicyName="Inline")
admin.attach_user_policy(UserName="boto3-user", PolicyArn=policy_arn)
admin.detach_user_policy(UserName="boto3-user", PolicyArn=policy_arn)

# API Gateway v2
gw_auditor = client("apigatewayv2", "auditor")
gw_admin = client("apigatewayv2", "admin")
out["GetApis"] = [a["ApiId"] for a in gw_auditor.get_apis()["Items"]]
api = gw_auditor.get_api(ApiId="a1b2c3d4e5")
out["GetApi"] = {"Name": api["Name"], "CreatedDateType": type(api["CreatedDate"]).__name__}
routes = gw_auditor.get_routes(ApiId="a1b2c3d4e5")["Items"]
out["GetRoutes"] = [f'{r["RouteKey"]} {r["AuthorizationType"]}' for r in routes]
out["GetRoute"] = gw_auditor.get_route(ApiId="a1b2c3d4e5", RouteId=routes[0]["RouteId"])["RouteKey"]
out["GetStages"] = [s["StageName"] for s in gw_auditor.get_stages(ApiId="a1b2c3d4e5")["Items"]]
out["GetStage"] = gw_auditor.get_stage(ApiId="a1b2c3d4e5", StageName="$default")["AutoDeploy"]
new_api = gw_admin.create_api(Name="boto3", ProtocolType="HTTP")
route = gw_admin.create_route(ApiId=new_api["ApiId"], RouteKey="GET /boto3", AuthorizationType="AWS_IAM")
stage = gw_admin.create_stage(ApiId=new_api["ApiId"], StageName="$default", AutoDeploy=True)
gw_admin.delete_route(ApiId=new_api["ApiId"], RouteId=route["RouteId"])
out["Create"] = {"endpoint": new_api["ApiEndpoint"], "route": route["RouteKey"], "stage": stage["StageName"],
                 "after_delete": gw_admin.get_routes(ApiId=new_api["ApiId"])["Items"]}
out["NotFoundException"] = error_of(lambda: gw_auditor.get_api(ApiId="zzzzzzzzzz"))

json.dump(out, sys.stdout, default=str)
