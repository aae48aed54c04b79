// The one authorization step every action passes. Until the policy engine is wired in, the root
// of the caller's own account is allowed and every other caller is denied — never the reverse.
import { AwsError } from '../protocol/aws-error.ts';
import type { Principal } from '../domain/principal.ts';

export interface AuthorizationRequest {
  principal: Principal;
  /** The account whose resources the request touches. */
  resourceAccountId: string;
  action: string;
  resource: string;
}

export function authorize(req: AuthorizationRequest): void {
  const { principal } = req;
  if (principal.type === 'root' && principal.accountId === req.resourceAccountId) return;
  throw accessDenied(req, 'because no identity-based policy allows the ' + req.action + ' action');
}

/** AWS's AccessDenied wording: "User: ARN is not authorized to perform: ACTION on resource: ARN because …". */
export function accessDenied(req: AuthorizationRequest, reason: string): AwsError {
  return new AwsError(
    'AccessDenied',
    `User: ${req.principal.arn} is not authorized to perform: ${req.action} on resource: ${req.resource} ${reason}`,
  );
}
