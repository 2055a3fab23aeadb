/**
 * The policy operations users and roles share: inline policies (Get/Put/Delete/List
 * <Entity>Policy) and managed attachments (Attach/Detach/ListAttached<Entity>Policies).
 */
import { operation, type Operation } from '../../../operation/define.ts';
import { parseDocument } from '../documents.ts';
import type { Role, User } from '../model.ts';
import { attachedPoliciesXml, encodeDocument, xmlList } from '../serialize.ts';
import { page, roleTarget, userTarget, type IamContext, type Paging } from './types.ts';

type Kind = 'user' | 'role';

interface EntityKind {
  /** 'User' | 'Role', as in the operation names. */
  noun: 'User' | 'Role';
  get(ctx: IamContext, name: string): User | Role;
  target: typeof userTarget;
}

const KINDS: Record<Kind, EntityKind> = {
  user: { noun: 'User', get: (ctx, name) => ctx.state.iam.getUser(ctx.accountId, name), target: userTarget },
  role: { noun: 'Role', get: (ctx, name) => ctx.state.iam.getRole(ctx.accountId, name), target: roleTarget },
};

/** The members these operations take; the entity's name is UserName or RoleName. */
type Input = Record<string, string | undefined> & Paging & { PolicyName: string; PolicyDocument: string; PolicyArn: string; PathPrefix?: string };

export function entityPolicyOperations(kind: Kind): Operation[] {
  const k = KINDS[kind];
  const nameKey = `${k.noun}Name`;
  const nameOf = (input: Input) => input[nameKey] as string;
  const target = (action: string) => (ctx: IamContext, input: Input) => k.target(ctx, `iam:${action}`, nameOf(input));
  const withPolicyArn = (action: string) => (ctx: IamContext, input: Input) => {
    const t = k.target(ctx, `iam:${action}`, nameOf(input));
    return { ...t, context: { ...t.context, 'iam:PolicyARN': input.PolicyArn } };
  };

  return [
    operation<Input>({
      name: `Get${k.noun}Policy`,
      authorization: target(`Get${k.noun}Policy`),
      run(ctx, input) {
        const entity = k.get(ctx, nameOf(input));
        const doc = ctx.state.iam.getInlinePolicy(entity, input.PolicyName);
        return { [nameKey]: entity.name, PolicyName: input.PolicyName, PolicyDocument: encodeDocument(doc.text) };
      },
    }),

    operation<Input>({
      name: `Put${k.noun}Policy`,
      authorization: target(`Put${k.noun}Policy`),
      run(ctx, input) {
        const entity = k.get(ctx, nameOf(input));
        ctx.state.iam.putInlinePolicy(entity, input.PolicyName, parseDocument(input.PolicyDocument, 'identity'));
        return undefined;
      },
    }),

    operation<Input>({
      name: `Delete${k.noun}Policy`,
      authorization: target(`Delete${k.noun}Policy`),
      run(ctx, input) {
        ctx.state.iam.deleteInlinePolicy(k.get(ctx, nameOf(input)), input.PolicyName);
        return undefined;
      },
    }),

    operation<Input>({
      name: `List${k.noun}Policies`,
      authorization: target(`List${k.noun}Policies`),
      run(ctx, input) {
        const entity = k.get(ctx, nameOf(input));
        const p = page([...entity.inlinePolicies.keys()].sort(), input, `List${k.noun}Policies:${entity.arn}`);
        return { PolicyNames: xmlList(p.items), ...p.tail };
      },
    }),

    operation<Input>({
      name: `ListAttached${k.noun}Policies`,
      authorization: target(`ListAttached${k.noun}Policies`),
      run(ctx, input) {
        const entity = k.get(ctx, nameOf(input));
        const prefix = input.PathPrefix ?? '/';
        const arns = entity.attachedPolicies.filter((a) => ctx.state.iam.getPolicy(a).path.startsWith(prefix));
        const p = page(arns, input, `ListAttached${k.noun}Policies:${entity.arn}`);
        return { AttachedPolicies: xmlList(attachedPoliciesXml(ctx.state.iam, p.items)), ...p.tail };
      },
    }),

    operation<Input>({
      name: `Attach${k.noun}Policy`,
      authorization: withPolicyArn(`Attach${k.noun}Policy`),
      run(ctx, input) {
        const entity = k.get(ctx, nameOf(input));
        const policy = ctx.state.iam.policyFor(ctx.accountId, input.PolicyArn);
        ctx.state.iam.attach(entity, policy.arn);
        return undefined;
      },
    }),

    operation<Input>({
      name: `Detach${k.noun}Policy`,
      authorization: withPolicyArn(`Detach${k.noun}Policy`),
      run(ctx, input) {
        ctx.state.iam.detach(k.get(ctx, nameOf(input)), input.PolicyArn);
        return undefined;
      },
    }),
  ];
}
