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
import { identityStoreArn, nextTokenOf, pageOf, readStore, userShape, writeStore } from './store-scope.ts';

export const CreateUser = defineAction({
  service: 'identitystore',
  name: 'CreateUser',
  resource: identityStoreArn,
  async handle(input, ctx) {
    const { IdentityStoreId, ...attributes } = input;
    const UserId = await writeStore(ctx, IdentityStoreId, (repos) =>
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
    const row = await readStore(ctx, input.IdentityStoreId, (repos) =>
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
    const filter = input.Filters?.[0];
    const by = filter?.AttributePath.toLowerCase();
    const { rows, limit } = await readStore(ctx, input.IdentityStoreId, async (repos) => {
      if (filter && by !== 'username' && by !== 'displayname')
        throw new AwsError('ValidationError', `Filtering on ${filter.AttributePath} is not supported.`);
      const page = pageOf(input);
      const found = await repos.identityStore.users(input.IdentityStoreId, {
        ...page,
        ...(by === 'username' ? { userName: filter!.AttributeValue } : {}),
        ...(by === 'displayname' ? { displayName: filter!.AttributeValue } : {}),
      });
      return { rows: found, limit: page.limit };
    });
    return { Users: rows.map(userShape), ...nextTokenOf(rows, limit, (r) => r.user_id) };
  },
});

export const UpdateUser = defineAction({
  service: 'identitystore',
  name: 'UpdateUser',
  resource: identityStoreArn,
  async handle(input, ctx) {
    await writeStore(ctx, input.IdentityStoreId, (repos) =>
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
    await writeStore(ctx, input.IdentityStoreId, (repos) =>
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
    const UserId = await readStore(ctx, input.IdentityStoreId, (repos) => {
      const unique = input.AlternateIdentifier.UniqueAttribute;
      if (!unique)
        throw new AwsError('ResourceNotFoundException', 'No user has that external id.', {
          fields: { ResourceType: 'USER' },
        });
      return userIdByAttribute(
        repos,
        input.IdentityStoreId,
        unique.AttributePath,
        String(unique.AttributeValue),
      );
    });
    return { IdentityStoreId: input.IdentityStoreId, UserId };
  },
});
