// ProvisionPermissionSet, ListAccountsForProvisionedPermissionSet and
// ListPermissionSetsProvisionedToAccount: bringing the roles in step with a changed permission set,
// and which accounts hold the latest version (provisioned at or after the set last changed).
import { defineAction } from '../action.ts';
import { permissionSetOf, provisionPermissionSet, provisioningStatus } from '../../domain/index.ts';
import {
  accountQuotas,
  page,
  provisioningStatusShape,
  readInstance,
  targetAccount,
  withSsoResources,
  writeInstance,
} from './sso-admin-scope.ts';

export const ProvisionPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ProvisionPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      const quotasOf = await accountQuotas(ctx, input.InstanceArn);
      const row = await writeInstance(
        ctx,
        input.InstanceArn,
        (repos, instance) =>
          provisionPermissionSet(
            repos,
            instance,
            input.PermissionSetArn,
            {
              type: input.TargetType,
              ...(input.TargetId !== undefined ? { accountId: input.TargetId } : {}),
            },
            quotasOf,
            ctx.now,
          ),
        // the accounts whose roles are brought in step, each under its own lock
        async (repos, instance) =>
          input.TargetType === 'ALL_PROVISIONED_ACCOUNTS'
            ? (await repos.idcAssignments.provisionedOf(input.PermissionSetArn)).map((p) => p.account_id)
            : targetAccount(input.TargetId)(repos, instance),
      );
      return { PermissionSetProvisioningStatus: provisioningStatusShape(row) };
    },
  }),
  ['permissionSet', 'account', 'instance'],
);

export const ListAccountsForProvisionedPermissionSet = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListAccountsForProvisionedPermissionSet',
    resource: () => '*',
    async handle(input, ctx) {
      const accounts = await readInstance(ctx, input.InstanceArn, async (repos, instance) => {
        const ps = await permissionSetOf(repos, instance, input.PermissionSetArn);
        return (await repos.idcAssignments.provisionedOf(ps.permission_set_arn))
          .filter(
            (p) =>
              input.ProvisioningStatus === undefined ||
              provisioningStatus(p.provisioned_at, ps.updated_at) === input.ProvisioningStatus,
          )
          .map((p) => p.account_id);
      });
      const { items, nextToken } = page(accounts, input.NextToken, input.MaxResults);
      return { AccountIds: items, ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  }),
  ['permissionSet', 'instance'],
);

export const ListPermissionSetsProvisionedToAccount = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListPermissionSetsProvisionedToAccount',
    resource: () => '*',
    async handle(input, ctx) {
      const arns = await readInstance(ctx, input.InstanceArn, async (repos, instance) => {
        const out: string[] = [];
        for (const p of await repos.idcAssignments.provisionedTo(instance.instance_arn, input.AccountId)) {
          const ps = await repos.idcPermissionSets.byArn(p.permission_set_arn);
          if (!ps) continue;
          const status = provisioningStatus(p.provisioned_at, ps.updated_at);
          if (input.ProvisioningStatus === undefined || status === input.ProvisioningStatus)
            out.push(p.permission_set_arn);
        }
        return out;
      });
      const { items, nextToken } = page(arns, input.NextToken, input.MaxResults);
      return { PermissionSets: items, ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  }),
  ['account', 'instance'],
);
