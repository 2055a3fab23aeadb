/**
 * The policy operations users and roles share: inline policies (Get/Put/Delete/List
 * <Entity>Policy) and managed attachments (Attach/Detach/ListAttached<Entity>Policies).
 */
import { parseDocument } from '../documents.ts';
import type { Role, User } from '../model.ts';
import { pageTail, paginate } from '../pagination.ts';
import { arn, existingUserName, paging, policyDocument, policyName, policyPath, roleName, userName, type ParamSpec } from '../params.ts';
import { attachedPoliciesXml, encodeDocument, xmlList } from '../serialize.ts';
import { roleTarget, userTarget, type IamContext, type OperationTable } from './types.ts';

type Kind = 'user' | 'role';

interface EntityKind {
  /** 'User' | 'Role', as in the operation names. */
  noun: 'User' | 'Role';
  /** The name parameter: IAM's model uses userNameType or existingUserNameType by operation. */
  nameParam(existing: boolean): ParamSpec;
  get(ctx: IamContext, name: string): User | Role;
  target: typeof userTarget;
}

const KINDS: Record<Kind, EntityKind> = {
  user: {
    noun: 'User',
    nameParam: (existing) => (existing ? existingUserName() : userName()),
    get: (ctx, name) => ctx.state.iam.getUser(ctx.accountId, name),
    target: userTarget,
  },
  role: {
    noun: 'Role',
    nameParam: () => roleName(),
    get: (ctx, name) => ctx.state.iam.getRole(ctx.accountId, name),
    target: roleTarget,
  },
};

export function entityPolicyOperations(kind: Kind): OperationTable {
  const k = KINDS[kind];
  const nameKey = `${k.noun}Name`;
  const target = (ctx: IamContext, action: string, name: string) => k.target(ctx, `iam:${action}`, name);
  const policyArnContext = (policyArn: string) => ({ 'iam:PolicyARN': policyArn });

  return {
    [`Get${k.noun}Policy`]: {
      input: [k.nameParam(true), policyName],
      authorization: (ctx, input) => target(ctx, `Get${k.noun}Policy`, input.required(nameKey)),
      run(ctx, input) {
        const entity = k.get(ctx, input.required(nameKey));
        const doc = ctx.state.iam.getInlinePolicy(entity, input.required('PolicyName'));
        return { [nameKey]: entity.name, PolicyName: input.required('PolicyName'), PolicyDocument: encodeDocument(doc.text) };
      },
    },

    [`Put${k.noun}Policy`]: {
      input: [k.nameParam(true), policyName, policyDocument()],
      authorization: (ctx, input) => target(ctx, `Put${k.noun}Policy`, input.required(nameKey)),
      run(ctx, input) {
        const entity = k.get(ctx, input.required(nameKey));
        const doc = parseDocument(input.required('PolicyDocument'), 'identity');
        ctx.state.iam.putInlinePolicy(entity, input.required('PolicyName'), doc);
        return undefined;
      },
    },

    [`Delete${k.noun}Policy`]: {
      input: [k.nameParam(true), policyName],
      authorization: (ctx, input) => target(ctx, `Delete${k.noun}Policy`, input.required(nameKey)),
      run(ctx, input) {
        ctx.state.iam.deleteInlinePolicy(k.get(ctx, input.required(nameKey)), input.required('PolicyName'));
        return undefined;
      },
    },

    [`List${k.noun}Policies`]: {
      input: [k.nameParam(true), ...paging],
      authorization: (ctx, input) => target(ctx, `List${k.noun}Policies`, input.required(nameKey)),
      run(ctx, input) {
        const entity = k.get(ctx, input.required(nameKey));
        const page = paginate([...entity.inlinePolicies.keys()].sort(), input, `List${k.noun}Policies:${entity.arn}`);
        return { PolicyNames: xmlList(page.items), ...pageTail(page) };
      },
    },

    [`ListAttached${k.noun}Policies`]: {
      input: [k.nameParam(false), policyPath('PathPrefix'), ...paging],
      authorization: (ctx, input) => target(ctx, `ListAttached${k.noun}Policies`, input.required(nameKey)),
      run(ctx, input) {
        const entity = k.get(ctx, input.required(nameKey));
        const prefix = input.string('PathPrefix') ?? '/';
        const arns = entity.attachedPolicies.filter((a) => ctx.state.iam.getPolicy(a).path.startsWith(prefix));
        const page = paginate(arns, input, `ListAttached${k.noun}Policies:${entity.arn}`);
        return { AttachedPolicies: xmlList(attachedPoliciesXml(ctx.state.iam, page.items)), ...pageTail(page) };
      },
    },

    [`Attach${k.noun}Policy`]: {
      input: [k.nameParam(false), arn('PolicyArn')],
      authorization(ctx, input) {
        const t = target(ctx, `Attach${k.noun}Policy`, input.required(nameKey));
        return { ...t, context: { ...t.context, ...policyArnContext(input.required('PolicyArn')) } };
      },
      run(ctx, input) {
        const entity = k.get(ctx, input.required(nameKey));
        const policy = ctx.state.iam.policyFor(ctx.accountId, input.required('PolicyArn'));
        ctx.state.iam.attach(entity, policy.arn);
        return undefined;
      },
    },

    [`Detach${k.noun}Policy`]: {
      input: [k.nameParam(false), arn('PolicyArn')],
      authorization(ctx, input) {
        const t = target(ctx, `Detach${k.noun}Policy`, input.required(nameKey));
        return { ...t, context: { ...t.context, ...policyArnContext(input.required('PolicyArn')) } };
      },
      run(ctx, input) {
        ctx.state.iam.detach(k.get(ctx, input.required(nameKey)), input.required('PolicyArn'));
        return undefined;
      },
    },
  };
}
