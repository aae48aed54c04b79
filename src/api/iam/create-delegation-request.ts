// CreateDelegationRequest: a partner account files a request for temporary access to a customer's
// account (named, or left open for any account to take up). Its permissions are a policy template the
// partner registered (a managed policy of its own account, or an AWS managed policy) filled with the
// request's parameters.
import { defineAction } from '../action.ts';
import { createDelegationRequest } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const CreateDelegationRequest = defineAction({
  service: 'iam',
  name: 'CreateDelegationRequest',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const row = await ctx.services.store.writeRecords((repos) =>
      createDelegationRequest(repos, ctx.caller, input, ctx.now),
    );
    return { DelegationRequestId: row.delegation_request_id };
  },
});
