// Authorization on a resource other than the one the action is declared on: the target name of a
// rename (UpdateUser, UpdateGroup), the role AddRoleToInstanceProfile passes (iam:PassRole), the
// user whose key GetAccessKeyLastUsed reads. The engine decides, as for the declared resource.
import type { ActionContext } from '../action.ts';
import { resolveIamResource } from '../../authz/index.ts';

/**
 * Throws AccessDenied unless the caller may perform `iamAction` on `arn`. With `resolve`, an ARN built
 * from a name is completed with the entity's real path and tags; a rename's target is new and is not.
 */
export async function authorizeOn(
  ctx: ActionContext,
  iamAction: string,
  arn: string,
  opts: { resolve: boolean },
): Promise<void> {
  const resource = opts.resolve ? await resolveIamResource(ctx.services.store, arn) : { arn };
  await ctx.services.authorizer.authorize({
    principal: ctx.caller,
    action: iamAction,
    resource: resource.arn,
    ...(resource.tags ? { resourceTags: resource.tags } : {}),
    request: ctx.request,
  });
}
