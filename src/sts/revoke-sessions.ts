// Revoking a role's active sessions as the IAM console does: an inline policy named
// AWSRevokeOlderSessions on the role denies everything to sessions whose aws:TokenIssueTime is
// before a cut-off. Sessions issued after the cut-off are unaffected; revoking again moves it.
import type { Quotas } from '../config/index.ts';
import { putInlinePolicy, getRoleRow, roleOwner } from '../domain/index.ts';
import type { Repos } from '../store/index.ts';

export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';

/**
 * The cut-off of a revocation at `now`: the first whole second after it. A session token records its
 * issue time in whole seconds, rounded down, so a session issued at or before `now` — even earlier in
 * the same second — has an aws:TokenIssueTime before this cut-off, and `DateLessThan` denies it. A
 * session issued between `now` and the cut-off (under a second) is denied too: revocation fails
 * closed. The console's form is kept: ISO 8601 in UTC without milliseconds.
 */
export function revocationCutoff(now: Date): string {
  const next = new Date((Math.floor(now.getTime() / 1000) + 1) * 1000);
  return next.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The console's policy document, denying every session issued before `cutoff`. */
export function revokeOlderSessionsPolicy(cutoff: string): string {
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

/**
 * Attaches (or replaces) the revoking policy on the role, denying every session issued at or before
 * `now`; returns the cut-off written, after which new sessions work again.
 */
export async function revokeOlderSessions(
  repos: Repos,
  accountId: string,
  roleName: string,
  now: Date,
  quotas: Quotas,
): Promise<string> {
  const role = await getRoleRow(repos, accountId, roleName);
  const cutoff = revocationCutoff(now);
  await putInlinePolicy(
    repos,
    roleOwner(role),
    REVOKE_POLICY_NAME,
    revokeOlderSessionsPolicy(cutoff),
    quotas.roleInlinePolicySize,
  );
  return cutoff;
}
