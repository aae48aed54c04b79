// The Identity Store's groups: CreateGroup, DescribeGroup, ListGroups (filtered by DisplayName),
// UpdateGroup, DeleteGroup and GetGroupId, in the identity store the caller administers.
import { defineAction } from '../action.ts';
import {
  createDirectoryGroup,
  deleteDirectoryGroup,
  directoryGroup,
  groupIdByAttribute,
  updateDirectoryGroup,
} from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import { administeredStore, groupShape, identityStoreArn, nextTokenOf, pageOf } from './store-scope.ts';

export const CreateGroup = defineAction({
  service: 'identitystore',
  name: 'CreateGroup',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const GroupId = await ctx.services.store.write(ctx.accountId, (repos) =>
      createDirectoryGroup(
        repos,
        input.IdentityStoreId,
        {
          ...(input.DisplayName !== undefined ? { DisplayName: input.DisplayName } : {}),
          ...(input.Description !== undefined ? { Description: input.Description } : {}),
        },
        ctx.now,
        ctx.caller.arn,
      ),
    );
    return { IdentityStoreId: input.IdentityStoreId, GroupId };
  },
});

export const DescribeGroup = defineAction({
  service: 'identitystore',
  name: 'DescribeGroup',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    return groupShape(
      await ctx.services.store.read((repos) => directoryGroup(repos, input.IdentityStoreId, input.GroupId)),
    );
  },
});

export const ListGroups = defineAction({
  service: 'identitystore',
  name: 'ListGroups',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const filter = input.Filters?.[0];
    if (filter && filter.AttributePath.toLowerCase() !== 'displayname')
      throw new AwsError('ValidationError', `Filtering on ${filter.AttributePath} is not supported.`);
    const page = pageOf(input);
    const rows = await ctx.services.store.read((repos) =>
      repos.identityStore.groups(input.IdentityStoreId, {
        ...page,
        ...(filter ? { displayName: filter.AttributeValue } : {}),
      }),
    );
    return { Groups: rows.map(groupShape), ...nextTokenOf(rows, page.limit, (r) => r.group_id) };
  },
});

export const UpdateGroup = defineAction({
  service: 'identitystore',
  name: 'UpdateGroup',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateDirectoryGroup(
        repos,
        input.IdentityStoreId,
        input.GroupId,
        input.Operations,
        ctx.now,
        ctx.caller.arn,
      ),
    );
    return {};
  },
});

export const DeleteGroup = defineAction({
  service: 'identitystore',
  name: 'DeleteGroup',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteDirectoryGroup(repos, input.IdentityStoreId, input.GroupId),
    );
    return {};
  },
});

export const GetGroupId = defineAction({
  service: 'identitystore',
  name: 'GetGroupId',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const unique = input.AlternateIdentifier.UniqueAttribute;
    if (!unique)
      throw new AwsError('ResourceNotFoundException', 'No group has that external id.', {
        fields: { ResourceType: 'GROUP' },
      });
    const GroupId = await ctx.services.store.read((repos) =>
      groupIdByAttribute(repos, input.IdentityStoreId, unique.AttributePath, String(unique.AttributeValue)),
    );
    return { IdentityStoreId: input.IdentityStoreId, GroupId };
  },
});
