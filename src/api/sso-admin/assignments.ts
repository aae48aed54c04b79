// CreateAccountAssignment, DeleteAccountAssignment, ListAccountAssignments and
// ListAccountAssignmentsForPrincipal. Creating and deleting are asynchronous in AWS: here the work
// (provisioning, de-provisioning) is done in the request's transaction and the status returned is the
// request's real outcome, which the status operations read again later.
import { defineAction } from '../action.ts';
import { createAccountAssignment, deleteAccountAssignment } from '../../domain/index.ts';
import {
  accountQuotas,
  assignmentStatusShape,
  page,
  readInstance,
  targetAccount,
  withSsoResources,
  writeInstance,
} from './sso-admin-scope.ts';

const ON_ASSIGNMENT = ['permissionSet', 'account', 'instance'] as const;

export const CreateAccountAssignment = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'CreateAccountAssignment',
    resource: () => '*',
    async handle(input, ctx) {
      const quotasOf = await accountQuotas(ctx, input.InstanceArn);
      const row = await writeInstance(
        ctx,
        input.InstanceArn,
        (repos, instance) => createAccountAssignment(repos, instance, input, quotasOf, ctx.now),
        targetAccount(input.TargetId),
      );
      return { AccountAssignmentCreationStatus: assignmentStatusShape(row) };
    },
  }),
  ON_ASSIGNMENT,
);

export const DeleteAccountAssignment = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DeleteAccountAssignment',
    resource: () => '*',
    async handle(input, ctx) {
      const row = await writeInstance(
        ctx,
        input.InstanceArn,
        (repos, instance) => deleteAccountAssignment(repos, instance, input, ctx.now),
        targetAccount(input.TargetId),
      );
      return { AccountAssignmentDeletionStatus: assignmentStatusShape(row) };
    },
  }),
  ON_ASSIGNMENT,
);

export const ListAccountAssignments = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListAccountAssignments',
    resource: () => '*',
    async handle(input, ctx) {
      const rows = await readInstance(ctx, input.InstanceArn, (repos, instance) =>
        repos.idcAssignments.assignments({
          instanceArn: instance.instance_arn,
          accountId: input.AccountId,
          permissionSetArn: input.PermissionSetArn,
        }),
      );
      const { items, nextToken } = page(rows, input.NextToken, input.MaxResults);
      return {
        AccountAssignments: items.map((r) => ({
          AccountId: r.account_id,
          PermissionSetArn: r.permission_set_arn,
          PrincipalType: r.principal_type,
          PrincipalId: r.principal_id,
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
  }),
  ON_ASSIGNMENT,
);

export const ListAccountAssignmentsForPrincipal = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListAccountAssignmentsForPrincipal',
    resource: () => '*',
    async handle(input, ctx) {
      const rows = await readInstance(ctx, input.InstanceArn, (repos, instance) =>
        repos.idcAssignments.assignments({
          instanceArn: instance.instance_arn,
          principalType: input.PrincipalType,
          principalId: input.PrincipalId,
          ...(input.Filter?.AccountId !== undefined ? { accountId: input.Filter.AccountId } : {}),
        }),
      );
      const { items, nextToken } = page(rows, input.NextToken, input.MaxResults);
      return {
        AccountAssignments: items.map((r) => ({
          AccountId: r.account_id,
          PermissionSetArn: r.permission_set_arn,
          PrincipalType: r.principal_type,
          PrincipalId: r.principal_id,
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
  }),
  ['instance'],
);
