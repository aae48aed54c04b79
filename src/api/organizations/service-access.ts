// Trusted access for AWS services (EnableAWSServiceAccess, DisableAWSServiceAccess,
// ListAWSServiceAccessForOrganization): which services may act across the organization
// (iam.amazonaws.com for central root access, sso.amazonaws.com for Identity Center).
import { defineAction } from '../action.ts';
import { administeredOrganization, managedOrganization } from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { delegatedRead } from './org-transactions.ts';

export const EnableAWSServiceAccess = defineAction({
  service: 'organizations',
  name: 'EnableAWSServiceAccess',
  resource: () => '*',
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const org = await managedOrganization(repos, ctx.accountId);
      await repos.organizations.enableServiceAccess({
        org_id: org.org_id,
        service_principal: input.ServicePrincipal,
        enabled_at: ctx.now.toISOString(),
      });
    });
  },
});

export const DisableAWSServiceAccess = defineAction({
  service: 'organizations',
  name: 'DisableAWSServiceAccess',
  resource: () => '*',
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const org = await managedOrganization(repos, ctx.accountId);
      await repos.organizations.disableServiceAccess(org.org_id, input.ServicePrincipal);
    });
  },
});

export const ListAWSServiceAccessForOrganization = defineAction({
  service: 'organizations',
  name: 'ListAWSServiceAccessForOrganization',
  resource: () => '*',
  async handle(input, ctx) {
    const rows = await ctx.services.store.read(async (repos) => {
      const org = await administeredOrganization(
        repos,
        ctx.accountId,
        delegatedRead(ctx, 'ListAWSServiceAccessForOrganization'),
      );
      return repos.organizations.serviceAccess(org.org_id);
    });
    const { items, NextToken } = orgPage(rows, input, 'ListAWSServiceAccessForOrganization');
    return {
      EnabledServicePrincipals: items.map((r) => ({
        ServicePrincipal: r.service_principal,
        DateEnabled: new Date(r.enabled_at),
      })),
      ...(NextToken ? { NextToken } : {}),
    };
  },
});
