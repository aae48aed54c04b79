// AWS's Role shape from a role row: the short form ListRoles gives, and the full form of GetRole
// (boundary, tags, RoleLastUsed). Trust policies go out URL-encoded, as IAM returns them.
import type { Role, RoleLastUsed } from '../../../protocol/index.ts';
import type { RoleRow, TagPair } from '../../../store/index.ts';
import { boundaryShape } from './user-shapes.ts';

/** A role row in AWS's Role shape as ListRoles returns it (no boundary, tags or last use). */
export function roleShape(row: RoleRow): Role {
  return {
    Path: row.path,
    RoleName: row.role_name,
    RoleId: row.role_id,
    Arn: row.arn,
    CreateDate: new Date(row.created_at),
    AssumeRolePolicyDocument: encodeURIComponent(row.assume_role_policy),
    ...(row.description !== null ? { Description: row.description } : {}),
    MaxSessionDuration: row.max_session_duration,
  };
}

/** When and where a role was last used; {} when never, as AWS answers. */
export function roleLastUsedShape(row: Pick<RoleRow, 'last_used_at' | 'last_used_region'>): RoleLastUsed {
  return row.last_used_at
    ? {
        LastUsedDate: new Date(row.last_used_at),
        ...(row.last_used_region ? { Region: row.last_used_region } : {}),
      }
    : {};
}

/** The full Role shape of GetRole: with boundary, tags and RoleLastUsed ({} when never used). */
export function roleDetailShape(row: RoleRow, tags: readonly TagPair[]): Role {
  return {
    ...roleShape(row),
    PermissionsBoundary: boundaryShape(row.permissions_boundary),
    Tags: tags.length ? [...tags] : undefined,
    RoleLastUsed: roleLastUsedShape(row),
  };
}
