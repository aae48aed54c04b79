// ListEntitiesForPolicy: the account's users, groups and roles that use a managed policy, as
// permissions policy or permissions boundary, optionally of one kind and under a path prefix.
import { defineAction } from '../action.ts';
import { getReadablePolicy, entitiesForPolicy, policyEntityKey } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { policyAccess } from './policy-access.ts';

export const ListEntitiesForPolicy = defineAction({
  service: 'iam',
  name: 'ListEntitiesForPolicy',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    const entities = await ctx.services.store.read(async (repos) => {
      const access = policyAccess(ctx, 'ListEntitiesForPolicy');
      const policy = await getReadablePolicy(repos, access, input.PolicyArn);
      return entitiesForPolicy(repos, ctx.accountId, policy, {
        entityFilter: input.EntityFilter,
        usage: input.PolicyUsageFilter,
        pathPrefix: input.PathPrefix,
      });
    });
    const page = paginateList(entities, input, policyEntityKey);
    return {
      PolicyGroups: page.items
        .filter((e) => e.type === 'group')
        .map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: page.items
        .filter((e) => e.type === 'user')
        .map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: page.items
        .filter((e) => e.type === 'role')
        .map((e) => ({ RoleName: e.name, RoleId: e.id })),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
