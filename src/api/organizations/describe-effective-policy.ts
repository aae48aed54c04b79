// DescribeEffectivePolicy: for management policy types only (SCPs and RCPs are refused by the model's
// enum); Tessera has none, so an account gets EffectivePolicyNotFoundException.
import { defineAction } from '../action.ts';
import { describeEffectivePolicy } from '../../domain/index.ts';
import { delegatedRead } from './org-transactions.ts';

export const DescribeEffectivePolicy = defineAction({
  service: 'organizations',
  name: 'DescribeEffectivePolicy',
  resource: () => '*',
  async handle(input, ctx) {
    return ctx.services.store.read((repos) =>
      describeEffectivePolicy(
        repos,
        ctx.accountId,
        input.PolicyType,
        input.TargetId,
        delegatedRead(ctx, 'DescribeEffectivePolicy'),
      ),
    );
  },
});
