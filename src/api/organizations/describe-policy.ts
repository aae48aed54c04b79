// DescribePolicy: a policy's summary and document, for the management account or a delegated
// administrator.
import { defineAction } from '../action.ts';
import { administeredOrganization, getOrgPolicy } from '../../domain/index.ts';
import { policyShape } from './org-shapes-policies.ts';
import { delegatedRead } from './org-transactions.ts';

export const DescribePolicy = defineAction({
  service: 'organizations',
  name: 'DescribePolicy',
  resource: () => '*',
  async handle(input, ctx) {
    const shape = await ctx.services.store.read(async (repos) => {
      const org = await administeredOrganization(repos, ctx.accountId, delegatedRead(ctx, 'DescribePolicy'));
      return policyShape(org, await getOrgPolicy(repos, org, input.PolicyId));
    });
    return { Policy: shape };
  },
});
