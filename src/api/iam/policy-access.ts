// The caller's view of a policy request: its account, its ARN and the IAM action, which AWS names
// in the AccessDenied it returns for another account's (or AWS's own) managed policies.
import type { ActionContext } from '../action.ts';
import type { PolicyAccess } from '../../domain/index.ts';

export function policyAccess(ctx: ActionContext, actionName: string): PolicyAccess {
  return { accountId: ctx.accountId, callerArn: ctx.caller.arn, action: `iam:${actionName}` };
}
