// EnablePolicyType: SCPs or RCPs enabled on the root, with AWS's full-access policy of the type attached
// to the root, every OU and every account; answers the root with its policy types.
import { defineAction } from '../action.ts';
import { enablePolicyType, managedOrganization } from '../../domain/index.ts';
import { rootShape } from './org-shapes.ts';

export const EnablePolicyType = defineAction({
  service: 'organizations',
  name: 'EnablePolicyType',
  resource: () => '*',
  async handle(input, ctx) {
    const org = await ctx.services.store.write(ctx.accountId, async (repos) =>
      enablePolicyType(
        repos,
        await managedOrganization(repos, ctx.accountId),
        input.RootId,
        input.PolicyType,
        ctx.now,
      ),
    );
    return { Root: rootShape(org) };
  },
});
