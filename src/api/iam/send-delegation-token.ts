// SendDelegationToken: the owner account (only the owner, when the partner asked so) releases the
// trade-in token of an ACCEPTED request, which becomes FINALIZED: its delegation period starts now and
// lasts the requested SessionDuration. AWS publishes the token to the partner's SNS topic; Tessera
// keeps it, sealed, on the request as the delivered notification (it serves no SNS).
import { defineAction } from '../action.ts';
import { moveDelegationRequest } from '../../domain/index.ts';
import { sealReleasedToken, sealTradeInToken } from '../../sts/index.ts';
import { delegationRequestResource, delegationRequestTarget } from './delegation-request-target.ts';

export const SendDelegationToken = defineAction({
  service: 'iam',
  name: 'SendDelegationToken',
  resource: delegationRequestResource,
  authorizationTarget: delegationRequestTarget,
  async handle(input, ctx) {
    const { sealer } = ctx.services;
    await ctx.services.store.writeRecords((repos) =>
      moveDelegationRequest(
        repos,
        ctx.caller,
        'SendDelegationToken',
        input.DelegationRequestId,
        ctx.now,
        (row) => {
          const periodEnd = new Date(ctx.now.getTime() + row.session_duration * 1000);
          return {
            finalized_at: ctx.now.toISOString(),
            trade_in_token_sealed: sealReleasedToken(
              sealer,
              sealTradeInToken(sealer, row.delegation_request_id, periodEnd),
            ),
          };
        },
      ),
    );
  },
});
