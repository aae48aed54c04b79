// DisablePolicyType: the type off the root; every policy of the type is detached from every target and
// kept, as AWS keeps it. Answers the root with its remaining policy types.
import { defineAction } from '../action.ts';
import { disablePolicyType, managedOrganization } from '../../domain/index.ts';
import { rootShape } from './org-shapes.ts';

export const DisablePolicyType = defineAction({
  service: 'organizations',
  name: 'DisablePolicyType',
  resource: () => '*',
  async handle(input, ctx) {
    const org = await ctx.services.store.write(ctx.accountId, async (repos) =>
      disablePolicyType(
        repos,
        await managedOrganization(repos, ctx.accountId),
        input.RootId,
        input.PolicyType,
      ),
    );
    return { Root: rootShape(org) };
  },
});
