// CreatePermissionSet, DescribePermissionSet, UpdatePermissionSet, DeletePermissionSet and
// ListPermissionSets: an instance's permission sets (the rules are the domain's).
import { defineAction } from '../action.ts';
import {
  createPermissionSet,
  deletePermissionSet,
  permissionSetOf,
  updatePermissionSet,
} from '../../domain/index.ts';
import {
  page,
  permissionSetShape,
  readInstance,
  withSsoResources,
  writeInstance,
} from './sso-admin-scope.ts';

export const CreatePermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'CreatePermissionSet',
    tagAction: 'sso:TagResource',
    resource: () => '*',
    async handle(input, ctx) {
      const row = await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        createPermissionSet(
          repos,
          instance,
          { ...input, Tags: input.Tags?.map((t) => ({ Key: t.Key, Value: t.Value ?? '' })) },
          ctx.now,
        ),
      );
      return { PermissionSet: permissionSetShape(row) };
    },
  }),
  ['permissionSet', 'instance'],
);

export const DescribePermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DescribePermissionSet',
    resource: () => '*',
    handle: (input, ctx) =>
      readInstance(ctx, input.InstanceArn, async (repos, instance) => ({
        PermissionSet: permissionSetShape(await permissionSetOf(repos, instance, input.PermissionSetArn)),
      })),
  }),
  ['permissionSet', 'instance'],
);

export const UpdatePermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'UpdatePermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        updatePermissionSet(repos, instance, input.PermissionSetArn, input, ctx.now),
      );
      return {};
    },
  }),
  ['permissionSet', 'instance'],
);

export const DeletePermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DeletePermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        deletePermissionSet(repos, instance, input.PermissionSetArn),
      );
      return {};
    },
  }),
  ['permissionSet', 'instance'],
);

export const ListPermissionSets = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListPermissionSets',
    resource: () => '*',
    async handle(input, ctx) {
      const rows = await readInstance(ctx, input.InstanceArn, (repos, instance) =>
        repos.idcPermissionSets.ofInstance(instance.instance_arn),
      );
      const { items, nextToken } = page(rows, input.NextToken, input.MaxResults);
      return {
        PermissionSets: items.map((r) => r.permission_set_arn),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
  }),
  ['instance'],
);
