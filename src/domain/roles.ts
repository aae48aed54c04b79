// The IAM role: creation within the role quota, its trust policy (the trust grammar, at most the
// ACLSizePerRole quota without white space), description and maximum session duration, its
// permissions boundary, deletion only once nothing hangs off it, and the protection of
// service-linked roles and IAM Identity Center's roles from ordinary IAM calls (their services change
// them through the same functions, saying so with `byService`).
import type { Quotas } from '../config/index.ts';
import { checkPolicyDocument, policySizeWithoutWhitespace } from '../policy/index.ts';
import {
  type AwsError,
  alreadyExists,
  deleteConflict,
  invalidInput,
  limitExceeded,
  malformedPolicy,
  noSuchEntity,
  unmodifiable,
} from '../errors.ts';
import { onUniqueViolation, type ReadRepos, type Repos, type RoleRow } from '../store/index.ts';
import { iamArn } from './arns.ts';
import { newUniqueId } from './ids.ts';
import type { InlineOwner } from './inline-policies.ts';
import { requireBoundaryPolicy } from './permissions-boundary.ts';
import {
  type NamedPrincipal,
  requireTrustPrincipalsExist,
  retireTrustPrincipal,
} from './trust-principals.ts';
import { addTags, type Tag } from './tags.ts';

/** AWS's default MaxSessionDuration, in seconds (the model checks the 3,600–43,200 range). */
export const DEFAULT_MAX_SESSION_DURATION = 3600;

/** The path prefix IAM reserves for service-linked roles. */
export const SERVICE_ROLE_PATH_PREFIX = '/aws-service-role/';

/** The path of the roles IAM Identity Center provisions for permission sets (AWSReservedSSO_…). */
export const SSO_RESERVED_ROLE_PATH = '/aws-reserved/sso.amazonaws.com/';

/** Who changes a role: an ordinary IAM call, or the AWS service that owns it (Identity Center). */
export interface RoleChangeOptions {
  /** The owning service's own change: the protection of reserved roles does not apply. */
  byService?: boolean;
}

/** Whether only an AWS service may change the role: service-linked roles and Identity Center's. */
export const isProtectedRole = (row: RoleRow): boolean =>
  row.linked_service !== null || row.path.startsWith(SSO_RESERVED_ROLE_PATH);

export interface NewRole {
  RoleName: string;
  Path?: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

export async function getRoleRow(repos: ReadRepos, accountId: string, roleName: string): Promise<RoleRow> {
  const row = await repos.roles.byName(accountId, roleName);
  if (!row) throw roleNotFound(roleName);
  return row;
}

/**
 * Refuses to change a service-linked role or an Identity Center role (AWSReservedSSO_…) through an
 * ordinary IAM call (DeleteRole, trust policy, inline and attached policies, boundary, tags), as AWS
 * does: only its service may modify it.
 */
export function assertModifiableRole(row: RoleRow, options: RoleChangeOptions = {}): void {
  if (isProtectedRole(row) && !options.byService)
    throw unmodifiable(
      `Cannot perform the operation on the protected role '${row.role_name}' - this role is only modifiable by AWS`,
    );
}

/**
 * Checks a trust policy as CreateRole and UpdateAssumeRolePolicy do: grammar first, then size,
 * then that every AWS principal it names exists.
 */
export async function checkTrustPolicy(
  repos: Repos,
  document: string,
  quotas: Quotas,
): Promise<NamedPrincipal[]> {
  const checked = checkPolicyDocument(document, 'trust');
  if (!checked.ok) throw malformedPolicy(checked.message);
  if (policySizeWithoutWhitespace(document) > quotas.trustPolicySize)
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${quotas.trustPolicySize}`);
  return requireTrustPrincipalsExist(repos, checked.policy);
}

/**
 * Creates a role. `linkedService` marks a service-linked role (CreateServiceLinkedRole), whose
 * reserved path and fixed trust policy ordinary CreateRole calls may not use.
 */
export async function createRole(
  repos: Repos,
  accountId: string,
  input: NewRole,
  quotas: Quotas,
  now: Date,
  linkedService: string | null = null,
): Promise<RoleRow> {
  const path = input.Path ?? '/';
  const exists = () =>
    linkedService === null
      ? alreadyExists(`Role with name ${input.RoleName} already exists.`)
      : invalidInput(
          `Service role name ${input.RoleName} has been taken in this account, please try a different suffix.`,
        );
  if (linkedService === null && path.startsWith(SERVICE_ROLE_PATH_PREFIX))
    throw invalidInput(
      `Path prefix '${SERVICE_ROLE_PATH_PREFIX}' can only be used for AWS Service linked Roles`,
    );
  if (await repos.roles.byName(accountId, input.RoleName)) throw exists();
  if ((await repos.roles.count(accountId)) >= quotas.rolesPerAccount)
    throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${quotas.rolesPerAccount}`);
  const named = await checkTrustPolicy(repos, input.AssumeRolePolicyDocument, quotas);
  if (input.PermissionsBoundary) await requireBoundaryPolicy(repos, accountId, input.PermissionsBoundary);
  const row: RoleRow = {
    role_id: newUniqueId('AROA'),
    account_id: accountId,
    role_name: input.RoleName,
    name_key: input.RoleName.toLowerCase(),
    path,
    arn: iamArn(accountId, 'role', path, input.RoleName),
    created_at: now.toISOString(),
    assume_role_policy: input.AssumeRolePolicyDocument,
    description: input.Description || null,
    max_session_duration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    permissions_boundary: input.PermissionsBoundary ?? null,
    last_used_at: null,
    last_used_region: null,
    linked_service: linkedService,
  };
  await onUniqueViolation(repos.roles.insert(row), () => exists());
  await repos.trustPrincipalRefs.replace(row.role_id, accountId, named);
  if (input.Tags?.length)
    await addTags(
      repos,
      { accountId, entity: 'role', id: row.role_id },
      'role',
      row.role_id,
      input.Tags,
      quotas.tagsPerResource,
    );
  return row;
}

/**
 * UpdateRole and UpdateRoleDescription: a service-linked role's description may change, its
 * maximum session duration may not; an Identity Center role may not change at all. An empty
 * description removes it.
 */
export async function updateRole(
  repos: Repos,
  accountId: string,
  roleName: string,
  change: { Description?: string; MaxSessionDuration?: number },
  options: RoleChangeOptions = {},
): Promise<RoleRow> {
  const row = await getRoleRow(repos, accountId, roleName);
  if (row.path.startsWith(SSO_RESERVED_ROLE_PATH)) assertModifiableRole(row, options);
  if (change.MaxSessionDuration !== undefined && row.linked_service !== null)
    throw unmodifiable(
      `${row.role_name} is an AWS service linked role, max session duration cannot be changed.`,
    );
  const patch: Partial<RoleRow> = {};
  if (change.Description !== undefined) patch.description = change.Description || null;
  if (change.MaxSessionDuration !== undefined) patch.max_session_duration = change.MaxSessionDuration;
  if (Object.keys(patch).length === 0) return row;
  await repos.roles.update(accountId, row.role_id, patch);
  return { ...row, ...patch };
}

export async function updateAssumeRolePolicy(
  repos: Repos,
  accountId: string,
  roleName: string,
  document: string,
  quotas: Quotas,
  options: RoleChangeOptions = {},
): Promise<void> {
  const row = await getRoleRow(repos, accountId, roleName);
  assertModifiableRole(row, options);
  const named = await checkTrustPolicy(repos, document, quotas);
  await repos.roles.update(accountId, row.role_id, { assume_role_policy: document });
  await repos.trustPrincipalRefs.replace(row.role_id, accountId, named);
}

/** Deletes a role that is in no instance profile and has no policies left, as DeleteRole requires. */
export async function deleteRole(
  repos: Repos,
  accountId: string,
  roleName: string,
  options: RoleChangeOptions = {},
): Promise<void> {
  const row = await getRoleRow(repos, accountId, roleName);
  assertModifiableRole(row, options);
  const blockers = await repos.roles.dependents(row.role_id);
  if (blockers.instanceProfiles)
    throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  if (blockers.attachedPolicies)
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (blockers.inlinePolicies) throw deleteConflict('Cannot delete entity, must delete policies first.');
  await repos.tags.removeAll('role', row.role_id);
  await repos.trustPrincipalRefs.removeRole(row.role_id);
  await repos.roles.delete(accountId, row.role_id);
  await retireTrustPrincipal(repos, row.role_id);
}

export async function setRoleBoundary(
  repos: Repos,
  accountId: string,
  roleName: string,
  boundaryArn: string | null,
  options: RoleChangeOptions = {},
): Promise<void> {
  const row = await getRoleRow(repos, accountId, roleName);
  assertModifiableRole(row, options);
  if (boundaryArn) await requireBoundaryPolicy(repos, accountId, boundaryArn);
  await repos.roles.update(accountId, row.role_id, { permissions_boundary: boundaryArn });
}

/** The role as the owner of inline policies. */
export function roleOwner(row: RoleRow): InlineOwner {
  return { type: 'role', id: row.role_id, accountId: row.account_id, name: row.role_name };
}

/** The row with a use not yet flushed from the last-used buffer, when there is a newer one. */
export function withPendingUse(row: RoleRow, pending: { at: string; region: string } | undefined): RoleRow {
  if (!pending || (row.last_used_at !== null && row.last_used_at >= pending.at)) return row;
  return { ...row, last_used_at: pending.at, last_used_region: pending.region };
}

/** AWS's NoSuchEntity for a role name the account does not have. */
export function roleNotFound(roleName: string): AwsError {
  return noSuchEntity(`The role with name ${roleName} cannot be found.`);
}
