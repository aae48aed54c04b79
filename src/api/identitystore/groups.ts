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
import { groupShape, identityStoreArn, nextTokenOf, pageOf, readStore, writeStore } from './store-scope.ts';

export const CreateGroup = defineAction({
  service: 'identitystore',
  name: 'CreateGroup',
  resource: identityStoreArn,
  async handle(input, ctx) {
    const GroupId = await writeStore(ctx, input.IdentityStoreId, (repos) =>
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
    return groupShape(
      await readStore(ctx, input.IdentityStoreId, (repos) =>
        directoryGroup(repos, input.IdentityStoreId, input.GroupId),
      ),
    );
  },
});

export const ListGroups = defineAction({
  service: 'identitystore',
  name: 'ListGroups',
  resource: identityStoreArn,
  async handle(input, ctx) {
    const filter = input.Filters?.[0];
    const { rows, limit } = await readStore(ctx, input.IdentityStoreId, async (repos) => {
      if (filter && filter.AttributePath.toLowerCase() !== 'displayname')
        throw new AwsError('ValidationError', `Filtering on ${filter.AttributePath} is not supported.`);
      const page = pageOf(input);
      const found = await repos.identityStore.groups(input.IdentityStoreId, {
        ...page,
        ...(filter ? { displayName: filter.AttributeValue } : {}),
      });
      return { rows: found, limit: page.limit };
    });
    return { Groups: rows.map(groupShape), ...nextTokenOf(rows, limit, (r) => r.group_id) };
  },
});

export const UpdateGroup = defineAction({
  service: 'identitystore',
  name: 'UpdateGroup',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await writeStore(ctx, input.IdentityStoreId, (repos) =>
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
    await writeStore(ctx, input.IdentityStoreId, (repos) =>
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
    const GroupId = await readStore(ctx, input.IdentityStoreId, (repos) => {
      const unique = input.AlternateIdentifier.UniqueAttribute;
      if (!unique)
        throw new AwsError('ResourceNotFoundException', 'No group has that external id.', {
          fields: { ResourceType: 'GROUP' },
        });
      return groupIdByAttribute(
        repos,
        input.IdentityStoreId,
        unique.AttributePath,
        String(unique.AttributeValue),
      );
    });
    return { IdentityStoreId: input.IdentityStoreId, GroupId };
  },
});
