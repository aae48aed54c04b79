// GetAccountSummary: the account's IAM entity counts and the quotas in force.
import { defineAction } from '../action.ts';
import { globalEndpointTokenVersion, NO_OTHER_ENTITIES, summaryMap } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const GetAccountSummary = defineAction({
  service: 'iam',
  name: 'GetAccountSummary',
  resource: () => ACCOUNT_WIDE,
  async handle(_input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const { counts, rootCertificates, serverCertificates, tokenVersion } = await ctx.services.store.read(
      async (repos) => ({
        counts: await repos.accountInventory.counts(ctx.accountId),
        rootCertificates: await repos.signingCertificates.listFor(ctx.accountId, null),
        serverCertificates: await repos.serverCertificates.count(ctx.accountId),
        tokenVersion: await globalEndpointTokenVersion(repos, ctx.accountId),
      }),
    );
    const other = {
      ...NO_OTHER_ENTITIES,
      accountSigningCertificates: rootCertificates.length > 0,
      serverCertificates,
      globalEndpointTokenVersion: tokenVersion,
    };
    return { SummaryMap: summaryMap(counts, quotas, other) };
  },
});
