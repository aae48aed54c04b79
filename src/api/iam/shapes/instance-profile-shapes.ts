// AWS's InstanceProfile shape: the profile with the role it carries (its trust policy URL-encoded)
// and, where the action gives them, its tags.
import type { InstanceProfile, Role } from '../../../protocol/index.ts';
import type { ReadRepos, InstanceProfileRoleRow, InstanceProfileRow } from '../../../store/index.ts';
import type { Tag } from '../../../domain/index.ts';

/** A role in the form an InstanceProfile carries it (AWS's trust policy URL-encoded). */
export function instanceProfileRoleShape(role: InstanceProfileRoleRow): Role {
  return {
    Path: role.path,
    RoleName: role.role_name,
    RoleId: role.role_id,
    Arn: role.arn,
    CreateDate: new Date(role.created_at),
    AssumeRolePolicyDocument: encodeURIComponent(role.assume_role_policy),
  };
}

/** An instance profile row in AWS's InstanceProfile shape, with its roles (and tags when given). */
export function instanceProfileShape(
  row: InstanceProfileRow,
  roles: readonly InstanceProfileRoleRow[],
  tags?: readonly Tag[],
): InstanceProfile {
  return {
    Path: row.path,
    InstanceProfileName: row.name,
    InstanceProfileId: row.instance_profile_id,
    Arn: row.arn,
    CreateDate: new Date(row.created_at),
    Roles: roles.map(instanceProfileRoleShape),
    ...(tags?.length ? { Tags: [...tags] } : {}),
  };
}

/** Shapes a page of instance profiles, loading their roles in one query. */
export async function instanceProfileShapes(
  repos: ReadRepos,
  rows: readonly InstanceProfileRow[],
): Promise<InstanceProfile[]> {
  const roles = await repos.instanceProfiles.rolesOf(rows.map((r) => r.instance_profile_id));
  return rows.map((r) => instanceProfileShape(r, roles.get(r.instance_profile_id) ?? []));
}
