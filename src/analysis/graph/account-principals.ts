// What the escalation graph reads about an account, loaded once from the store in one read: its users
// (groups, attached policies, console password), groups (members, policy documents), roles (trust
// policy, instance profiles, attached policies) and customer managed policies with every version, as
// GetAccountAuthorizationDetails assembles them; and the users and roles of the other accounts, which
// cross-account trust may join to this one. The edge families never touch the store.
import {
  authorizationDetails,
  type AuthorizationDetailsPosition,
  type GroupAuthorizationDetail,
  type PolicyAuthorizationDetail,
  type RoleAuthorizationDetail,
  type UserAuthorizationDetail,
} from '../../domain/index.ts';
import type { PolicyDocumentRow, ReadRepos, Store } from '../../store/index.ts';

export interface GraphUser {
  userId: string;
  userName: string;
  path: string;
  arn: string;
  accountId: string;
  /** Ids of the groups the user is in. */
  groupIds: string[];
  /** ARNs of the managed policies attached to the user. */
  attachedPolicyArns: string[];
  hasPassword: boolean;
}

export interface GraphGroup {
  groupId: string;
  groupName: string;
  arn: string;
  memberIds: ReadonlySet<string>;
  attachedPolicyArns: string[];
  /** The group's inline and attached policies' (default) documents. */
  documents: PolicyDocumentRow[];
}

export interface GraphRole {
  roleId: string;
  roleName: string;
  path: string;
  arn: string;
  accountId: string;
  trustPolicy: string;
  /** The service of a service-linked role: IAM refuses edits of such a role. */
  linkedService: string | null;
  /** Names of the instance profiles holding the role. */
  instanceProfiles: string[];
  attachedPolicyArns: string[];
}

/** A customer managed policy: only those can get a new version or another default version. */
export interface GraphPolicy {
  arn: string;
  defaultVersion: number;
  versions: { version: number; document: string }[];
}

export interface AccountPrincipals {
  accountId: string;
  users: GraphUser[];
  groups: GraphGroup[];
  roles: GraphRole[];
  policies: ReadonlyMap<string, GraphPolicy>;
  /** Users and roles of every other account (cross-account trust), without their policies. */
  foreignUsers: GraphUser[];
  foreignRoles: GraphRole[];
}

const PAGE = 500;

interface Details {
  users: UserAuthorizationDetail[];
  groups: GroupAuthorizationDetail[];
  roles: RoleAuthorizationDetail[];
  policies: PolicyAuthorizationDetail[];
}

async function allDetails(repos: ReadRepos, accountId: string): Promise<Details> {
  const out: Details = { users: [], groups: [], roles: [], policies: [] };
  let after: AuthorizationDetailsPosition | undefined;
  for (;;) {
    const page = await authorizationDetails(repos, accountId, {
      filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'],
      maxItems: PAGE,
      ...(after ? { after } : {}),
    });
    out.users.push(...page.users);
    out.groups.push(...page.groups);
    out.roles.push(...page.roles);
    out.policies.push(...page.policies);
    if (!page.isTruncated || !page.last) return out;
    after = page.last;
  }
}

function roleOf(d: RoleAuthorizationDetail): GraphRole {
  const r = d.role;
  return {
    roleId: r.role_id,
    roleName: r.role_name,
    path: r.path,
    arn: r.arn,
    accountId: r.account_id,
    trustPolicy: r.assume_role_policy,
    linkedService: r.linked_service,
    instanceProfiles: d.instanceProfiles.map((p) => p.profile.name),
    attachedPolicyArns: d.attachedPolicies.map((p) => p.policyArn),
  };
}

/** Another account's users and roles: names and trust policies only. */
async function foreignPrincipals(
  repos: ReadRepos,
  accountId: string,
): Promise<{ users: GraphUser[]; roles: GraphRole[] }> {
  const users: GraphUser[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.users.list(accountId, { ...(after ? { after } : {}), limit: PAGE });
    for (const u of page)
      users.push({
        userId: u.user_id,
        userName: u.user_name,
        path: u.path,
        arn: u.arn,
        accountId: u.account_id,
        groupIds: [],
        attachedPolicyArns: [],
        hasPassword: false,
      });
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.name_key;
  }
  const roles: GraphRole[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.accountInventory.roles(accountId, { ...(after ? { after } : {}), limit: PAGE });
    for (const r of page)
      roles.push({
        roleId: r.role_id,
        roleName: r.role_name,
        path: r.path,
        arn: r.arn,
        accountId: r.account_id,
        trustPolicy: r.assume_role_policy,
        linkedService: r.linked_service,
        instanceProfiles: [],
        attachedPolicyArns: [],
      });
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.name_key;
  }
  return { users, roles };
}

/** Reads the account's principals, and the other accounts' users and roles, in one read transaction. */
export function loadAccountPrincipals(store: Store, accountId: string): Promise<AccountPrincipals> {
  return store.read(async (repos) => {
    const details = await allDetails(repos, accountId);
    const passwords = new Set(
      (await repos.credentialReports.credentialsOf(accountId)).loginProfiles.map((p) => p.user_id),
    );
    const groupIdByName = new Map(details.groups.map((g) => [g.group.group_name, g.group.group_id]));
    const users: GraphUser[] = details.users.map((d) => ({
      userId: d.user.user_id,
      userName: d.user.user_name,
      path: d.user.path,
      arn: d.user.arn,
      accountId: d.user.account_id,
      groupIds: d.groupNames.flatMap((n) => groupIdByName.get(n) ?? []),
      attachedPolicyArns: d.attachedPolicies.map((p) => p.policyArn),
      hasPassword: passwords.has(d.user.user_id),
    }));
    const groups: GraphGroup[] = [];
    for (const d of details.groups) {
      const g = d.group;
      groups.push({
        groupId: g.group_id,
        groupName: g.group_name,
        arn: g.arn,
        memberIds: new Set(users.filter((u) => u.groupIds.includes(g.group_id)).map((u) => u.userId)),
        attachedPolicyArns: d.attachedPolicies.map((p) => p.policyArn),
        documents: await repos.effectivePolicies.documentsFor([
          { type: 'group', id: g.group_id, arn: g.arn },
        ]),
      });
    }
    const policies = new Map<string, GraphPolicy>(
      details.policies.map((d) => [
        d.policy.arn,
        {
          arn: d.policy.arn,
          defaultVersion: d.policy.default_version,
          versions: d.versions.map((v) => ({ version: v.version, document: v.document })),
        },
      ]),
    );
    const foreignUsers: GraphUser[] = [];
    const foreignRoles: GraphRole[] = [];
    for (const account of await repos.accounts.list()) {
      if (account.account_id === accountId) continue;
      const foreign = await foreignPrincipals(repos, account.account_id);
      foreignUsers.push(...foreign.users);
      foreignRoles.push(...foreign.roles);
    }
    return {
      accountId,
      users,
      groups,
      roles: details.roles.map(roleOf),
      policies,
      foreignUsers,
      foreignRoles,
    };
  });
}
