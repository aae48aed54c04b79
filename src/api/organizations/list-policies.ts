// ListPolicies: the organization's policies of one type, AWS's own full-access policy among them.
import { defineAction } from '../action.ts';
import { administeredOrganization, listOrgPolicies } from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { policySummaryShape } from './org-shapes-policies.ts';
import { delegatedRead } from './org-transactions.ts';

export const ListPolicies = defineAction({
  service: 'organizations',
  name: 'ListPolicies',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await ctx.services.store.read(async (repos) => {
      const org = await administeredOrganization(repos, ctx.accountId, delegatedRead(ctx, 'ListPolicies'));
      return (await listOrgPolicies(repos, org, input.Filter)).map((p) => policySummaryShape(org, p));
    });
    const { items, NextToken } = orgPage(all, input, 'ListPolicies');
    return { Policies: items, ...(NextToken ? { NextToken } : {}) };
  },
});
