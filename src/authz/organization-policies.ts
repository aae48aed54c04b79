// What AWS Organizations says about an account, as the engine needs it: the organization id and path
// (aws:PrincipalOrgID / aws:PrincipalOrgPaths, aws:ResourceOrgID / aws:ResourceOrgPaths) and the SCPs
// and RCPs that apply, one level per node from the root down to the account. Compiled once per account
// and dropped on any organization change (here or, through the change feed, on another node).
import { compilePolicy, type CompiledPolicy } from '../policy/index.ts';
import type { OrganizationRow, ReadRepos, Store } from '../store/index.ts';

export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';
export const RCP_TYPE = 'RESOURCE_CONTROL_POLICY';

/** An account's place in its organization and the organization policies that govern it. */
export interface AccountOrganization {
  orgId: string;
  /** The path to the account's parent, as the OrgPaths keys give it: `o-…/r-…/ou-…/`. */
  path: string;
  /** `[path]`: the value of aws:PrincipalOrgPaths / aws:ResourceOrgPaths, made once. */
  paths: readonly string[];
  /** The management account: never limited by SCPs or RCPs. */
  isManagement: boolean;
  /** Closed (CloseAccount): its principals may do nothing while it waits out its post-closure period. */
  closed: boolean;
  /** SCP levels, root first then each OU then the account; absent when SCPs do not apply. */
  scp?: readonly (readonly CompiledPolicy[])[];
  /** RCP levels, likewise; absent when RCPs do not apply. */
  rcp?: readonly (readonly CompiledPolicy[])[];
}

/**
 * At most this many accounts' views are kept; past it the cache starts again (a caller may name any
 * account id in a resource ARN, and each costs a read and an entry).
 */
const MAX_CACHED_ACCOUNTS = 50_000;
const ACCOUNT_ID = /^\d{12}$/;

/** A stored policy the engine cannot read might have held a Deny: such a level denies everything. */
const DENIES_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';

export class OrganizationPolicies {
  /** By account id; null for an account in no organization. Promises, so concurrent misses load once. */
  private readonly byAccount = new Map<string, Promise<AccountOrganization | null>>();
  /** Settled entries, read without awaiting on the hot path. */
  private readonly settled = new Map<string, AccountOrganization | null>();
  private generation = 0;

  constructor(private readonly store: Store) {
    store.onChange((changes) => {
      if (changes.some((c) => c.entity === 'organization' || c.entity === 'account' || c.entity === 'all'))
        this.clear();
    });
  }

  /** Drops everything (a change, or a lost change feed). */
  clear(): void {
    this.generation++;
    this.byAccount.clear();
    this.settled.clear();
  }

  /** The account's organization view, or null when it belongs to none. */
  forAccount(accountId: string): Promise<AccountOrganization | null> | AccountOrganization | null {
    const done = this.settled.get(accountId);
    if (done !== undefined) return done;
    // what is not an account id belongs to no organization, and is not worth a read or an entry
    if (!ACCOUNT_ID.test(accountId)) return null;
    let pending = this.byAccount.get(accountId);
    if (!pending) {
      if (this.settled.size >= MAX_CACHED_ACCOUNTS) this.clear();
      const generation = this.generation;
      pending = this.store.read((repos) => load(repos, accountId));
      this.byAccount.set(accountId, pending);
      pending.then(
        (v) => {
          // a change while loading may have made this answer stale: keep it only if none came
          if (generation === this.generation) this.settled.set(accountId, v);
          else this.byAccount.delete(accountId);
        },
        () => this.byAccount.delete(accountId),
      );
    }
    return pending;
  }
}

async function load(repos: ReadRepos, accountId: string): Promise<AccountOrganization | null> {
  const member = await repos.organizations.member(accountId);
  if (!member) return null;
  const org = await repos.organizations.byId(member.org_id);
  if (!org) return null;
  // the nodes from the root down to the account's parent
  const chain: string[] = [];
  let torn = false;
  for (let id = member.parent_id; id !== org.root_id;) {
    const unit = await repos.organizations.unit(id);
    // an OU gone between two reads (moved and deleted meanwhile): the levels are unknown
    if (!unit || chain.length > 10) {
      torn = true;
      break;
    }
    chain.unshift(unit.ou_id);
    id = unit.parent_id;
  }
  const path = [org.org_id, org.root_id, ...chain].join('/') + '/';
  const isManagement = org.management_account_id === accountId;
  const view: { -readonly [K in keyof AccountOrganization]: AccountOrganization[K] } = {
    orgId: org.org_id,
    path,
    paths: Object.freeze([path]),
    isManagement,
    closed: member.status !== 'ACTIVE',
  };
  if (isManagement) return view;
  if (torn) {
    // fail closed until the change that tore the read arrives and the view is loaded again
    const deny = compilePolicy(DENIES_ALL, { id: 'unreadable-organization-tree', sourceType: 'scp' });
    if (!deny.ok) throw new Error('the deny-all policy does not compile');
    view.scp = [[deny.policy]];
    view.rcp = [[deny.policy]];
    return view;
  }
  const levels = [org.root_id, ...chain, accountId];
  const types = JSON.parse(org.policy_types) as string[];
  if (types.includes(SCP_TYPE)) view.scp = await levelsOf(repos, org, levels, SCP_TYPE, 'scp');
  if (types.includes(RCP_TYPE)) view.rcp = await levelsOf(repos, org, levels, RCP_TYPE, 'rcp');
  return view;
}

async function levelsOf(
  repos: ReadRepos,
  org: OrganizationRow,
  levels: readonly string[],
  policyType: string,
  sourceType: 'scp' | 'rcp',
): Promise<CompiledPolicy[][]> {
  const attached = await repos.orgPolicies.attachedTo(org.org_id, levels, policyType);
  return levels.map((target) =>
    attached
      .filter((p) => p.target_id === target)
      .map((p) => {
        const compiled = compilePolicy(p.content, { id: p.policy_id, sourceType });
        if (compiled.ok) return compiled.policy;
        const deny = compilePolicy(DENIES_ALL, { id: p.policy_id, sourceType });
        if (!deny.ok) throw new Error('the deny-all policy does not compile');
        return deny.policy;
      }),
  );
}

/**
 * The services whose resources RCPs govern, by action prefix, per
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
const RCP_SERVICES: ReadonlySet<string> = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'ecr',
  'aoss',
  'cognito-idp',
  'logs',
  'dynamodb',
]);

/** What the organizations of a request's principal and resource add to its decision. */
export interface OrganizationFacts {
  /** The principal's account is closed: the request is refused whatever the policies say. */
  closedAccount?: string;
  scp?: readonly (readonly CompiledPolicy[])[];
  rcp?: readonly (readonly CompiledPolicy[])[];
  principalOrg?: AccountOrganization;
  resourceOrg?: AccountOrganization;
}

const NONE: OrganizationFacts = Object.freeze({});

/**
 * The SCPs of the principal's account (not for its management account, nor for a service-linked role)
 * and the RCPs of the resource's account (for the services RCPs cover; not for a management account's
 * resources, nor for service-linked roles), with both organizations for the OrgID / OrgPaths keys.
 * `principalAccount` is undefined for callers outside IAM (web identities, SAML users), whom SCPs never
 * govern. Answers at once, without a promise, when both accounts' views are in memory (the hot path).
 */
export function organizationFacts(
  orgs: OrganizationPolicies,
  principalAccount: string | undefined,
  resourceAccount: string,
  action: string,
  resource: string,
  serviceLinked: boolean,
): OrganizationFacts | Promise<OrganizationFacts> {
  const principalOrg = principalAccount === undefined ? null : orgs.forAccount(principalAccount);
  const resourceOrg = resourceAccount === principalAccount ? principalOrg : orgs.forAccount(resourceAccount);
  if (principalOrg instanceof Promise || resourceOrg instanceof Promise)
    return Promise.all([principalOrg, resourceOrg]).then(([p, r]) =>
      facts(p, r, principalAccount, action, resource, serviceLinked),
    );
  return facts(principalOrg, resourceOrg, principalAccount, action, resource, serviceLinked);
}

function facts(
  principalOrg: AccountOrganization | null,
  resourceOrg: AccountOrganization | null,
  principalAccount: string | undefined,
  action: string,
  resource: string,
  serviceLinked: boolean,
): OrganizationFacts {
  if (!principalOrg && !resourceOrg) return NONE;
  const out: OrganizationFacts = {};
  if (principalOrg) {
    out.principalOrg = principalOrg;
    if (principalOrg.scp && !serviceLinked) out.scp = principalOrg.scp;
    if (principalOrg.closed && principalAccount !== undefined) out.closedAccount = principalAccount;
  }
  if (resourceOrg) {
    out.resourceOrg = resourceOrg;
    // RCPs govern requests for a resource of a covered service, not the actions without one (`*`)
    if (
      resourceOrg.rcp &&
      !serviceLinked &&
      resource !== '*' &&
      RCP_SERVICES.has(action.slice(0, action.indexOf(':')).toLowerCase())
    )
      out.rcp = resourceOrg.rcp;
  }
  return out;
}
