// DescribeOrganization: the organization the caller's account belongs to, for any of its accounts.
import { defineAction } from '../action.ts';
import { callerOrganization } from '../../domain/index.ts';
import { organizationShape } from './org-shapes.ts';

export const DescribeOrganization = defineAction({
  service: 'organizations',
  name: 'DescribeOrganization',
  resource: () => '*',
  async handle(_input, ctx) {
    const org = await ctx.services.store.read((repos) => callerOrganization(repos, ctx.accountId));
    return { Organization: organizationShape(org) };
  },
});
