// ListPolicies: the managed policies the account sees (Scope All, AWS or Local), under a path
// prefix, by name, paginated. OnlyAttached keeps those the account uses (attached, or set as a
// permissions boundary); PolicyUsageFilter keeps those it uses in that way (PermissionsPolicy:
// attached to a user, group or role; PermissionsBoundary: a user's or role's boundary).
import { defineAction } from '../action.ts';
import { AwsError } from '../../errors.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { policyShape } from './shapes/policy-shapes.ts';

export const ListPolicies = defineAction({
  service: 'iam',
  name: 'ListPolicies',
  // AWS names no ARN here: its AccessDenied says "on resource: policy path /"
  resource: (input) => `policy path ${input.PathPrefix ?? '/'}`,
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const after = splitMarker(decodeMarker(input.Marker));
    const rows = await ctx.services.store.read((repos) =>
      repos.managedPolicies.list(
        ctx.accountId,
        {
          scope: input.Scope ?? 'All',
          onlyAttached: input.OnlyAttached ?? false,
          usage: input.PolicyUsageFilter,
          pathPrefix: input.PathPrefix,
        },
        { after, limit: limit + 1 },
      ),
    );
    const page = toPage(
      rows,
      limit,
      (r) => `${r.name_key}/${r.policy_id}`,
      (r) => policyShape(r, r),
    );
    return { Policies: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});

/** A marker is "<name key>/<policy id>" (policy names cannot contain a slash). */
function splitMarker(key: string | undefined): { nameKey: string; policyId: string } | undefined {
  if (key === undefined) return undefined;
  const slash = key.indexOf('/');
  if (slash < 0) throw new AwsError('InvalidInput', 'Invalid Marker.');
  return { nameKey: key.slice(0, slash), policyId: key.slice(slash + 1) };
}
