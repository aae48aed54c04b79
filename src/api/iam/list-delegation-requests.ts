// ListDelegationRequests: the requests owned in the caller's account (a request without an owner is
// not listed, even when it names the account), of one owner when OwnerId is given; oldest first.
import { defineAction } from '../action.ts';
import { listOwnedDelegationRequests } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';
import { paginateList } from './paginate-list.ts';
import { delegationRequestShape } from './shapes/delegation-request-shapes.ts';

export const ListDelegationRequests = defineAction({
  service: 'iam',
  name: 'ListDelegationRequests',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const rows = await ctx.services.store.read((r) =>
      listOwnedDelegationRequests(r, ctx.caller, input.OwnerId),
    );
    const page = paginateList(rows, input, (r) => `${r.created_at}|${r.delegation_request_id}`);
    return {
      DelegationRequests: page.items.map((r) => delegationRequestShape(r, ctx.now)),
      isTruncated: page.isTruncated,
      ...(page.marker !== undefined ? { Marker: page.marker } : {}),
    };
  },
});
