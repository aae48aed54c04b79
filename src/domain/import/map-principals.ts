// The dump's groups, users and roles (with their instance profiles) as rows with AWS's ids, ARNs and
// dates, and what hangs off each; names and ids unique as IAM keeps them (names regardless of case),
// every group a user names and every policy an entity uses present in the dump or AWS managed.
import { DEFAULT_MAX_SESSION_DURATION, SERVICE_ROLE_PATH_PREFIX } from '../roles.ts';
import type {
  DesiredGroup,
  DesiredInlinePolicy,
  DesiredInstanceProfile,
  DesiredRole,
  DesiredUser,
} from './desired-state.ts';
import type { GroupDetailEntry, RoleDetailEntry, UserDetailEntry } from './dump-schema.ts';
import { ImportError } from './import-error.ts';
import { at, entityArn, type MapContext } from './map-context.ts';
import type { MappedPolicies } from './map-policies.ts';

/** Refuses a second entity of a kind with the same id, or the same name in any case. */
class Uniques {
  private readonly ids = new Set<string>();
  private readonly names = new Set<string>();

  constructor(private readonly kind: string) {}

  add(where: string, idField: string, id: string, nameField: string, name: string): void {
    if (this.ids.has(id)) throw new ImportError(`${where}.${idField}`, `is used by another ${this.kind}`);
    if (this.names.has(name.toLowerCase()))
      throw new ImportError(
        `${where}.${nameField}`,
        `is used by another ${this.kind} (IAM names ignore case)`,
      );
    this.ids.add(id);
    this.names.add(name.toLowerCase());
  }
}

function inlinePolicies(
  where: string,
  field: string,
  list: readonly { PolicyName: string; PolicyDocument: string }[],
): DesiredInlinePolicy[] {
  const names = new Set<string>();
  return list.map((p, i) => {
    if (names.has(p.PolicyName.toLowerCase()))
      throw new ImportError(`${where}.${field}[${i}] (${p.PolicyName}).PolicyName`, 'is used twice');
    names.add(p.PolicyName.toLowerCase());
    return { name: p.PolicyName, document: p.PolicyDocument };
  });
}

function attachedArns(
  where: string,
  list: readonly { PolicyArn: string }[],
  policies: MappedPolicies,
): string[] {
  const arns: string[] = [];
  list.forEach((p, i) => {
    const arn = policies.resolve(p.PolicyArn, `${where}.AttachedManagedPolicies[${i}].PolicyArn`);
    if (arns.includes(arn))
      throw new ImportError(`${where}.AttachedManagedPolicies[${i}].PolicyArn`, 'is attached twice');
    arns.push(arn);
  });
  return arns;
}

export function mapGroups(
  ctx: MapContext,
  list: readonly GroupDetailEntry[],
  policies: MappedPolicies,
): DesiredGroup[] {
  const uniques = new Uniques('group');
  return list.map((g, i) => {
    const where = at(ctx, 'GroupDetailList', i);
    uniques.add(where, 'GroupId', g.GroupId, 'GroupName', g.GroupName);
    return {
      where,
      row: {
        group_id: g.GroupId,
        account_id: ctx.accountId,
        group_name: g.GroupName,
        name_key: g.GroupName.toLowerCase(),
        path: g.Path,
        arn: entityArn(ctx, where, g.Arn, 'group', g.Path, g.GroupName),
        created_at: g.CreateDate,
      },
      inline: inlinePolicies(where, 'GroupPolicyList', g.GroupPolicyList),
      attached: attachedArns(where, g.AttachedManagedPolicies, policies),
    };
  });
}

export function mapUsers(
  ctx: MapContext,
  list: readonly UserDetailEntry[],
  groups: readonly DesiredGroup[],
  policies: MappedPolicies,
): DesiredUser[] {
  const uniques = new Uniques('user');
  const groupIds = new Map(groups.map((g) => [g.row.name_key, g.row.group_id]));
  return list.map((u, i) => {
    const where = at(ctx, 'UserDetailList', i);
    uniques.add(where, 'UserId', u.UserId, 'UserName', u.UserName);
    const memberOf = u.GroupList.map((name, j) => {
      const id = groupIds.get(name.toLowerCase());
      if (!id)
        throw new ImportError(`${where}.GroupList[${j}]`, `names group ${name}, which GroupDetailList lacks`);
      return id;
    });
    return {
      where,
      row: {
        user_id: u.UserId,
        account_id: ctx.accountId,
        user_name: u.UserName,
        name_key: u.UserName.toLowerCase(),
        path: u.Path,
        arn: entityArn(ctx, where, u.Arn, 'user', u.Path, u.UserName),
        created_at: u.CreateDate,
        permissions_boundary: u.PermissionsBoundary
          ? policies.resolve(
              u.PermissionsBoundary.PermissionsBoundaryArn,
              `${where}.PermissionsBoundary.PermissionsBoundaryArn`,
            )
          : null,
        password_last_used: null,
      },
      groupIds: [...new Set(memberOf)],
      inline: inlinePolicies(where, 'UserPolicyList', u.UserPolicyList),
      attached: attachedArns(where, u.AttachedManagedPolicies, policies),
      tags: u.Tags,
    };
  });
}

/** The service a service-linked role belongs to, from its reserved path (/aws-service-role/SERVICE/). */
function linkedService(path: string): string | null {
  if (!path.startsWith(SERVICE_ROLE_PATH_PREFIX)) return null;
  return path.slice(SERVICE_ROLE_PATH_PREFIX.length).split('/')[0] || null;
}

export interface MappedRoles {
  roles: DesiredRole[];
  instanceProfiles: DesiredInstanceProfile[];
}

export function mapRoles(
  ctx: MapContext,
  list: readonly RoleDetailEntry[],
  policies: MappedPolicies,
): MappedRoles {
  const uniques = new Uniques('role');
  const profileUniques = new Uniques('instance profile');
  const instanceProfiles: DesiredInstanceProfile[] = [];
  const roles = list.map((r, i): DesiredRole => {
    const where = at(ctx, 'RoleDetailList', i);
    uniques.add(where, 'RoleId', r.RoleId, 'RoleName', r.RoleName);
    // RoleDetail has no Description or MaxSessionDuration; the Role inside an instance profile may
    const inProfile = r.InstanceProfileList.flatMap((p) => p.Roles).find((x) => x.RoleId === r.RoleId);
    const description = r.Description ?? inProfile?.Description;
    const maxSession = r.MaxSessionDuration ?? inProfile?.MaxSessionDuration;
    r.InstanceProfileList.forEach((p, j) => {
      const pWhere = at(ctx, 'RoleDetailList', i, 'InstanceProfileList', j);
      profileUniques.add(
        pWhere,
        'InstanceProfileId',
        p.InstanceProfileId,
        'InstanceProfileName',
        p.InstanceProfileName,
      );
      const other = p.Roles.find((x) => x.RoleId !== r.RoleId);
      if (other)
        throw new ImportError(
          `${pWhere}.Roles`,
          `names role ${other.RoleName ?? other.RoleId}; an instance profile holds one role, the one listing it`,
        );
      instanceProfiles.push({
        where: pWhere,
        row: {
          instance_profile_id: p.InstanceProfileId,
          account_id: ctx.accountId,
          name: p.InstanceProfileName,
          name_key: p.InstanceProfileName.toLowerCase(),
          path: p.Path,
          arn: entityArn(ctx, pWhere, p.Arn, 'instance-profile', p.Path, p.InstanceProfileName),
          created_at: p.CreateDate,
        },
        roleId: r.RoleId,
        tags: p.Tags,
      });
    });
    return {
      where,
      row: {
        role_id: r.RoleId,
        account_id: ctx.accountId,
        role_name: r.RoleName,
        name_key: r.RoleName.toLowerCase(),
        path: r.Path,
        arn: entityArn(ctx, where, r.Arn, 'role', r.Path, r.RoleName),
        created_at: r.CreateDate,
        assume_role_policy: r.AssumeRolePolicyDocument,
        description: description || null,
        max_session_duration: maxSession ?? DEFAULT_MAX_SESSION_DURATION,
        permissions_boundary: r.PermissionsBoundary
          ? policies.resolve(
              r.PermissionsBoundary.PermissionsBoundaryArn,
              `${where}.PermissionsBoundary.PermissionsBoundaryArn`,
            )
          : null,
        last_used_at: r.RoleLastUsed?.LastUsedDate ?? null,
        last_used_region: r.RoleLastUsed?.LastUsedDate ? (r.RoleLastUsed.Region ?? null) : null,
        linked_service: linkedService(r.Path),
      },
      given: { description: description !== undefined, maxSessionDuration: maxSession !== undefined },
      inline: inlinePolicies(where, 'RolePolicyList', r.RolePolicyList),
      attached: attachedArns(where, r.AttachedManagedPolicies, policies),
      tags: r.Tags,
    };
  });
  return { roles, instanceProfiles };
}
