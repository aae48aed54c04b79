// Put/Get/Delete<Entity>Policy and List<Entity>Policies for the three holders of inline policies —
// users, groups and roles — from one table: how the holder is named, which ARN the call is
// authorized on, its aggregate size quota, and how to find it (a role must be modifiable to change:
// service-linked roles are not).
import { defineFamilyAction, type Action, type ActionContext } from '../action.ts';
import type { Quotas } from '../../config/index.ts';
import {
  groupAsInlineOwner,
  deleteInlinePolicy,
  getInlinePolicyEntry,
  type InlineOwner,
  listInlinePolicyNames,
  putInlinePolicy,
  userAsInlineOwner,
  assertModifiableRole,
  getRoleRow,
  roleOwner,
} from '../../domain/index.ts';
import type { IamOperationName } from '../../protocol/index.ts';
import type { ReadRepos } from '../../store/index.ts';
import { paginateList } from './paginate-list.ts';
import { groupArn, roleArn, userArn } from './resource-arns.ts';

interface InlineHolder {
  noun: 'User' | 'Group' | 'Role';
  /** The request (and GetXPolicy response) member naming the holder. */
  member: 'UserName' | 'GroupName' | 'RoleName';
  resource(ctx: ActionContext, name: string): string;
  /** The aggregate size of the holder's inline policies (AWS: 2,048 / 5,120 / 10,240). */
  quota(q: Quotas): number;
  /** Finds the holder (NoSuchEntity otherwise); `change` when the call would change its policies. */
  owner(repos: ReadRepos, accountId: string, name: string, change: boolean): Promise<InlineOwner>;
}

const HOLDERS: readonly InlineHolder[] = [
  {
    noun: 'User',
    member: 'UserName',
    resource: userArn,
    quota: (q) => q.userInlinePolicySize,
    owner: (repos, accountId, name) => userAsInlineOwner(repos, accountId, name),
  },
  {
    noun: 'Group',
    member: 'GroupName',
    resource: groupArn,
    quota: (q) => q.groupInlinePolicySize,
    owner: (repos, accountId, name) => groupAsInlineOwner(repos, accountId, name),
  },
  {
    noun: 'Role',
    member: 'RoleName',
    resource: roleArn,
    quota: (q) => q.roleInlinePolicySize,
    async owner(repos, accountId, name, change) {
      const role = await getRoleRow(repos, accountId, name);
      if (change) assertModifiableRole(role);
      return roleOwner(role);
    },
  },
];

type Named = Record<string, string>;
interface PolicyNamed {
  PolicyName: string;
}
interface PutInput extends PolicyNamed {
  PolicyDocument: string;
}
interface ListInput {
  Marker?: string;
  MaxItems?: number;
}
interface ListOutput {
  PolicyNames: string[];
  IsTruncated: boolean;
  Marker?: string;
}

function actionsFor(h: InlineHolder): Action[] {
  const nameOf = (input: Named): string => input[h.member] ?? '';
  const resource = (input: Named, ctx: ActionContext) => h.resource(ctx, nameOf(input));
  // typed by AWS's operation names: a holder without all four operations does not compile
  const put: IamOperationName = `Put${h.noun}Policy`;
  const get: IamOperationName = `Get${h.noun}Policy`;
  const del: IamOperationName = `Delete${h.noun}Policy`;
  const list: IamOperationName = `List${h.noun}Policies`;
  return [
    defineFamilyAction<'iam', Named & PutInput, void>({
      service: 'iam',
      name: put,
      resource,
      async handle(input, ctx) {
        const quotas = await ctx.services.quotas(ctx.accountId);
        await ctx.services.store.write(ctx.accountId, async (repos) => {
          const owner = await h.owner(repos, ctx.accountId, nameOf(input), true);
          await putInlinePolicy(repos, owner, input.PolicyName, input.PolicyDocument, h.quota(quotas));
        });
      },
    }),
    defineFamilyAction<'iam', Named & PolicyNamed, Named & { PolicyName: string; PolicyDocument: string }>({
      service: 'iam',
      name: get,
      resource,
      handle: (input, ctx) =>
        ctx.services.store.read(async (repos) => {
          const owner = await h.owner(repos, ctx.accountId, nameOf(input), false);
          const policy = await getInlinePolicyEntry(repos, owner, input.PolicyName);
          // the document URL-encoded, as IAM returns it
          return {
            [h.member]: owner.name,
            PolicyName: policy.policyName,
            PolicyDocument: encodeURIComponent(policy.document),
          };
        }),
    }),
    defineFamilyAction<'iam', Named & PolicyNamed, void>({
      service: 'iam',
      name: del,
      resource,
      async handle(input, ctx) {
        await ctx.services.store.write(ctx.accountId, async (repos) =>
          deleteInlinePolicy(
            repos,
            await h.owner(repos, ctx.accountId, nameOf(input), true),
            input.PolicyName,
          ),
        );
      },
    }),
    defineFamilyAction<'iam', Named & ListInput, ListOutput>({
      service: 'iam',
      name: list,
      resource,
      async handle(input, ctx) {
        const names = await ctx.services.store.read(async (repos) =>
          listInlinePolicyNames(repos, await h.owner(repos, ctx.accountId, nameOf(input), false)),
        );
        const page = paginateList(names, input, (n) => n.toLowerCase());
        return { PolicyNames: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
      },
    }),
  ];
}

/** The 12 inline-policy actions: Put, Get, Delete and List for users, groups and roles. */
export const inlinePolicyActions: Action[] = HOLDERS.flatMap(actionsFor);
