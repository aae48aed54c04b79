// Service last accessed reports: for each service the subject's policies allow, when the users and
// roles it covers last attempted it (allowed or denied), from which entity and region, and how many of
// them did; at ACTION_LEVEL, the same for each allowed action of every service they used. The report
// is computed once, from the stored activity plus what the buffer has not written yet, and kept as JSON.
import {
  allowedActionNames,
  allowedActions,
  type LastAccessedSubject,
  serviceName,
  type TrackedEntity,
} from '../domain/index.ts';
import { noSuchEntity } from '../errors.ts';
import type { AccessActivity, Store, LastAccessedGranularity, LastAccessedJob } from '../store/index.ts';
import type { AccessActivityBuffer } from './access-activity.ts';
import { ORGANIZATIONS_REPORT_SUBJECT } from './organizations-access-report.ts';

/** One action's last attempt (only the name when nobody attempted it). */
export interface ReportAction {
  actionName: string;
  lastAccessedTime?: string;
  lastAccessedEntity?: string;
  lastAccessedRegion?: string;
}

/** One service of the report; times are ISO 8601. */
export interface ReportService {
  serviceNamespace: string;
  serviceName: string;
  lastAuthenticated?: string;
  lastAuthenticatedEntity?: string;
  lastAuthenticatedRegion?: string;
  /** How many of the covered users and roles attempted the service. */
  totalAuthenticatedEntities: number;
  /** ACTION_LEVEL, for a service the covered entities used: each allowed action, by name. */
  trackedActions?: ReportAction[];
  /** Each covered entity's last attempt at the service, by ARN. */
  lastByEntity: Record<string, string>;
}

export interface LastAccessedReport {
  /** The users and roles the report covers. */
  entities: TrackedEntity[];
  /** Ordered by service namespace. */
  services: ReportService[];
}

/** One covered entity's last attempt at a service, for GetServiceLastAccessedDetailsWithEntities. */
export interface EntityLastAccess {
  entity: TrackedEntity;
  lastAuthenticated?: string;
}

/**
 * The activity of the given entities: written first whatever the buffer holds (so that calls made
 * just before are in), then read, with any use buffered meanwhile added.
 */
export async function activityOf(
  store: Store,
  buffer: AccessActivityBuffer | undefined,
  accountId: string,
  entityArns: readonly string[],
): Promise<AccessActivity[]> {
  await buffer?.flush();
  const stored = await store.read((repos) => repos.accessActivity.forEntities(accountId, entityArns));
  const wanted = new Set(entityArns);
  const pending = buffer?.pendingFor(accountId).filter((u) => wanted.has(u.entityArn)) ?? [];
  return [...stored, ...pending];
}

const later = (a: AccessActivity | undefined, b: AccessActivity): boolean =>
  a === undefined || b.lastAuthenticated > a.lastAuthenticated;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Computes the report of `subject` from the activity of the entities it covers. */
export async function computeLastAccessedReport(
  subject: LastAccessedSubject,
  activity: readonly AccessActivity[],
  granularity: LastAccessedGranularity,
): Promise<LastAccessedReport> {
  const covered = new Set(subject.entities.map((e) => e.arn));
  const usesByService = new Map<string, AccessActivity[]>();
  for (const u of activity) {
    if (!covered.has(u.entityArn)) continue;
    const list = usesByService.get(u.serviceNamespace) ?? [];
    list.push(u);
    usesByService.set(u.serviceNamespace, list);
  }
  const allowed = allowedActions(subject.policies.map((p) => p.document));
  const services: ReportService[] = [];
  for (const namespace of [...allowed.keys()].sort(byKey)) {
    const uses = usesByService.get(namespace) ?? [];
    let last: AccessActivity | undefined;
    const lastByEntity: Record<string, string> = {};
    for (const u of uses) {
      if (later(last, u)) last = u;
      const seen = lastByEntity[u.entityArn];
      if (seen === undefined || u.lastAuthenticated > seen) lastByEntity[u.entityArn] = u.lastAuthenticated;
    }
    const service: ReportService = {
      serviceNamespace: namespace,
      serviceName: await serviceName(namespace),
      ...(last
        ? {
            lastAuthenticated: last.lastAuthenticated,
            lastAuthenticatedEntity: last.entityArn,
            lastAuthenticatedRegion: last.region,
          }
        : {}),
      totalAuthenticatedEntities: Object.keys(lastByEntity).length,
      lastByEntity,
    };
    if (granularity === 'ACTION_LEVEL' && uses.length > 0)
      service.trackedActions = trackedActions(namespace, allowed.get(namespace)!, uses);
    services.push(service);
  }
  return { entities: subject.entities, services };
}

/** Each allowed action of a used service with its last attempt, ordered by name. */
function trackedActions(
  namespace: string,
  allowed: 'all' | Set<string>,
  uses: readonly AccessActivity[],
): ReportAction[] {
  const lastByAction = new Map<string, AccessActivity>();
  for (const u of uses) {
    const key = u.actionName.toLowerCase();
    if (later(lastByAction.get(key), u)) lastByAction.set(key, u);
  }
  const names = new Map<string, string>();
  for (const n of allowedActionNames(namespace, allowed)) names.set(n.toLowerCase(), n);
  // a service the catalogue does not know: the actions as they were requested
  if (names.size === 0) for (const [key, u] of lastByAction) names.set(key, u.actionName);
  return [...names]
    .sort((a, b) => byKey(a[1], b[1]))
    .map(([key, actionName]) => {
      const u = lastByAction.get(key);
      return u
        ? {
            actionName,
            lastAccessedTime: u.lastAuthenticated,
            lastAccessedEntity: u.entityArn,
            lastAccessedRegion: u.region,
          }
        : { actionName };
    });
}

/**
 * The covered entities with their last attempt at a service: the most recent first, then those that
 * never attempted it, by name.
 */
export function entityLastAccess(report: LastAccessedReport, namespace: string): EntityLastAccess[] {
  const service = report.services.find((s) => s.serviceNamespace === namespace.toLowerCase());
  const rows: EntityLastAccess[] = report.entities.map((entity) => {
    const at = service?.lastByEntity[entity.arn];
    return at === undefined ? { entity } : { entity, lastAuthenticated: at };
  });
  return rows.sort((a, b) => {
    if (a.lastAuthenticated !== b.lastAuthenticated) {
      if (a.lastAuthenticated === undefined) return 1;
      if (b.lastAuthenticated === undefined) return -1;
      return byKey(b.lastAuthenticated, a.lastAuthenticated);
    }
    return byKey(a.entity.name, b.entity.name) || byKey(a.entity.arn, b.entity.arn);
  });
}

/** A job of the account with its report; NoSuchEntity for an id the account never generated. */
export async function readLastAccessedJob(
  store: Store,
  accountId: string,
  jobId: string,
): Promise<{ job: LastAccessedJob; report: LastAccessedReport }> {
  const job = await store.read((repos) => repos.lastAccessedJobs.get(accountId, jobId));
  // an Organizations access report's job is read by GetOrganizationsAccessReport only
  if (!job || job.arn.startsWith(ORGANIZATIONS_REPORT_SUBJECT))
    throw noSuchEntity(`The job with ID ${jobId} cannot be found.`);
  return { job, report: JSON.parse(job.result) as LastAccessedReport };
}
