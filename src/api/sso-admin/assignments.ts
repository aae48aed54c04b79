// CreateAccountAssignment and DeleteAccountAssignment, from one table, and ListAccountAssignments and
// ListAccountAssignmentsForPrincipal. Creating and deleting are asynchronous in AWS: here the work
// (provisioning, de-provisioning) is done in the request's transaction and the status returned is the
// request's real outcome, which the status operations read again later.
import { defineAction, defineFamilyAction, type Action, type ActionContext } from '../action.ts';
import type { AssignmentSpec, QuotasOf } from '../../domain/index.ts';
import { createAccountAssignment, deleteAccountAssignment } from '../../domain/index.ts';
import type { IdcAssignmentRow, IdcInstanceRow, IdcRequestRow, Repos } from '../../store/index.ts';
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

type AssignmentInput = AssignmentSpec & { InstanceArn: string };
type AssignmentStep = (
  repos: Repos,
  instance: IdcInstanceRow,
  input: AssignmentInput,
) => Promise<IdcRequestRow>;

/** A change to an assignment: its operation, the response member of its status, and its step. */
interface AssignmentChange {
  name: 'CreateAccountAssignment' | 'DeleteAccountAssignment';
  status: string;
  /** The domain's step, given what it needs that is read before the write (a creation: quotas). */
  step(ctx: ActionContext, instanceArn: string): Promise<AssignmentStep>;
}

const CHANGES: readonly AssignmentChange[] = [
  {
    name: 'CreateAccountAssignment',
    status: 'AccountAssignmentCreationStatus',
    async step(ctx, instanceArn) {
      const quotasOf: QuotasOf = await accountQuotas(ctx, instanceArn);
      return (repos, instance, input) => createAccountAssignment(repos, instance, input, quotasOf, ctx.now);
    },
  },
  {
    name: 'DeleteAccountAssignment',
    status: 'AccountAssignmentDeletionStatus',
    step: async (ctx) => (repos, instance, input) => deleteAccountAssignment(repos, instance, input, ctx.now),
  },
];

const changeAction = (c: AssignmentChange): Action =>
  withSsoResources(
    defineFamilyAction<'sso-admin', AssignmentInput, Record<string, object>>({
      service: 'sso-admin',
      name: c.name,
      resource: () => '*',
      async handle(input, ctx) {
        const step = await c.step(ctx, input.InstanceArn);
        const row = await writeInstance(
          ctx,
          input.InstanceArn,
          (repos, instance) => step(repos, instance, input),
          targetAccount(input.TargetId),
        );
        return { [c.status]: assignmentStatusShape(row) };
      },
    }),
    ON_ASSIGNMENT,
  );

/** CreateAccountAssignment and DeleteAccountAssignment. */
export const assignmentChangeActions: readonly Action[] = CHANGES.map(changeAction);

/** A page of assignments in AWS's AccountAssignment shape. */
function assignmentPage(
  rows: readonly IdcAssignmentRow[],
  input: { NextToken?: string; MaxResults?: number },
) {
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
}

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
      return assignmentPage(rows, input);
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
      return assignmentPage(rows, input);
    },
  }),
  ['instance'],
);
