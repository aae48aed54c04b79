// GetPolicy: a managed policy (the account's own or AWS managed) with its uses in the account.
import { defineAction } from '../action.ts';
import { getReadablePolicy } from '../../domain/index.ts';
import { noSuchEntity } from '../../errors.ts';
import { policyAccess } from './policy-access.ts';
import { policyDetailShape } from './shapes/policy-shapes.ts';

export const GetPolicy = defineAction({
  service: 'iam',
  name: 'GetPolicy',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const policy = await getReadablePolicy(repos, policyAccess(ctx, 'GetPolicy'), input.PolicyArn);
      const usage = await repos.managedPolicies.byArnWithUsage(ctx.accountId, policy.arn);
      if (!usage) throw noSuchEntity(`Policy ${input.PolicyArn} was not found.`);
      const tags = await repos.tags.list('policy', policy.policy_id);
      return { Policy: policyDetailShape(usage, usage, tags) };
    });
  },
});
