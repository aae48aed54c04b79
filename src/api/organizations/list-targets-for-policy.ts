// ListTargetsForPolicy: the roots, OUs and accounts a policy is attached to, each with its type and name.
import { defineAction } from '../action.ts';
import { administeredOrganization, targetsForPolicy } from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { policyTargetShape } from './org-shapes-policies.ts';
import { delegatedRead } from './org-transactions.ts';

export const ListTargetsForPolicy = defineAction({
  service: 'organizations',
  name: 'ListTargetsForPolicy',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await ctx.services.store.read(async (repos) => {
      const org = await administeredOrganization(
        repos,
        ctx.accountId,
        delegatedRead(ctx, 'ListTargetsForPolicy'),
      );
      return (await targetsForPolicy(repos, org, input.PolicyId)).map((t) => policyTargetShape(org, t));
    });
    const { items, NextToken } = orgPage(all, input, 'ListTargetsForPolicy');
    return { Targets: items, ...(NextToken ? { NextToken } : {}) };
  },
});
