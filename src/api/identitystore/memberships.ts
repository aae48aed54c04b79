// The Identity Store's group memberships: CreateGroupMembership, DescribeGroupMembership,
// ListGroupMemberships (of a group), ListGroupMembershipsForMember (of a user), DeleteGroupMembership,
// GetGroupMembershipId and IsMemberInGroups.
import { defineAction } from '../action.ts';
import { createMembership, directoryNotFound, directoryUser, membershipWithId } from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import { administeredStore, identityStoreArn, membershipShape, nextTokenOf, pageOf } from './store-scope.ts';

const userOf = (member: { UserId?: string }) => {
  if (!member.UserId) throw new AwsError('ValidationError', 'MemberId must name a UserId.');
  return member.UserId;
};

export const CreateGroupMembership = defineAction({
  service: 'identitystore',
  name: 'CreateGroupMembership',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const MembershipId = await ctx.services.store.write(ctx.accountId, (repos) =>
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
    await administeredStore(ctx, input.IdentityStoreId);
    const row = await ctx.services.store.read((repos) =>
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

export const ListGroupMemberships = defineAction({
  service: 'identitystore',
  name: 'ListGroupMemberships',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const page = pageOf(input);
    const rows = await ctx.services.store.read((repos) =>
      repos.identityStore.memberships(input.IdentityStoreId, { groupId: input.GroupId }, page),
    );
    return {
      GroupMemberships: rows.map(membershipShape),
      ...nextTokenOf(rows, page.limit, (r) => r.membership_id),
    };
  },
});

export const ListGroupMembershipsForMember = defineAction({
  service: 'identitystore',
  name: 'ListGroupMembershipsForMember',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const page = pageOf(input);
    const userId = userOf(input.MemberId);
    const rows = await ctx.services.store.read(async (repos) => {
      await directoryUser(repos, input.IdentityStoreId, userId);
      return repos.identityStore.memberships(input.IdentityStoreId, { userId }, page);
    });
    return {
      GroupMemberships: rows.map(membershipShape),
      ...nextTokenOf(rows, page.limit, (r) => r.membership_id),
    };
  },
});

export const DeleteGroupMembership = defineAction({
  service: 'identitystore',
  name: 'DeleteGroupMembership',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
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
    await administeredStore(ctx, input.IdentityStoreId);
    const row = await ctx.services.store.read((repos) =>
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
    await administeredStore(ctx, input.IdentityStoreId);
    const userId = userOf(input.MemberId);
    const Results = await ctx.services.store.read(async (repos) => {
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
