// ListAttachedUserPolicies: the managed policies attached to a user, optionally under a path prefix,
// by name, paginated.
import { defineAction } from '../action.ts';
import type {
  ListAttachedUserPoliciesRequest,
  ListAttachedUserPoliciesResponse,
} from '../../protocol/models/iam-types.ts';
import {
  attachedPolicies,
  attachedPolicyKey,
  attachedPolicyShape,
  userTarget,
} from '../../domain/policy-attachments.ts';
import { paginateList } from './paginate-list.ts';
import { userArn } from './resource-arns.ts';

export const ListAttachedUserPolicies = defineAction<
  ListAttachedUserPoliciesRequest,
  ListAttachedUserPoliciesResponse
>({
  service: 'iam',
  name: 'ListAttachedUserPolicies',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const rows = await ctx.services.store.read(async (repos) =>
      attachedPolicies(repos, await userTarget(repos, ctx.accountId, input.UserName), input.PathPrefix),
    );
    const page = paginateList(rows, input, attachedPolicyKey);
    return {
      AttachedPolicies: page.items.map(attachedPolicyShape),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
