// Owns the wording of AWS's AccessDenied messages that name the policy type responsible, per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
import type { DenialReason, PolicyType } from './authorize.ts';

const NAMES: Readonly<Record<PolicyType, { readonly noun: string; readonly article: string }>> = {
  identity: { noun: 'identity-based policy', article: 'an' },
  resource: { noun: 'resource-based policy', article: 'a' },
  boundary: { noun: 'permissions boundary', article: 'a' },
  session: { noun: 'session policy', article: 'a' },
  scp: { noun: 'service control policy', article: 'a' },
  rcp: { noun: 'resource control policy', article: 'a' },
};

/** The reason clause: "because no identity-based policy allows the s3:GetObject action" or "with an explicit deny in a service control policy". */
export function denialClause(reason: DenialReason, action: string): string {
  const n = NAMES[reason.policyType];
  return reason.explicit
    ? `with an explicit deny in ${n.article} ${n.noun}`
    : `because no ${n.noun} allows the ${action} action`;
}

/**
 * The full message: `User: <arn> is not authorized to perform: <action> on resource: <resource> <clause>`.
 * Without a reason (older services) the clause is left out.
 */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resource: string,
  reason: DenialReason | undefined,
): string {
  const head = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}`;
  return reason ? `${head} ${denialClause(reason, action)}` : head;
}
