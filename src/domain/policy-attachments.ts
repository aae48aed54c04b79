// Attaching managed policies to users, groups and roles: the entity must exist (and a role must
// not be service-linked), the policy must exist and be the account's own or AWS managed, at most
// the per-entity quota of policies, attaching twice changes nothing; detaching only what is
// attached; and who uses a policy, as permissions policy or as permissions boundary.
import type { Quotas } from '../config/index.ts';
import { limitExceeded, noSuchEntity } from '../errors.ts';
import type {
  AttachableEntity,
  ReadRepos,
  Repos,
  ManagedPolicyRow,
  AttachedPolicyRow,
  PolicyEntity,
} from '../store/index.ts';
import { getGroupRow } from './groups.ts';
import { AWS_ACCOUNT, parsePolicyArn } from './managed-policies.ts';
import { assertModifiableRole, getRoleRow } from './roles.ts';
import { getUserRow } from './users.ts';

/** The user, group or role a managed policy is attached to. */
export interface AttachmentTarget {
  type: AttachableEntity;
  id: string;
}

const QUOTA_NAME: Record<AttachableEntity, string> = {
  user: 'PoliciesPerUser',
  group: 'PoliciesPerGroup',
  role: 'PoliciesPerRole',
};

export async function userTarget(
  repos: ReadRepos,
  accountId: string,
  name: string,
): Promise<AttachmentTarget> {
  return { type: 'user', id: (await getUserRow(repos, accountId, name)).user_id };
}

export async function groupTarget(
  repos: ReadRepos,
  accountId: string,
  name: string,
): Promise<AttachmentTarget> {
  return { type: 'group', id: (await getGroupRow(repos, accountId, name)).group_id };
}

/** The role, for reading its attachments. */
export async function roleTarget(
  repos: ReadRepos,
  accountId: string,
  name: string,
): Promise<AttachmentTarget> {
  return { type: 'role', id: (await getRoleRow(repos, accountId, name)).role_id };
}

/** The role, for changing its attachments: service-linked roles are only modifiable by AWS. */
export async function modifiableRoleTarget(
  repos: ReadRepos,
  accountId: string,
  name: string,
): Promise<AttachmentTarget> {
  const row = await getRoleRow(repos, accountId, name);
  assertModifiableRole(row);
  return { type: 'role', id: row.role_id };
}

/** A policy that `accountId` may attach: its own customer managed policies and AWS managed ones. */
export async function getAttachablePolicy(
  repos: ReadRepos,
  accountId: string,
  arn: string,
): Promise<ManagedPolicyRow> {
  parsePolicyArn(arn);
  const row = await repos.managedPolicies.byArn(arn);
  if (!row || (row.account_id !== accountId && row.account_id !== AWS_ACCOUNT))
    throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return row;
}

export async function attachPolicy(
  repos: Repos,
  accountId: string,
  target: AttachmentTarget,
  policyArn: string,
  quotas: Quotas,
  now: Date,
): Promise<void> {
  const policy = await getAttachablePolicy(repos, accountId, policyArn);
  if (await repos.managedPolicies.isAttached(policy.policy_id, target.type, target.id)) return;
  const attached = await repos.managedPolicies.attachedTo(target.type, target.id);
  if (attached.length >= quotas.managedPoliciesPerEntity)
    throw limitExceeded(
      `Cannot exceed quota for ${QUOTA_NAME[target.type]}: ${quotas.managedPoliciesPerEntity}`,
    );
  await repos.managedPolicies.attach(accountId, policy.policy_id, target.type, target.id, now.toISOString());
}

export async function detachPolicy(
  repos: Repos,
  accountId: string,
  target: AttachmentTarget,
  policyArn: string,
): Promise<void> {
  parsePolicyArn(policyArn);
  const policy = await repos.managedPolicies.byArn(policyArn);
  if (!policy || !(await repos.managedPolicies.isAttached(policy.policy_id, target.type, target.id)))
    throw noSuchEntity(`Policy ${policyArn} was not found.`);
  await repos.managedPolicies.detach(accountId, policy.policy_id, target.type, target.id);
}

/** The policies attached to an entity whose path starts with `pathPrefix`. */
export async function attachedPolicies(
  repos: ReadRepos,
  target: AttachmentTarget,
  pathPrefix = '/',
): Promise<AttachedPolicyRow[]> {
  const rows = await repos.managedPolicies.attachedTo(target.type, target.id);
  return rows.filter((r) => r.path.startsWith(pathPrefix));
}

/** The sort key of attached policies: by name, then id (an AWS and a local policy may share a name). */
export const attachedPolicyKey = (r: AttachedPolicyRow) => `${r.name_key}/${r.policy_id}`;

export interface EntityQuery {
  entityFilter?: 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';
  usage?: 'PermissionsPolicy' | 'PermissionsBoundary';
  pathPrefix?: string;
}

/**
 * The users, groups and roles of `accountId` that use a policy: attached as a permissions policy,
 * set as a permissions boundary, or (without a usage filter) either, each listed once.
 * EntityFilter LocalManagedPolicy / AWSManagedPolicy keep every entity when the policy is of that
 * kind and none otherwise.
 */
export async function entitiesForPolicy(
  repos: ReadRepos,
  accountId: string,
  policy: ManagedPolicyRow,
  query: EntityQuery,
): Promise<PolicyEntity[]> {
  const awsManaged = policy.account_id === AWS_ACCOUNT;
  if (query.entityFilter === 'LocalManagedPolicy' && awsManaged) return [];
  if (query.entityFilter === 'AWSManagedPolicy' && !awsManaged) return [];
  const found = new Map<string, PolicyEntity>();
  if (query.usage !== 'PermissionsBoundary')
    for (const e of await repos.managedPolicies.attachedEntities(accountId, policy.policy_id))
      found.set(`${e.type}/${e.id}`, e);
  if (query.usage !== 'PermissionsPolicy')
    for (const e of await repos.managedPolicies.boundedEntities(accountId, policy.arn))
      found.set(`${e.type}/${e.id}`, e);
  const type = ENTITY_TYPE[query.entityFilter ?? ''];
  const prefix = query.pathPrefix ?? '/';
  return [...found.values()].filter((e) => (!type || e.type === type) && e.path.startsWith(prefix));
}

const ENTITY_TYPE: Record<string, AttachableEntity | undefined> = {
  User: 'user',
  Group: 'group',
  Role: 'role',
};

/** The sort key of ListEntitiesForPolicy's combined list: groups, then roles, then users, by name. */
export const policyEntityKey = (e: PolicyEntity) => `${e.type}/${e.nameKey}`;
