// Attach<Entity>Policy, Detach<Entity>Policy and ListAttached<Entity>Policies for users, groups and
// roles, from one table: how the entity is named, which ARN the call is authorized on, and how to
// find it as an attachment target (a role must be modifiable to change: service-linked roles are not).
import { defineFamilyAction, type Action, type ActionContext } from '../action.ts';
import {
  attachedPolicies,
  attachedPolicyKey,
  attachPolicy,
  detachPolicy,
  groupTarget,
  modifiableRoleTarget,
  roleTarget,
  userTarget,
} from '../../domain/index.ts';
import type { AttachedPolicy, IamOperationName } from '../../protocol/index.ts';
import type { ReadRepos } from '../../store/index.ts';
import { paginateList } from './paginate-list.ts';
import { groupArn, roleArn, userArn } from './resource-arns.ts';
import { attachedPolicyShape } from './shapes/policy-shapes.ts';

type Target = Awaited<ReturnType<typeof userTarget>>;

interface AttachmentHolder {
  noun: 'User' | 'Group' | 'Role';
  /** The request member naming the entity. */
  member: 'UserName' | 'GroupName' | 'RoleName';
  resource(ctx: ActionContext, name: string): string;
  /** Finds the entity (NoSuchEntity otherwise); `change` when the call would change its attachments. */
  target(repos: ReadRepos, accountId: string, name: string, change: boolean): Promise<Target>;
}

const HOLDERS: readonly AttachmentHolder[] = [
  { noun: 'User', member: 'UserName', resource: userArn, target: (r, a, n) => userTarget(r, a, n) },
  { noun: 'Group', member: 'GroupName', resource: groupArn, target: (r, a, n) => groupTarget(r, a, n) },
  {
    noun: 'Role',
    member: 'RoleName',
    resource: roleArn,
    target: (r, a, n, change) => (change ? modifiableRoleTarget(r, a, n) : roleTarget(r, a, n)),
  },
];

type Named = Record<string, string>;
interface PolicyArnInput {
  PolicyArn: string;
}
interface ListInput {
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}
interface ListOutput {
  AttachedPolicies: AttachedPolicy[];
  IsTruncated: boolean;
  Marker?: string;
}

function actionsFor(h: AttachmentHolder): Action[] {
  const nameOf = (input: Named): string => input[h.member] ?? '';
  const resource = (input: Named, ctx: ActionContext) => h.resource(ctx, nameOf(input));
  // typed by AWS's operation names: an entity without all three operations does not compile
  const attach: IamOperationName = `Attach${h.noun}Policy`;
  const detach: IamOperationName = `Detach${h.noun}Policy`;
  const list: IamOperationName = `ListAttached${h.noun}Policies`;
  return [
    defineFamilyAction<'iam', Named & PolicyArnInput, void>({
      service: 'iam',
      name: attach,
      resource,
      async handle(input, ctx) {
        const quotas = await ctx.services.quotas(ctx.accountId);
        await ctx.services.store.write(ctx.accountId, async (repos) => {
          const target = await h.target(repos, ctx.accountId, nameOf(input), true);
          await attachPolicy(repos, ctx.accountId, target, input.PolicyArn, quotas, ctx.now);
        });
      },
    }),
    defineFamilyAction<'iam', Named & PolicyArnInput, void>({
      service: 'iam',
      name: detach,
      resource,
      async handle(input, ctx) {
        await ctx.services.store.write(ctx.accountId, async (repos) => {
          const target = await h.target(repos, ctx.accountId, nameOf(input), true);
          await detachPolicy(repos, ctx.accountId, target, input.PolicyArn);
        });
      },
    }),
    defineFamilyAction<'iam', Named & ListInput, ListOutput>({
      service: 'iam',
      name: list,
      resource,
      async handle(input, ctx) {
        const rows = await ctx.services.store.read(async (repos) =>
          attachedPolicies(
            repos,
            await h.target(repos, ctx.accountId, nameOf(input), false),
            input.PathPrefix,
          ),
        );
        const page = paginateList(rows, input, attachedPolicyKey);
        return {
          AttachedPolicies: page.items.map(attachedPolicyShape),
          IsTruncated: page.isTruncated,
          Marker: page.marker,
        };
      },
    }),
  ];
}

/** The 9 attachment actions: Attach, Detach and ListAttached…Policies for users, groups and roles. */
export const policyAttachmentActions: Action[] = HOLDERS.flatMap(actionsFor);
