// The Identity Store's users: CreateUser, DescribeUser, ListUsers (filtered by UserName or
// DisplayName), UpdateUser, DeleteUser and GetUserId, in the identity store the caller administers.
import { defineAction } from '../action.ts';
import {
  createDirectoryUser,
  deleteDirectoryUser,
  directoryUser,
  updateDirectoryUser,
  userIdByAttribute,
} from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import { administeredStore, identityStoreArn, nextTokenOf, pageOf, userShape } from './store-scope.ts';

export const CreateUser = defineAction({
  service: 'identitystore',
  name: 'CreateUser',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const { IdentityStoreId, ...attributes } = input;
    const UserId = await ctx.services.store.write(ctx.accountId, (repos) =>
      createDirectoryUser(repos, IdentityStoreId, attributes, ctx.now, ctx.caller.arn),
    );
    return { IdentityStoreId, UserId };
  },
});

export const DescribeUser = defineAction({
  service: 'identitystore',
  name: 'DescribeUser',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const row = await ctx.services.store.read((repos) =>
      directoryUser(repos, input.IdentityStoreId, input.UserId),
    );
    return userShape(row);
  },
});

export const ListUsers = defineAction({
  service: 'identitystore',
  name: 'ListUsers',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const filter = input.Filters?.[0];
    const by = filter?.AttributePath.toLowerCase();
    if (filter && by !== 'username' && by !== 'displayname')
      throw new AwsError('ValidationError', `Filtering on ${filter.AttributePath} is not supported.`);
    const page = pageOf(input);
    const rows = await ctx.services.store.read((repos) =>
      repos.identityStore.users(input.IdentityStoreId, {
        ...page,
        ...(by === 'username' ? { userName: filter!.AttributeValue } : {}),
        ...(by === 'displayname' ? { displayName: filter!.AttributeValue } : {}),
      }),
    );
    return { Users: rows.map(userShape), ...nextTokenOf(rows, page.limit, (r) => r.user_id) };
  },
});

export const UpdateUser = defineAction({
  service: 'identitystore',
  name: 'UpdateUser',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateDirectoryUser(
        repos,
        input.IdentityStoreId,
        input.UserId,
        input.Operations,
        ctx.now,
        ctx.caller.arn,
      ),
    );
    return {};
  },
});

export const DeleteUser = defineAction({
  service: 'identitystore',
  name: 'DeleteUser',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteDirectoryUser(repos, input.IdentityStoreId, input.UserId),
    );
    return {};
  },
});

export const GetUserId = defineAction({
  service: 'identitystore',
  name: 'GetUserId',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await administeredStore(ctx, input.IdentityStoreId);
    const unique = input.AlternateIdentifier.UniqueAttribute;
    if (!unique)
      throw new AwsError('ResourceNotFoundException', 'No user has that external id.', {
        fields: { ResourceType: 'USER' },
      });
    const UserId = await ctx.services.store.read((repos) =>
      userIdByAttribute(repos, input.IdentityStoreId, unique.AttributePath, String(unique.AttributeValue)),
    );
    return { IdentityStoreId: input.IdentityStoreId, UserId };
  },
});
