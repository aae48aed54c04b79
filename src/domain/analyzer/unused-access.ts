// Unused access: within an analyzer's tracking period (unusedAccessAge days), roles nobody assumed
// (UnusedIAMRole), active access keys and console passwords nobody used (UnusedIAMUserAccessKey,
// UnusedIAMUserPassword), and, for roles and users that were used, the services their permissions
// policies allow that they did not use (UnusedPermission, from last-accessed data). As AWS documents,
// only entities that existed for the whole tracking period are analyzed, and service-linked roles
// are not.
import type { ReadRepos, RoleRow, UserRow } from '../../store/index.ts';
import { allowedActionNames, allowedActions, lastAccessedSubject } from '../last-accessed.ts';
import { type AnalysisRule, excludesByTag, isExcluded } from './analysis-rule.ts';
import type { ComputedFinding, FindingDetail } from './finding-shapes.ts';

/** Uses recorded but perhaps not yet written (the server's buffers), ISO 8601. */
export interface PendingUses {
  role(roleId: string): string | undefined;
  accessKey(accessKeyId: string): string | undefined;
}

const PAGE = 500;
const DAY_MS = 86_400_000;

function latest(...times: (string | null | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const t of times) if (t && (best === undefined || t > best)) best = t;
  return best;
}

export async function allRoles(repos: ReadRepos, accountId: string): Promise<RoleRow[]> {
  const out: RoleRow[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.roles.list(accountId, { after, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.name_key;
  }
}

async function allUsers(repos: ReadRepos, accountId: string): Promise<UserRow[]> {
  const out: UserRow[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.users.list(accountId, { after, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.name_key;
  }
}

/**
 * What an entity's policies allow that it did not use since `cutoff`: each service it did not use
 * (with the granted actions, when the policies name them), and within each service it did use, the
 * granted actions it did not (a `svc:*` grant expanded through the action catalogue).
 */
async function unusedPermissions(
  repos: ReadRepos,
  accountId: string,
  type: 'user' | 'role',
  arn: string,
  cutoff: string,
): Promise<FindingDetail[]> {
  const subject = await lastAccessedSubject(repos, accountId, arn, [type]);
  const allowed = allowedActions(subject.policies.map((p) => p.document));
  const activity = await repos.accessActivity.forEntities(accountId, [arn]);
  const details: FindingDetail[] = [];
  for (const service of [...allowed.keys()].sort()) {
    const uses = activity.filter((a) => a.serviceNamespace === service);
    const last = latest(...uses.map((u) => u.lastAuthenticated));
    const granted = allowed.get(service)!;
    const lastUse = (action: string) =>
      latest(
        ...uses
          .filter((u) => u.actionName.toLowerCase() === action.toLowerCase())
          .map((u) => u.lastAuthenticated),
      );
    const serviceUsed = last !== undefined && last >= cutoff;
    const names = serviceUsed || granted !== 'all' ? allowedActionNames(service, granted) : [];
    const actions = names.flatMap((action) => {
      const at = lastUse(action);
      if (serviceUsed && at !== undefined && at >= cutoff) return [];
      return [at ? { action, lastAccessed: at } : { action }];
    });
    if (serviceUsed && actions.length === 0) continue;
    details.push({
      unusedPermissionDetails: {
        serviceNamespace: service,
        ...(last ? { lastAccessed: last } : {}),
        ...(actions.length > 0 || granted !== 'all' ? { actions } : {}),
      },
    });
  }
  return details;
}

/** The unused-access findings of one account, for a tracking period of `ageDays` ending at `now`. */
export async function accountUnusedAccess(
  repos: ReadRepos,
  accountId: string,
  ageDays: number,
  now: Date,
  pending: PendingUses,
  rule?: AnalysisRule,
): Promise<ComputedFinding[]> {
  const cutoff = new Date(now.getTime() - ageDays * DAY_MS).toISOString();
  const out: ComputedFinding[] = [];
  // an exclusion by account alone (tag sets are never empty) covers every entity of the account
  if (isExcluded(rule, accountId, [])) return out;
  const byTag = excludesByTag(rule);
  const excluded = async (type: 'user' | 'role', id: string) =>
    isExcluded(rule, accountId, byTag ? await repos.tags.list(type, id) : []);
  for (const role of await allRoles(repos, accountId)) {
    if (role.linked_service || role.created_at > cutoff) continue;
    if (await excluded('role', role.role_id)) continue;
    const last = latest(role.last_used_at, pending.role(role.role_id));
    const base = {
      resource: role.arn,
      resourceType: 'AWS::IAM::Role' as const,
      resourceOwnerAccount: accountId,
    };
    if (last === undefined || last < cutoff) {
      out.push({
        ...base,
        key: `UnusedIAMRole|${role.arn}`,
        findingType: 'UnusedIAMRole',
        details: [{ unusedIamRoleDetails: last ? { lastAccessed: last } : {} }],
      });
      continue;
    }
    const details = await unusedPermissions(repos, accountId, 'role', role.arn, cutoff);
    if (details.length > 0)
      out.push({ ...base, key: `UnusedPermission|${role.arn}`, findingType: 'UnusedPermission', details });
  }
  for (const user of await allUsers(repos, accountId)) {
    if (user.created_at > cutoff) continue;
    if (await excluded('user', user.user_id)) continue;
    const base = {
      resource: user.arn,
      resourceType: 'AWS::IAM::User' as const,
      resourceOwnerAccount: accountId,
    };
    let used = false;
    for (const key of await repos.accessKeys.listFor(accountId, user.user_id)) {
      const last = latest(key.last_used_at, pending.accessKey(key.access_key_id));
      if (last !== undefined && last >= cutoff) used = true;
      if (key.status !== 'Active' || key.created_at > cutoff || (last !== undefined && last >= cutoff))
        continue;
      out.push({
        ...base,
        key: `UnusedIAMUserAccessKey|${user.arn}|${key.access_key_id}`,
        findingType: 'UnusedIAMUserAccessKey',
        details: [
          {
            unusedIamUserAccessKeyDetails: {
              accessKeyId: key.access_key_id,
              ...(last ? { lastAccessed: last } : {}),
            },
          },
        ],
      });
    }
    const profile = await repos.loginProfiles.get(user.user_id);
    const lastLogin = user.password_last_used ?? undefined;
    if (lastLogin !== undefined && lastLogin >= cutoff) used = true;
    if (profile && profile.created_at <= cutoff && (lastLogin === undefined || lastLogin < cutoff))
      out.push({
        ...base,
        key: `UnusedIAMUserPassword|${user.arn}`,
        findingType: 'UnusedIAMUserPassword',
        details: [{ unusedIamUserPasswordDetails: lastLogin ? { lastAccessed: lastLogin } : {} }],
      });
    if (!used) continue;
    const details = await unusedPermissions(repos, accountId, 'user', user.arn, cutoff);
    if (details.length > 0)
      out.push({ ...base, key: `UnusedPermission|${user.arn}`, findingType: 'UnusedPermission', details });
  }
  return out;
}
