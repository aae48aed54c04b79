// UpdateAccountPasswordPolicy: replaces the account's password policy; omitted parameters take
// AWS's defaults (no partial updates).
import { defineAction } from '../action.ts';
import { putPasswordPolicy } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const UpdateAccountPasswordPolicy = defineAction({
  service: 'iam',
  name: 'UpdateAccountPasswordPolicy',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) => putPasswordPolicy(repos, ctx.accountId, input));
  },
});
