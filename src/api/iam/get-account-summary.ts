// GetAccountSummary: the account's IAM entity counts and the quotas in force.
import { defineAction } from '../action.ts';
import { summaryMap } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const GetAccountSummary = defineAction({
  service: 'iam',
  name: 'GetAccountSummary',
  resource: () => ACCOUNT_WIDE,
  async handle(_input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const counts = await ctx.services.store.read((repos) => repos.accountInventory.counts(ctx.accountId));
    return { SummaryMap: summaryMap(counts, quotas) };
  },
});
