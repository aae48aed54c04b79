// AWS's LoginProfile shape: the user it belongs to, when it was created, and whether a new password
// is required at the next sign-in (never the password or its hash).
import type { LoginProfile } from '../../../protocol/index.ts';
import type { LoginProfileRow, UserRow } from '../../../store/index.ts';

export function loginProfileShape(user: UserRow, row: LoginProfileRow): LoginProfile {
  return {
    UserName: user.user_name,
    CreateDate: new Date(row.created_at),
    PasswordResetRequired: row.password_reset_required === 1,
  };
}
