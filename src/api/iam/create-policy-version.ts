// CreatePolicyVersion: a new version of a customer managed policy, optionally made the default.
import { defineAction } from '../action.ts';
import { createPolicyVersion, getChangeablePolicy } from '../../domain/index.ts';
import { policyAccess } from './policy-access.ts';
import { policyVersionShape } from './shapes/policy-shapes.ts';

export const CreatePolicyVersion = defineAction({
  service: 'iam',
  name: 'CreatePolicyVersion',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    return ctx.services.store.write(ctx.accountId, async (repos) => {
      const access = policyAccess(ctx, 'CreatePolicyVersion');
      const policy = await getChangeablePolicy(repos, access, input.PolicyArn);
      const setAsDefault = input.SetAsDefault ?? false;
      const row = await createPolicyVersion(
        repos,
        ctx.accountId,
        policy,
        input.PolicyDocument,
        setAsDefault,
        quotas,
        ctx.now,
      );
      const after = { ...policy, default_version: setAsDefault ? row.version : policy.default_version };
      return { PolicyVersion: policyVersionShape(row, after) };
    });
  },
});
