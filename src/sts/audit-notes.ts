// What the STS calls add to their audit events: the role they act on (named in the record's
// resources, and recorded in the role's account too when it is another one), the member account whose
// root AssumeRoot hands out (likewise), the tags a federated caller brings, and for an unsigned web
// identity call the caller its token names, before the token is verified.
import { decodeJwt } from 'jose';
import { webIdentityUser } from '../audit/index.ts';
import { rootArn } from '../domain/index.ts';
import type { ActionContext } from '../services.ts';
import type { RoleRow } from '../store/index.ts';

export function noteRole(ctx: ActionContext, role: Pick<RoleRow, 'arn' | 'account_id'>): void {
  ctx.audit?.resource({ ARN: role.arn, accountId: role.account_id, type: 'AWS::IAM::Role' });
  ctx.audit?.alsoRecordIn(role.account_id);
}

/**
 * AssumeRoot's target: the member account's root, named in the record's resources, and the member
 * account's trail holds the event too, as the trail of a role's account does for AssumeRole.
 */
export function noteRootTarget(ctx: ActionContext, accountId: string): void {
  ctx.audit?.resource({ ARN: rootArn(accountId), accountId, type: 'AWS::IAM::Root' });
  ctx.audit?.alsoRecordIn(accountId);
}

/** Tags a federated caller's token or assertion set, as CloudTrail records them (`principalTags`). */
export function notePrincipalTags(
  ctx: ActionContext,
  tags: readonly { Key: string; Value: string }[],
  transitiveTagKeys: readonly string[],
): void {
  if (tags.length > 0)
    ctx.audit?.requestParameter('principalTags', Object.fromEntries(tags.map((t) => [t.Key, t.Value])));
  if (transitiveTagKeys.length > 0) ctx.audit?.requestParameter('transitiveTagKeys', [...transitiveTagKeys]);
}

/** The unverified issuer host and subject of a web identity token, for an event of a refused call. */
export function noteWebIdentityCaller(ctx: ActionContext, token: string): void {
  if (!ctx.audit) return;
  let claims: { iss?: unknown; sub?: unknown };
  try {
    claims = decodeJwt(token);
  } catch {
    ctx.audit.identify({ type: 'WebIdentityUser' });
    return;
  }
  const issuer = typeof claims.iss === 'string' ? claims.iss.replace(/^https:\/\//, '') : '';
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  ctx.audit.identify(webIdentityUser(issuer, subject));
}
