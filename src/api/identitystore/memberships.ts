// The Identity Store's group memberships: CreateGroupMembership, DescribeGroupMembership, the two lists
// from one table (ListGroupMemberships of a group, ListGroupMembershipsForMember of a user),
// DeleteGroupMembership, GetGroupMembershipId and IsMemberInGroups.
import { defineAction, defineFamilyAction, type Action } from '../action.ts';
import { createMembership, directoryNotFound, directoryUser, membershipWithId } from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import type { ReadRepos } from '../../store/index.ts';
import {
  identityStoreArn,
  membershipShape,
  nextTokenOf,
  pageOf,
  readStore,
  writeStore,
} from './store-scope.ts';

const userOf = (member: { UserId?: string }) => {
  if (!member.UserId) throw new AwsError('ValidationError', 'MemberId must name a UserId.');
  return member.UserId;
};

export const CreateGroupMembership = defineAction({
  service: 'identitystore',
  name: 'CreateGroupMembership',
  resource: identityStoreArn,
  async handle(input, ctx) {
    const MembershipId = await writeStore(ctx, input.IdentityStoreId, (repos) =>
      createMembership(
        repos,
        input.IdentityStoreId,
        input.GroupId,
        userOf(input.MemberId),
        ctx.now,
        ctx.caller.arn,
      ),
    );
    return { IdentityStoreId: input.IdentityStoreId, MembershipId };
  },
});

export const DescribeGroupMembership = defineAction({
  service: 'identitystore',
  name: 'DescribeGroupMembership',
  resource: identityStoreArn,
  async handle(input, ctx) {
    const row = await readStore(ctx, input.IdentityStoreId, (repos) =>
      membershipWithId(repos, input.IdentityStoreId, input.MembershipId),
    );
    return {
      ...membershipShape(row),
      MembershipId: row.membership_id,
      GroupId: row.group_id,
      MemberId: { UserId: row.user_id },
    };
  },
});

type Paged = { IdentityStoreId: string; MaxResults?: number; NextToken?: string };

/** A list of memberships: its operation, and which memberships it lists (checked to exist first). */
interface MembershipList<I extends Paged> {
  name: 'ListGroupMemberships' | 'ListGroupMembershipsForMember';
  of(repos: ReadRepos, input: I): Promise<{ groupId: string } | { userId: string }>;
}

const listAction = <I extends Paged>(list: MembershipList<I>): Action =>
  defineFamilyAction<'identitystore', I, object>({
    service: 'identitystore',
    name: list.name,
    resource: identityStoreArn,
    async handle(input, ctx) {
      const { rows, limit } = await readStore(ctx, input.IdentityStoreId, async (repos) => {
        const page = pageOf(input);
        const of = await list.of(repos, input);
        return {
          rows: await repos.identityStore.memberships(input.IdentityStoreId, of, page),
          limit: page.limit,
        };
      });
      return {
        GroupMemberships: rows.map(membershipShape),
        ...nextTokenOf(rows, limit, (r) => r.membership_id),
      };
    },
  });

/** ListGroupMemberships and ListGroupMembershipsForMember. */
export const membershipListActions: readonly Action[] = [
  listAction<Paged & { GroupId: string }>({
    name: 'ListGroupMemberships',
    of: async (_repos, input) => ({ groupId: input.GroupId }),
  }),
  listAction<Paged & { MemberId: { UserId?: string } }>({
    name: 'ListGroupMembershipsForMember',
    async of(repos, input) {
      const userId = userOf(input.MemberId);
      await directoryUser(repos, input.IdentityStoreId, userId);
      return { userId };
    },
  }),
];

export const DeleteGroupMembership = defineAction({
  service: 'identitystore',
  name: 'DeleteGroupMembership',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await writeStore(ctx, input.IdentityStoreId, async (repos) => {
      await membershipWithId(repos, input.IdentityStoreId, input.MembershipId);
      await repos.identityStore.deleteMembership(input.IdentityStoreId, input.MembershipId);
    });
    return {};
  },
});

export const GetGroupMembershipId = defineAction({
  service: 'identitystore',
  name: 'GetGroupMembershipId',
  resource: identityStoreArn,
  async handle(input, ctx) {
    const row = await readStore(ctx, input.IdentityStoreId, (repos) =>
      repos.identityStore.membershipOf(input.IdentityStoreId, input.GroupId, userOf(input.MemberId)),
    );
    if (!row) throw directoryNotFound('GROUP_MEMBERSHIP', input.GroupId);
    return { IdentityStoreId: input.IdentityStoreId, MembershipId: row.membership_id };
  },
});

export const IsMemberInGroups = defineAction({
  service: 'identitystore',
  name: 'IsMemberInGroups',
  resource: identityStoreArn,
  async handle(input, ctx) {
    const Results = await readStore(ctx, input.IdentityStoreId, async (repos) => {
      const userId = userOf(input.MemberId);
      await directoryUser(repos, input.IdentityStoreId, userId);
      return Promise.all(
        input.GroupIds.map(async (GroupId) => ({
          GroupId,
          MemberId: { UserId: userId },
          MembershipExists:
            (await repos.identityStore.membershipOf(input.IdentityStoreId, GroupId, userId)) !== undefined,
        })),
      );
    });
    return { Results };
  },
});
