// A permission set's policies: the inline policy (Put/Get/Delete), AWS managed policies
// (Attach/Detach/List), customer managed policy references (Attach/Detach/List) and the permissions
// boundary (Put/Get/Delete). Each change marks the permission set changed; the roles follow at the next
// ProvisionPermissionSet, as AWS's do.
import { defineAction } from '../action.ts';
import {
  attachCustomerPolicyToPermissionSet,
  attachManagedPolicyToPermissionSet,
  customerPoliciesOf,
  deleteInlinePolicyFromPermissionSet,
  deletePermissionSetBoundary,
  detachCustomerPolicyFromPermissionSet,
  detachManagedPolicyFromPermissionSet,
  managedPoliciesOf,
  permissionSetBoundaryOf,
  permissionSetOf,
  putInlinePolicyToPermissionSet,
  putPermissionSetBoundary,
  ssoAdminError,
} from '../../domain/index.ts';
import { page, readInstance, withSsoResources, writeInstance } from './sso-admin-scope.ts';

const ON_PERMISSION_SET = ['permissionSet', 'instance'] as const;

export const PutInlinePolicyToPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'PutInlinePolicyToPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        putInlinePolicyToPermissionSet(repos, instance, input.PermissionSetArn, input.InlinePolicy, ctx.now),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);

export const GetInlinePolicyForPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'GetInlinePolicyForPermissionSet',
    resource: () => '*',
    handle: (input, ctx) =>
      readInstance(ctx, input.InstanceArn, async (repos, instance) => {
        const row = await permissionSetOf(repos, instance, input.PermissionSetArn);
        return { InlinePolicy: row.inline_policy ?? '' };
      }),
  }),
  ON_PERMISSION_SET,
);

export const DeleteInlinePolicyFromPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DeleteInlinePolicyFromPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        deleteInlinePolicyFromPermissionSet(repos, instance, input.PermissionSetArn, ctx.now),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);

export const AttachManagedPolicyToPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'AttachManagedPolicyToPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        attachManagedPolicyToPermissionSet(
          repos,
          instance,
          input.PermissionSetArn,
          input.ManagedPolicyArn,
          ctx.now,
        ),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);

export const DetachManagedPolicyFromPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DetachManagedPolicyFromPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        detachManagedPolicyFromPermissionSet(
          repos,
          instance,
          input.PermissionSetArn,
          input.ManagedPolicyArn,
          ctx.now,
        ),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);

export const ListManagedPoliciesInPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListManagedPoliciesInPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      const arns = await readInstance(ctx, input.InstanceArn, async (repos, instance) =>
        managedPoliciesOf(await permissionSetOf(repos, instance, input.PermissionSetArn)),
      );
      const { items, nextToken } = page(arns, input.NextToken, input.MaxResults);
      return {
        AttachedManagedPolicies: items.map((arn) => ({
          Name: arn.slice(arn.lastIndexOf('/') + 1),
          Arn: arn,
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
  }),
  ON_PERMISSION_SET,
);

export const AttachCustomerManagedPolicyReferenceToPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'AttachCustomerManagedPolicyReferenceToPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        attachCustomerPolicyToPermissionSet(
          repos,
          instance,
          input.PermissionSetArn,
          input.CustomerManagedPolicyReference,
          ctx.now,
        ),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);

export const DetachCustomerManagedPolicyReferenceFromPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DetachCustomerManagedPolicyReferenceFromPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        detachCustomerPolicyFromPermissionSet(
          repos,
          instance,
          input.PermissionSetArn,
          input.CustomerManagedPolicyReference,
          ctx.now,
        ),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);

export const ListCustomerManagedPolicyReferencesInPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListCustomerManagedPolicyReferencesInPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      const refs = await readInstance(ctx, input.InstanceArn, async (repos, instance) =>
        customerPoliciesOf(await permissionSetOf(repos, instance, input.PermissionSetArn)),
      );
      const { items, nextToken } = page(refs, input.NextToken, input.MaxResults);
      return { CustomerManagedPolicyReferences: items, ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  }),
  ON_PERMISSION_SET,
);

export const PutPermissionsBoundaryToPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'PutPermissionsBoundaryToPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        putPermissionSetBoundary(repos, instance, input.PermissionSetArn, input.PermissionsBoundary, ctx.now),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);

export const GetPermissionsBoundaryForPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'GetPermissionsBoundaryForPermissionSet',
    resource: () => '*',
    handle: (input, ctx) =>
      readInstance(ctx, input.InstanceArn, async (repos, instance) => {
        const boundary = permissionSetBoundaryOf(
          await permissionSetOf(repos, instance, input.PermissionSetArn),
        );
        if (!boundary)
          throw ssoAdminError('ResourceNotFoundException', 'The permission set has no permissions boundary.');
        return { PermissionsBoundary: boundary };
      }),
  }),
  ON_PERMISSION_SET,
);

export const DeletePermissionsBoundaryFromPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DeletePermissionsBoundaryFromPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
        deletePermissionSetBoundary(repos, instance, input.PermissionSetArn, ctx.now),
      );
      return {};
    },
  }),
  ON_PERMISSION_SET,
);
