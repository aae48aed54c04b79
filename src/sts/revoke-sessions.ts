// Revoking a role's active sessions as the IAM console does: an inline policy named
// AWSRevokeOlderSessions on the role denies everything to sessions whose aws:TokenIssueTime is
// before now. Sessions issued afterwards are unaffected; revoking again moves the cut-off.
import type { Quotas } from '../config/defaults.ts';
import { putInlinePolicy } from '../domain/inline-policies.ts';
import { getRoleRow, roleOwner } from '../domain/roles.ts';
import type { Repos } from '../store/index.ts';

export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';

/** The console's policy document, with the cut-off in its ISO form (no milliseconds). */
export function revokeOlderSessionsPolicy(now: Date): string {
  const cutoff = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } },
      },
    ],
  });
}

/** Attaches (or replaces) the revoking policy on the role; returns the cut-off written. */
export async function revokeOlderSessions(
  repos: Repos,
  accountId: string,
  roleName: string,
  now: Date,
  quotas: Quotas,
): Promise<string> {
  const role = await getRoleRow(repos, accountId, roleName);
  const document = revokeOlderSessionsPolicy(now);
  await putInlinePolicy(repos, roleOwner(role), REVOKE_POLICY_NAME, document, quotas.roleInlinePolicySize);
  return (JSON.parse(document) as { Statement: { Condition: { DateLessThan: Record<string, string> } }[] })
    .Statement[0]!.Condition.DateLessThan['aws:TokenIssueTime']!;
}
