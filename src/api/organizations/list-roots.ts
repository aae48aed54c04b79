// ListRoots: the organization's one root, with the policy types enabled on it.
import { defineAction } from '../action.ts';
import { administeredOrganization } from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { rootShape } from './org-shapes.ts';
import { delegatedRead } from './org-transactions.ts';

export const ListRoots = defineAction({
  service: 'organizations',
  name: 'ListRoots',
  resource: () => '*',
  async handle(input, ctx) {
    const org = await ctx.services.store.read((repos) =>
      administeredOrganization(repos, ctx.accountId, delegatedRead(ctx, 'ListRoots')),
    );
    const { items, NextToken } = orgPage([rootShape(org)], input, 'ListRoots');
    return { Roots: items, ...(NextToken ? { NextToken } : {}) };
  },
});
