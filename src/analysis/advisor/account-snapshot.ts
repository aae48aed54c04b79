// What the advisor's rules read about one account, loaded once from the store: its users (with their
// access keys, console password, MFA, and the policies that apply to them, group policies included),
// its roles (with their trust and permission policies), the root's access keys, the audit trail's
// events of the look-back window, newest first, and the account's organization context (when it
// belongs to one). The rules themselves never touch the store.
import type {
  AccessKeyUse,
  AuditEventRecord,
  PolicyDocumentRow,
  PolicyHolder,
  ReadRepos,
  ReportAccessKey,
  RoleRow,
  RoleUse,
  Store,
  UserRow,
} from '../../store/index.ts';
import { loadOrganizationContext, type SnapshotOrganization } from './organization-context.ts';

/** An audit event, reduced to what the rules look at. */
export interface SnapshotEvent {
  eventId: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  errorCode: string | null;
  /** CloudTrail's userIdentity.type: Root, IAMUser, AssumedRole … */
  identityType: string;
  identityArn?: string;
  userName?: string;
  accessKeyId?: string;
  sourceIp: string;
  userAgent: string;
  requestParameters: Record<string, unknown>;
}

export interface SnapshotUser {
  row: UserRow;
  /** The user's access keys, oldest first, with buffered last use applied. */
  keys: ReportAccessKey[];
  hasPassword: boolean;
  hasMfa: boolean;
  /** Inline and attached policies of the user and of its groups. */
  policies: PolicyDocumentRow[];
  /** The permissions boundary's document, when the user has one. */
  boundary?: string;
}

export interface SnapshotRole {
  row: RoleRow;
  policies: PolicyDocumentRow[];
  boundary?: string;
}

export interface AccountSnapshot {
  accountId: string;
  now: Date;
  users: SnapshotUser[];
  roles: SnapshotRole[];
  /** The root's access keys. */
  rootKeys: ReportAccessKey[];
  /** Events of the look-back window, newest first (at most `maxEvents`). */
  events: SnapshotEvent[];
  /** True when the window held more events than were read. */
  eventsTruncated: boolean;
  /** The account's organization, its place in it and the SCPs that apply; absent outside one. */
  organization?: SnapshotOrganization;
}

/** Uses recorded in memory and not yet written (a running server's buffers). */
export interface PendingUse {
  key?(accessKeyId: string): AccessKeyUse | undefined;
  role?(roleId: string): RoleUse | undefined;
}

export interface SnapshotOptions {
  now: Date;
  /** How far back the audit trail is read, in days. */
  windowDays: number;
  maxEvents?: number;
  pending?: PendingUse;
}

const PAGE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

async function allPages<T extends { name_key: string }>(
  list: (after: string | undefined) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let after: string | undefined; ;) {
    const page = await list(after);
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.name_key;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The parts of a stored CloudTrail record the rules need; the record is Tessera's own JSON. */
export function snapshotEvent(r: AuditEventRecord): SnapshotEvent {
  const record = JSON.parse(r.record) as Record<string, unknown>;
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  const params = record.requestParameters;
  const event: SnapshotEvent = {
    eventId: r.eventId,
    eventTime: r.eventTime,
    eventName: r.eventName,
    eventSource: r.eventSource,
    errorCode: r.errorCode,
    identityType: text(identity.type) ?? 'Unknown',
    sourceIp: text(record.sourceIPAddress) ?? '',
    userAgent: text(record.userAgent) ?? '',
    requestParameters: params && typeof params === 'object' ? (params as Record<string, unknown>) : {},
  };
  const arn = text(identity.arn);
  if (arn !== undefined) event.identityArn = arn;
  const userName = text(identity.userName);
  if (userName !== undefined) event.userName = userName;
  const accessKeyId = text(identity.accessKeyId) ?? r.accessKeyId ?? undefined;
  if (accessKeyId !== undefined) event.accessKeyId = accessKeyId;
  return event;
}

async function recentEvents(
  repos: ReadRepos,
  accountId: string,
  since: string,
  max: number,
): Promise<{ events: SnapshotEvent[]; truncated: boolean }> {
  const events: SnapshotEvent[] = [];
  let before: { eventTime: string; eventId: string } | undefined;
  for (;;) {
    const page = await repos.auditEvents.newest({
      accountId,
      ...(before ? { before } : {}),
      limit: PAGE,
    });
    for (const r of page) {
      if (r.eventTime < since) return { events, truncated: false };
      if (events.length >= max) return { events, truncated: true };
      events.push(snapshotEvent(r));
    }
    if (page.length < PAGE) return { events, truncated: false };
    const last = page[page.length - 1]!;
    before = { eventTime: last.eventTime, eventId: last.eventId };
  }
}

function withPendingUse(key: ReportAccessKey, pending: PendingUse | undefined): ReportAccessKey {
  const use = pending?.key?.(key.access_key_id);
  if (!use || (key.last_used_at !== null && key.last_used_at >= use.at)) return key;
  return { ...key, last_used_at: use.at, last_used_service: use.service, last_used_region: use.region };
}

async function boundaryOf(repos: ReadRepos, arn: string | null): Promise<string | undefined> {
  return arn === null ? undefined : repos.effectivePolicies.defaultDocument(arn);
}

/** Reads everything the rules need about an account, in one read transaction. */
export async function loadAccountSnapshot(
  store: Store,
  accountId: string,
  options: SnapshotOptions,
): Promise<AccountSnapshot> {
  const since = new Date(options.now.getTime() - options.windowDays * DAY_MS).toISOString();
  return store.read(async (repos) => {
    const credentials = await repos.credentialReports.credentialsOf(accountId);
    const keys = credentials.accessKeys.map((k) => withPendingUse(k, options.pending));
    const passwords = new Set(credentials.loginProfiles.map((p) => p.user_id));
    const mfa = new Set(credentials.mfaUserIds);
    const userRows = await allPages((after) =>
      repos.users.list(accountId, { ...(after ? { after } : {}), limit: PAGE }),
    );
    const users: SnapshotUser[] = [];
    for (const row of userRows) {
      const groups = await repos.effectivePolicies.groupsOf(row.user_id);
      const holders: PolicyHolder[] = [
        { type: 'user', id: row.user_id, arn: row.arn },
        ...groups.map((g) => ({ type: 'group' as const, id: g.group_id, arn: g.arn })),
      ];
      const boundary = await boundaryOf(repos, row.permissions_boundary);
      users.push({
        row,
        keys: keys.filter((k) => k.user_id === row.user_id),
        hasPassword: passwords.has(row.user_id),
        hasMfa: mfa.has(row.user_id),
        policies: await repos.effectivePolicies.documentsFor(holders),
        ...(boundary !== undefined ? { boundary } : {}),
      });
    }
    const roleRows = await allPages((after) =>
      repos.roles.list(accountId, { ...(after ? { after } : {}), limit: PAGE }),
    );
    const roles: SnapshotRole[] = [];
    for (const stored of roleRows) {
      const use = options.pending?.role?.(stored.role_id);
      const row =
        use && (stored.last_used_at === null || stored.last_used_at < use.at)
          ? { ...stored, last_used_at: use.at, last_used_region: use.region }
          : stored;
      const boundary = await boundaryOf(repos, row.permissions_boundary);
      roles.push({
        row,
        policies: await repos.effectivePolicies.documentsFor([
          { type: 'role', id: row.role_id, arn: row.arn },
        ]),
        ...(boundary !== undefined ? { boundary } : {}),
      });
    }
    const { events, truncated } = await recentEvents(repos, accountId, since, options.maxEvents ?? 50_000);
    const organization = await loadOrganizationContext(repos, accountId);
    return {
      accountId,
      now: options.now,
      users,
      roles,
      rootKeys: keys.filter((k) => k.user_id === null),
      events,
      eventsTruncated: truncated,
      ...(organization ? { organization } : {}),
    };
  });
}
