// GetAccessKeyLastUsed: when, for which service and in which region a key was last used,
// including a use still buffered in memory (last-used data is flushed every second).
import { defineAction } from '../action.ts';
import type {
  GetAccessKeyLastUsedRequest,
  GetAccessKeyLastUsedResponse,
} from '../../protocol/models/iam-types.ts';
import { getAccessKeyLastUsed } from '../../domain/access-keys.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const GetAccessKeyLastUsed = defineAction<GetAccessKeyLastUsedRequest, GetAccessKeyLastUsedResponse>({
  service: 'iam',
  name: 'GetAccessKeyLastUsed',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const pending = ctx.services.lastUsed?.peek(input.AccessKeyId);
    return ctx.services.store.read((repos) =>
      getAccessKeyLastUsed(repos, ctx.accountId, ctx.caller.arn, input.AccessKeyId, pending),
    );
  },
});
