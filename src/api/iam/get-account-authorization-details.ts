// GetAccountAuthorizationDetails: a snapshot of the account's users, groups, roles and managed
// policies with their relationships, filtered by entity type and paginated across the lists as one
// sequence. Its marker names a section (by its index in the paging order) and the sort key of the
// last item returned.
import { defineAction } from '../action.ts';
import {
  AUTHORIZATION_DETAILS_SECTIONS as SECTIONS,
  authorizationDetails,
  type AuthorizationDetailsPosition,
} from '../../domain/index.ts';
import { invalidInput } from '../../errors.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker } from '../../protocol/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';
import {
  groupAuthorizationDetailShape,
  policyAuthorizationDetailShape,
  roleAuthorizationDetailShape,
  userAuthorizationDetailShape,
} from './shapes/authorization-details-shapes.ts';

function positionOf(marker: string | undefined): AuthorizationDetailsPosition | undefined {
  const raw = decodeMarker(marker);
  if (raw === undefined) return undefined;
  const m = /^(\d):(.*)$/s.exec(raw);
  const section = m ? SECTIONS[Number(m[1])] : undefined;
  if (!m || section === undefined) throw invalidInput('Invalid Marker.');
  return { section, key: m[2]! };
}

const markerOf = (p: AuthorizationDetailsPosition) => encodeMarker(`${SECTIONS.indexOf(p.section)}:${p.key}`);

export const GetAccountAuthorizationDetails = defineAction({
  service: 'iam',
  name: 'GetAccountAuthorizationDetails',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const after = positionOf(input.Marker);
    const page = await ctx.services.store.read((repos) =>
      authorizationDetails(repos, ctx.accountId, {
        filter: input.Filter,
        maxItems: input.MaxItems ?? DEFAULT_MAX_ITEMS,
        after,
      }),
    );
    return {
      UserDetailList: page.users.map(userAuthorizationDetailShape),
      GroupDetailList: page.groups.map(groupAuthorizationDetailShape),
      RoleDetailList: page.roles.map(roleAuthorizationDetailShape),
      Policies: page.policies.map(policyAuthorizationDetailShape),
      IsTruncated: page.isTruncated,
      ...(page.isTruncated && page.last ? { Marker: markerOf(page.last) } : {}),
    };
  },
});
