// ListInstances, DescribeInstance, CreateInstance, UpdateInstance and DeleteInstance. ListInstances
// by the management account of an organization with all features enables Identity Center for the
// organization on its first call: it stands for turning Identity Center on in AWS's console, which
// has no API. CreateInstance makes an account instance, as AWS allows one: for an account that is not
// an organization's management account and owns no instance yet. DeleteInstance removes an account
// instance with its permission sets, assignments and provisioned roles.
import { defineAction } from '../action.ts';
import {
  administeredInstances,
  createAccountInstance,
  deprovisionFromAccount,
  enableForOrganization,
  ssoAdminError,
} from '../../domain/index.ts';
import { instanceShape, page, readInstance, withSsoResources, writeInstance } from './sso-admin-scope.ts';

export const ListInstances = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListInstances',
    resource: () => '*',
    async handle(input, ctx) {
      const { store } = ctx.services;
      const pending = await store.read(async (repos) => {
        const org = await repos.organizations.managedBy(ctx.accountId);
        return (
          org !== undefined &&
          org.feature_set === 'ALL' &&
          !(await repos.idcInstances.ofOrganization(org.org_id))
        );
      });
      if (pending)
        await store.write(ctx.accountId, (repos) => enableForOrganization(repos, ctx.accountId, ctx.now));
      const rows = await store.read((repos) => administeredInstances(repos, ctx.accountId));
      const { items, nextToken } = page(rows, input.NextToken, input.MaxResults);
      return { Instances: items.map(instanceShape), ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  }),
  [],
);

export const DescribeInstance = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DescribeInstance',
    resource: () => '*',
    handle: (input, ctx) =>
      readInstance(ctx, input.InstanceArn, async (_repos, instance) => instanceShape(instance)),
  }),
  ['instance'],
);

const checkInstanceName = (name: string) => {
  if (!/^[\w+=,.@-]{1,255}$/.test(name))
    throw ssoAdminError(
      'ValidationException',
      'The instance name must match [\\w+=,.@-]+ and be 1 to 255 characters.',
    );
};

export const CreateInstance = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'CreateInstance',
    tagAction: 'sso:TagResource',
    resource: () => '*',
    async handle(input, ctx) {
      if (input.Name !== undefined) checkInstanceName(input.Name);
      const row = await ctx.services.store.write(ctx.accountId, async (repos) => {
        if (await repos.organizations.managedBy(ctx.accountId))
          throw ssoAdminError(
            'ValidationException',
            "The management account of an organization can't create an account instance; it has the organization instance.",
          );
        if ((await repos.idcInstances.ownedBy(ctx.accountId)).some((i) => i.org_id === null))
          throw ssoAdminError(
            'ConflictException',
            'The account already has an instance of IAM Identity Center.',
          );
        const created = await createAccountInstance(repos, ctx.accountId, ctx.now, input.Name);
        if (input.Tags?.length) {
          const tags = Object.fromEntries(input.Tags.map((t) => [t.Key, t.Value ?? '']));
          await repos.idcInstances.update(created.instance_arn, { tags: JSON.stringify(tags) });
        }
        return created;
      });
      return { InstanceArn: row.instance_arn };
    },
  }),
  [],
);

export const UpdateInstance = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'UpdateInstance',
    resource: () => '*',
    async handle(input, ctx) {
      if (input.Name !== undefined) checkInstanceName(input.Name);
      await writeInstance(ctx, input.InstanceArn, async (repos, instance) => {
        if (instance.owner_account_id !== ctx.accountId)
          throw ssoAdminError('AccessDenied', 'Only the account that owns the instance can update it.');
        if (input.Name !== undefined)
          await repos.idcInstances.update(instance.instance_arn, { name: input.Name });
      });
      return {};
    },
  }),
  ['instance'],
);

export const DeleteInstance = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'DeleteInstance',
    resource: () => '*',
    async handle(input, ctx) {
      await writeInstance(ctx, input.InstanceArn, async (repos, instance) => {
        if (instance.owner_account_id !== ctx.accountId)
          throw ssoAdminError('AccessDenied', 'Only the account that owns the instance can delete it.');
        if (instance.org_id !== null)
          throw ssoAdminError(
            'ValidationException',
            "The organization's instance can't be deleted through this API; only account instances can.",
          );
        for (const ps of await repos.idcPermissionSets.ofInstance(instance.instance_arn))
          for (const p of await repos.idcAssignments.provisionedOf(ps.permission_set_arn))
            await deprovisionFromAccount(repos, ps.permission_set_arn, p.account_id);
        await repos.idcAssignments.deleteOfInstance(instance.instance_arn);
        await repos.idcPermissionSets.deleteOfInstance(instance.instance_arn);
        await repos.idcInstances.delete(instance.instance_arn);
      });
      return {};
    },
  }),
  ['instance'],
);
