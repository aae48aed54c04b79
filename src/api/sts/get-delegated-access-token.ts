// GetDelegatedAccessToken: the partner account that filed a delegation request exchanges the trade-in
// token SendDelegationToken released for temporary credentials of the identity that accepted the
// request, limited by the request's policy, until the delegation period ends. PackedPolicySize is not
// returned (AWS's reference: not populated for this operation).
import { defineAction } from '../action.ts';
import { issueDelegatedCredentials, openTradeInToken } from '../../sts/index.ts';

export const GetDelegatedAccessToken = defineAction({
  service: 'sts',
  name: 'GetDelegatedAccessToken',
  resource: () => '*',
  async handle(input, ctx) {
    const { services } = ctx;
    const token = openTradeInToken(services.sealer, input.TradeInToken, ctx.now);
    const row = await services.store.read((r) => r.delegationRequests.get(token.id));
    const issued = issueDelegatedCredentials(services, row, ctx.caller.accountId, ctx.now);
    return { Credentials: issued.credentials, AssumedPrincipal: issued.assumedPrincipal };
  },
});
