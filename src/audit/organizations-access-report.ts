// Organizations access reports (GenerateOrganizationsAccessReport, GetOrganizationsAccessReport): for an
// entity of the organization — its root, an OU or an account, named by its path `o-…/r-…/ou-…/ACCOUNT`
// — the services the SCPs that apply there allow (or, given a policy id, that one SCP allows), and for
// each the most recent attempt by principals of the accounts in scope, with how many of those accounts
// attempted it. The management account is never in scope: SCPs do not limit it. Computed at once and
// kept as a job, like the service last accessed reports.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateOrganizationsAccessReport.html
import { allowedActions, SERVICE_CONTROL_POLICY, serviceName } from '../domain/index.ts';
import { AwsError, invalidInput, noSuchEntity } from '../errors.ts';
import { parsePolicy } from '../policy/index.ts';
import type { AccessActivity, LastAccessedJob, OrganizationRow, ReadRepos, Store } from '../store/index.ts';
import type { AccessActivityBuffer } from './access-activity.ts';

/** One allowed service, with its most recent attempt when there was one; times are ISO 8601. */
export interface OrganizationsAccessDetail {
  serviceName: string;
  serviceNamespace: string;
  region?: string;
  /** The path of the account whose principal attempted the service most recently. */
  entityPath?: string;
  lastAuthenticatedTime?: string;
  /** How many accounts in scope have a principal that attempted the service. */
  totalAuthenticatedEntities: number;
}

export interface OrganizationsAccessReport {
  entityPath: string;
  policyId?: string;
  /** Ordered by service namespace. */
  details: OrganizationsAccessDetail[];
}

/** Marks a stored last-accessed job as an Organizations access report (the job's subject). */
export const ORGANIZATIONS_REPORT_SUBJECT = 'organizations-access-report:';

interface Scope {
  /** The nodes from the root down to the entity, each with the path that names it. */
  levels: string[];
  /** The accounts in scope, each with its path. */
  accounts: Map<string, string>;
}

const invalidPath = (path: string) =>
  invalidInput(`Invalid EntityPath ${path}: no such entity in the organization.`);

/** Reads the entity path against the organization tree; the accounts under it, the management account excepted. */
async function scopeOf(repos: ReadRepos, org: OrganizationRow, path: string): Promise<Scope> {
  const parts = path.replace(/\/$/, '').split('/');
  if (parts[0] !== org.org_id || parts[1] !== org.root_id) throw invalidPath(path);
  const levels = [org.root_id];
  let parent = org.root_id;
  let account: string | undefined;
  for (const [i, id] of parts.slice(2).entries()) {
    if (/^\d{12}$/.test(id) && i === parts.length - 3) {
      const member = await repos.organizations.member(id);
      if (member?.org_id !== org.org_id || member.parent_id !== parent) throw invalidPath(path);
      account = id;
      levels.push(id);
      continue;
    }
    const unit = await repos.organizations.unit(id);
    if (!unit || unit.org_id !== org.org_id || unit.parent_id !== parent) throw invalidPath(path);
    levels.push(id);
    parent = id;
  }
  const accounts = new Map<string, string>();
  const prefix = parts.slice(0, account ? -1 : undefined).join('/');
  const add = (id: string, at: string) => {
    if (id !== org.management_account_id) accounts.set(id, `${at}/${id}`);
  };
  if (account) add(account, prefix);
  else {
    const walk = async (nodeId: string, at: string): Promise<void> => {
      for (const m of await repos.organizations.members(org.org_id, nodeId)) add(m.account_id, at);
      for (const u of await repos.organizations.units(org.org_id, nodeId))
        await walk(u.ou_id, `${at}/${u.ou_id}`);
    };
    await walk(parent, prefix);
  }
  return { levels, accounts };
}

/** Services a statement denies whole and without condition (`svc:*` or `*` on `*`). */
function deniedServices(document: string): { all: boolean; services: Set<string> } {
  const out = { all: false, services: new Set<string>() };
  const parsed = parsePolicy(document);
  if (!parsed.ok) return out;
  for (const st of parsed.policy.statements) {
    if (st.effect !== 'Deny' || !st.action || (st.condition?.length ?? 0) > 0) continue;
    if (!st.resource?.values.some((v) => v.value === '*')) continue;
    for (const { value } of st.action.values) {
      if (value === '*') out.all = true;
      else if (/^[\w-]+:\*$/.test(value)) out.services.add(value.slice(0, -2).toLowerCase());
    }
  }
  return out;
}

/** The services every level's SCPs allow (some Allow names an action of it, no Deny removes it whole). */
function allowedServices(levels: readonly (readonly string[])[]): string[] {
  let result: Set<string> | undefined;
  for (const documents of levels) {
    const allowed = new Set(allowedActions(documents).keys());
    for (const d of documents) {
      const denied = deniedServices(d);
      if (denied.all) allowed.clear();
      for (const s of denied.services) allowed.delete(s);
    }
    result = result ? new Set([...result].filter((s) => allowed.has(s))) : allowed;
  }
  return [...(result ?? [])].sort();
}

/** Computes the report of `entityPath` for the organization `callerAccount` manages. */
export async function computeOrganizationsAccessReport(
  store: Store,
  buffer: AccessActivityBuffer | undefined,
  callerAccount: string,
  entityPath: string,
  policyId?: string,
): Promise<OrganizationsAccessReport> {
  await buffer?.flush();
  const { scope, policyLevels, activity } = await store.read(async (repos) => {
    const org = await repos.organizations.managedBy(callerAccount);
    if (!org)
      throw new AwsError(
        'AccessDenied',
        'Only the management account of an organization can generate an Organizations access report.',
      );
    if (!(JSON.parse(org.policy_types) as string[]).includes(SERVICE_CONTROL_POLICY))
      throw invalidInput('SCPs must be enabled for the organization root to generate an access report.');
    const scope = await scopeOf(repos, org, entityPath);
    let policyLevels: string[][];
    if (policyId !== undefined) {
      const policy = await repos.orgPolicies.get(org.org_id, policyId);
      if (!policy || policy.policy_type !== SERVICE_CONTROL_POLICY)
        throw invalidInput(`Invalid OrganizationsPolicyId ${policyId}: no such SCP in the organization.`);
      policyLevels = [[policy.content]];
    } else {
      const attached = await repos.orgPolicies.attachedTo(org.org_id, scope.levels, SERVICE_CONTROL_POLICY);
      policyLevels = scope.levels.map((level) =>
        attached.filter((p) => p.target_id === level).map((p) => p.content),
      );
    }
    const activity: AccessActivity[] = [];
    for (const account of scope.accounts.keys())
      activity.push(...(await repos.accessActivity.forAccount(account)));
    return { scope, policyLevels, activity };
  });
  const pending = [...scope.accounts.keys()].flatMap((a) => buffer?.pendingFor(a) ?? []);
  const uses = [...activity, ...pending];
  const details: OrganizationsAccessDetail[] = [];
  for (const namespace of allowedServices(policyLevels)) {
    const forService = uses.filter((u) => u.serviceNamespace === namespace);
    const last = forService.reduce<AccessActivity | undefined>(
      (a, b) => (a === undefined || b.lastAuthenticated > a.lastAuthenticated ? b : a),
      undefined,
    );
    details.push({
      serviceName: await serviceName(namespace),
      serviceNamespace: namespace,
      totalAuthenticatedEntities: new Set(forService.map((u) => u.accountId)).size,
      ...(last
        ? {
            region: last.region,
            entityPath: scope.accounts.get(last.accountId) ?? '',
            lastAuthenticatedTime: last.lastAuthenticated,
          }
        : {}),
    });
  }
  return { entityPath, ...(policyId !== undefined ? { policyId } : {}), details };
}

/** A stored Organizations access report of the account; NoSuchEntity for any other job id. */
export async function readOrganizationsAccessReport(
  store: Store,
  accountId: string,
  jobId: string,
): Promise<{ job: LastAccessedJob; report: OrganizationsAccessReport }> {
  const job = await store.read((repos) => repos.lastAccessedJobs.get(accountId, jobId));
  if (!job || !job.arn.startsWith(ORGANIZATIONS_REPORT_SUBJECT))
    throw noSuchEntity(`The job with ID ${jobId} cannot be found.`);
  return { job, report: JSON.parse(job.result) as OrganizationsAccessReport };
}
