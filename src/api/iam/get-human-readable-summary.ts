// GetHumanReadableSummary: a summary of a delegation request for whoever may get the request. AWS
// writes it with a language model; Tessera writes it deterministically from the requested policy, one
// sentence per statement, and says so. English only: another locale is NOT_SUPPORTED.
import { defineAction } from '../action.ts';
import {
  delegationRequestArn,
  delegationRequestIdOf,
  delegationRequestSummary,
  summaryLocaleSupported,
  visibleDelegationRequest,
} from '../../domain/index.ts';
import { noSuchEntity } from '../../errors.ts';

const DEFAULT_LOCALE = 'en';

export const GetHumanReadableSummary = defineAction({
  service: 'iam',
  name: 'GetHumanReadableSummary',
  resource: (input) => input.EntityArn,
  async authorizationTarget(input) {
    return { arn: input.EntityArn, ownAccount: true };
  },
  async handle(input, ctx) {
    const { accountId, id } = delegationRequestIdOf(input.EntityArn);
    const row = await ctx.services.store.read((r) => visibleDelegationRequest(r, ctx.caller, id));
    if (delegationRequestArn(row.requestor_account_id, id) !== delegationRequestArn(accountId, id))
      throw noSuchEntity(`The delegation request with id ${id} cannot be found.`);
    const locale = input.Locale ?? DEFAULT_LOCALE;
    if (!summaryLocaleSupported(locale)) return { SummaryState: 'NOT_SUPPORTED' as const, Locale: locale };
    return {
      SummaryContent: delegationRequestSummary(row),
      Locale: locale,
      SummaryState: 'AVAILABLE' as const,
    };
  },
});
