// AWS's User shape from a user row, and the AttachedPermissionsBoundary shape users and roles share.
import type { AttachedPermissionsBoundary, User } from '../../../protocol/index.ts';
import { rootArn } from '../../../domain/index.ts';
import type { UserRow } from '../../../store/index.ts';

/** A user row in AWS's User shape (without the fields List actions omit). */
export function userShape(row: UserRow): User {
  return {
    Path: row.path,
    UserName: row.user_name,
    UserId: row.user_id,
    Arn: row.arn,
    CreateDate: new Date(row.created_at),
    ...(row.password_last_used ? { PasswordLastUsed: new Date(row.password_last_used) } : {}),
  };
}

/**
 * The account's root in AWS's User shape, as GetUser answers the root and ListVirtualMFADevices names
 * the root's device: its id is the account id; it has no name or path.
 */
export function rootUserShape(accountId: string, createdAt: string | undefined): User {
  return {
    UserId: accountId,
    Arn: rootArn(accountId),
    CreateDate: new Date(createdAt ?? 0),
  } as User;
}

/** A permissions boundary ARN as AWS reports it; undefined when there is none. */
export function boundaryShape(arn: string | null): AttachedPermissionsBoundary | undefined {
  return arn
    ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn }
    : undefined;
}
