// DeleteOrganization: by the management account, once it is the organization's only account and no
// OU or policy of its own is left.
import { defineAction } from '../action.ts';
import { deleteOrganization } from '../../domain/index.ts';

export const DeleteOrganization = defineAction({
  service: 'organizations',
  name: 'DeleteOrganization',
  resource: () => '*',
  async handle(_input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) => deleteOrganization(repos, ctx.accountId));
  },
});
