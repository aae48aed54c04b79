// GetCallerIdentity: who the caller is. Needs no permission, as in AWS.
import { defineAction } from '../action.ts';

export const GetCallerIdentity = defineAction({
  service: 'sts',
  name: 'GetCallerIdentity',
  resource: () => '*',
  authorization: 'none',
  handle(_input, ctx) {
    const { caller } = ctx;
    return Promise.resolve({ UserId: caller.id, Account: caller.accountId, Arn: caller.arn });
  },
});
