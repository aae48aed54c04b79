// A permission set's policies: the inline policy (Put/Get/Delete), the policies it attaches by
// reference, from one table (Attach/Detach/List for AWS managed policies and for customer managed
// policy references), and the permissions boundary (Put/Get/Delete). Each change marks the permission
// set changed; the roles follow at the next ProvisionPermissionSet, as AWS's do.
import { defineAction, defineFamilyAction, type Action, type OperationName } from '../action.ts';
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
import type { IdcInstanceRow, IdcPermissionSetRow, Repos } from '../../store/index.ts';
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

/**
 * A kind of policy a permission set attaches by reference: its three operations, the request member
 * naming the policy (`In`), the response member listing them, and the domain's steps.
 */
interface AttachedPolicyKind<M extends string, In, Out> {
  attach: OperationName<'sso-admin'>;
  detach: OperationName<'sso-admin'>;
  list: OperationName<'sso-admin'>;
  member: M;
  listed: string;
  attachTo(
    repos: Repos,
    instance: IdcInstanceRow,
    permissionSetArn: string,
    ref: In,
    now: Date,
  ): Promise<void>;
  detachFrom(
    repos: Repos,
    instance: IdcInstanceRow,
    permissionSetArn: string,
    ref: In,
    now: Date,
  ): Promise<void>;
  attachedTo(row: IdcPermissionSetRow): readonly Out[];
  shape(ref: Out): object;
}

const MANAGED_POLICIES: AttachedPolicyKind<'ManagedPolicyArn', string, string> = {
  attach: 'AttachManagedPolicyToPermissionSet',
  detach: 'DetachManagedPolicyFromPermissionSet',
  list: 'ListManagedPoliciesInPermissionSet',
  member: 'ManagedPolicyArn',
  listed: 'AttachedManagedPolicies',
  attachTo: attachManagedPolicyToPermissionSet,
  detachFrom: detachManagedPolicyFromPermissionSet,
  attachedTo: managedPoliciesOf,
  shape: (arn) => ({ Name: arn.slice(arn.lastIndexOf('/') + 1), Arn: arn }),
};

const CUSTOMER_MANAGED_POLICY_REFERENCES: AttachedPolicyKind<
  'CustomerManagedPolicyReference',
  { Name: string; Path?: string },
  object
> = {
  attach: 'AttachCustomerManagedPolicyReferenceToPermissionSet',
  detach: 'DetachCustomerManagedPolicyReferenceFromPermissionSet',
  list: 'ListCustomerManagedPolicyReferencesInPermissionSet',
  member: 'CustomerManagedPolicyReference',
  listed: 'CustomerManagedPolicyReferences',
  attachTo: attachCustomerPolicyToPermissionSet,
  detachFrom: detachCustomerPolicyFromPermissionSet,
  attachedTo: customerPoliciesOf,
  shape: (ref) => ref,
};

type OnPermissionSet = { InstanceArn: string; PermissionSetArn: string };
type ListInput = OnPermissionSet & { MaxResults?: number; NextToken?: string };

function attachedPolicyActionsOf<M extends string, In, Out>(k: AttachedPolicyKind<M, In, Out>): Action[] {
  type ChangeInput = OnPermissionSet & Record<M, In>;
  const change = (name: OperationName<'sso-admin'>, step: AttachedPolicyKind<M, In, Out>['attachTo']) =>
    withSsoResources(
      defineFamilyAction<'sso-admin', ChangeInput, Record<string, never>>({
        service: 'sso-admin',
        name,
        resource: () => '*',
        async handle(input, ctx) {
          await writeInstance(ctx, input.InstanceArn, (repos, instance) =>
            step(repos, instance, input.PermissionSetArn, input[k.member], ctx.now),
          );
          return {};
        },
      }),
      ON_PERMISSION_SET,
    );
  const list = withSsoResources(
    defineFamilyAction<'sso-admin', ListInput, Record<string, unknown>>({
      service: 'sso-admin',
      name: k.list,
      resource: () => '*',
      async handle(input, ctx) {
        const refs = await readInstance(ctx, input.InstanceArn, async (repos, instance) =>
          k.attachedTo(await permissionSetOf(repos, instance, input.PermissionSetArn)),
        );
        const { items, nextToken } = page(refs, input.NextToken, input.MaxResults);
        return { [k.listed]: items.map(k.shape), ...(nextToken ? { NextToken: nextToken } : {}) };
      },
    }),
    ON_PERMISSION_SET,
  );
  return [change(k.attach, k.attachTo), change(k.detach, k.detachFrom), list];
}

/** Attach…, Detach… and List… for AWS managed policies and for customer managed policy references. */
export const attachedPolicyActions: readonly Action[] = [
  ...attachedPolicyActionsOf(MANAGED_POLICIES),
  ...attachedPolicyActionsOf(CUSTOMER_MANAGED_POLICY_REFERENCES),
];

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
