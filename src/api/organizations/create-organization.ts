// CreateOrganization: the caller's account becomes the management account of a new organization with
// all features (or consolidated billing only, when asked).
import { defineAction } from '../action.ts';
import { createOrganization } from '../../domain/index.ts';
import { organizationShape } from './org-shapes.ts';

export const CreateOrganization = defineAction({
  service: 'organizations',
  name: 'CreateOrganization',
  resource: () => '*',
  async handle(input, ctx) {
    const org = await ctx.services.store.write(ctx.accountId, (repos) =>
      createOrganization(repos, ctx.accountId, input.FeatureSet ?? 'ALL', ctx.now),
    );
    return { Organization: organizationShape(org) };
  },
});
