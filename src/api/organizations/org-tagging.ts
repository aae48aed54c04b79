// TagResource, UntagResource and ListTagsForResource for an organization's roots, OUs, accounts,
// policies and delegation policy: writes by the management account, reads by it, a delegated
// administrator, or a member account the delegation policy allows ListTagsForResource.
import { defineAction } from '../action.ts';
import {
  administeredOrganization,
  managedOrganization,
  orgResourceTags,
  taggableResource,
  tagOrgResource,
  untagOrgResource,
} from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { delegatedRead } from './org-transactions.ts';

export const TagResource = defineAction({
  service: 'organizations',
  name: 'TagResource',
  resource: () => '*',
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const org = await managedOrganization(repos, ctx.accountId);
      const id = await taggableResource(repos, org, input.ResourceId, true);
      await tagOrgResource(repos, org, id, input.Tags);
    });
  },
});

export const UntagResource = defineAction({
  service: 'organizations',
  name: 'UntagResource',
  resource: () => '*',
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const org = await managedOrganization(repos, ctx.accountId);
      const id = await taggableResource(repos, org, input.ResourceId, true);
      await untagOrgResource(repos, org, id, input.TagKeys);
    });
  },
});

export const ListTagsForResource = defineAction({
  service: 'organizations',
  name: 'ListTagsForResource',
  resource: () => '*',
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const org = await administeredOrganization(
        repos,
        ctx.accountId,
        delegatedRead(ctx, 'ListTagsForResource'),
      );
      return orgResourceTags(repos, await taggableResource(repos, org, input.ResourceId, false));
    });
    const { items, NextToken } = orgPage(tags, input, 'ListTagsForResource');
    return { Tags: items, ...(NextToken ? { NextToken } : {}) };
  },
});
