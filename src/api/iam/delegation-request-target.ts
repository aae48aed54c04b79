// What the delegation request actions are authorized on: the request's ARN (in the partner's account,
// where it was filed), decided as a request within the caller's account — who may see and move a
// request across accounts is the lifecycle's rule (src/domain/delegation-requests.ts), not a
// resource policy's.
import type { ActionContext, AuthorizationTarget } from '../action.ts';
import { delegationRequestArn } from '../../domain/index.ts';

/** The ARN as the caller's account would see it, before the store is read. */
export function delegationRequestResource(
  input: { DelegationRequestId: string },
  ctx: ActionContext,
): string {
  return delegationRequestArn(ctx.accountId, input.DelegationRequestId);
}

export async function delegationRequestTarget(
  input: { DelegationRequestId: string },
  ctx: ActionContext,
): Promise<AuthorizationTarget> {
  const row = await ctx.services.store.read((r) => r.delegationRequests.get(input.DelegationRequestId));
  return {
    arn: delegationRequestArn(row?.requestor_account_id ?? ctx.accountId, input.DelegationRequestId),
    ownAccount: true,
  };
}
