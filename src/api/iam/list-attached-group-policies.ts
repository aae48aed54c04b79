// ListAttachedGroupPolicies: the managed policies attached to a group, optionally under a path prefix,
// by name, paginated.
import { defineAction } from '../action.ts';
import type {
  ListAttachedGroupPoliciesRequest,
  ListAttachedGroupPoliciesResponse,
} from '../../protocol/models/iam-types.ts';
import {
  attachedPolicies,
  attachedPolicyKey,
  attachedPolicyShape,
  groupTarget,
} from '../../domain/policy-attachments.ts';
import { paginateList } from './paginate-list.ts';
import { groupArn } from './resource-arns.ts';

export const ListAttachedGroupPolicies = defineAction<
  ListAttachedGroupPoliciesRequest,
  ListAttachedGroupPoliciesResponse
>({
  service: 'iam',
  name: 'ListAttachedGroupPolicies',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    const rows = await ctx.services.store.read(async (repos) =>
      attachedPolicies(repos, await groupTarget(repos, ctx.accountId, input.GroupName), input.PathPrefix),
    );
    const page = paginateList(rows, input, attachedPolicyKey);
    return {
      AttachedPolicies: page.items.map(attachedPolicyShape),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
