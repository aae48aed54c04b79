// GetAccountAuthorizationDetails: a snapshot of the account's users, groups, roles and managed
// policies with their relationships, filtered by entity type and paginated.
import { defineAction } from '../action.ts';
import type {
  GetAccountAuthorizationDetailsRequest,
  GetAccountAuthorizationDetailsResponse,
} from '../../protocol/models/iam-types.ts';
import { authorizationDetails } from '../../domain/authorization-details.ts';
import { DEFAULT_MAX_ITEMS } from '../../protocol/pagination.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const GetAccountAuthorizationDetails = defineAction<
  GetAccountAuthorizationDetailsRequest,
  GetAccountAuthorizationDetailsResponse
>({
  service: 'iam',
  name: 'GetAccountAuthorizationDetails',
  resource: () => ACCOUNT_WIDE,
  handle: (input, ctx) =>
    ctx.services.store.read((repos) =>
      authorizationDetails(repos, ctx.accountId, {
        Filter: input.Filter,
        MaxItems: input.MaxItems ?? DEFAULT_MAX_ITEMS,
        Marker: input.Marker,
      }),
    ),
});
