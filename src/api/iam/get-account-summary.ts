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
    const { counts, rootCertificates, rootMfaDevices, serverCertificates, tokenVersion } =
      await ctx.services.store.read(async (repos) => ({
        counts: await repos.accountInventory.counts(ctx.accountId),
        rootCertificates: await repos.signingCertificates.listFor(ctx.accountId, null),
        // the root's devices are stored with the account id as their owner
        rootMfaDevices: await repos.mfaDevices.count(ctx.accountId, ctx.accountId),
        serverCertificates: await repos.serverCertificates.count(ctx.accountId),
        tokenVersion: await globalEndpointTokenVersion(repos, ctx.accountId),
      }));
    const other = {
      ...NO_OTHER_ENTITIES,
      accountMfaEnabled: rootMfaDevices > 0,
      accountSigningCertificates: rootCertificates.length > 0,
      serverCertificates,
      globalEndpointTokenVersion: tokenVersion,
    };
    return { SummaryMap: summaryMap(counts, quotas, other) };
  },
});
