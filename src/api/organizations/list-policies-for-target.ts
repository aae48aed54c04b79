// ListPoliciesForTarget: the policies of one type attached directly to a root, OU or account.
import { defineAction } from '../action.ts';
import { administeredOrganization, policiesForTarget } from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { policySummaryShape } from './org-shapes-policies.ts';
import { delegatedRead } from './org-transactions.ts';

export const ListPoliciesForTarget = defineAction({
  service: 'organizations',
  name: 'ListPoliciesForTarget',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await ctx.services.store.read(async (repos) => {
      const org = await administeredOrganization(
        repos,
        ctx.accountId,
        delegatedRead(ctx, 'ListPoliciesForTarget'),
      );
      const policies = await policiesForTarget(repos, org, input.TargetId, input.Filter);
      return policies.map((p) => policySummaryShape(org, p));
    });
    const { items, NextToken } = orgPage(all, input, 'ListPoliciesForTarget');
    return { Policies: items, ...(NextToken ? { NextToken } : {}) };
  },
});
