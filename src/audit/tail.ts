// Reading the trail as it grows, for `tessera audit tail`: the newest events first shown oldest to
// newest, then every event committed after them, one readable line each, filtered by account, user
// name or denial. It polls the store, so it follows events written by any node.
import type { AuditCursor, AuditEventRecord, Store } from '../store/index.ts';
import type { CloudTrailEvent } from './cloudtrail-event.ts';

export interface TailFilter {
  accountId?: string;
  /** LookupEvents' Username: an IAM user name, a role session name, `root`. */
  user?: string;
  /** Only refusals (errorCode AccessDenied). */
  denied?: boolean;
}

function matches(r: AuditEventRecord, f: TailFilter): boolean {
  if (f.accountId !== undefined && r.accountId !== f.accountId) return false;
  if (f.user !== undefined && r.username !== f.user) return false;
  if (f.denied && r.errorCode !== 'AccessDenied') return false;
  return true;
}

const SOURCE_PREFIX: Readonly<Record<string, string>> = {
  'iam.amazonaws.com': 'iam',
  'sts.amazonaws.com': 'sts',
  'cloudtrail.amazonaws.com': 'cloudtrail',
  'authorize.tessera.internal': 'authorize',
  'credentials.tessera.internal': 'credentials',
};

/** One event as a line: time, account, service:call, who, from where, and how it ended. */
export function tailLine(r: AuditEventRecord): string {
  const e = JSON.parse(r.record) as CloudTrailEvent;
  const id = e.userIdentity;
  const who =
    id.arn ?? (id.invokedBy ? `service ${id.invokedBy}` : `${id.type} ${id.principalId ?? ''}`.trim());
  const source = Object.hasOwn(SOURCE_PREFIX, e.eventSource) ? SOURCE_PREFIX[e.eventSource]! : e.eventSource;
  const outcome = e.errorCode ? `${e.errorCode}: ${e.errorMessage ?? ''}`.trim() : 'OK';
  const sourceIdentity = id.sessionContext?.sourceIdentity;
  return [
    e.eventTime,
    r.accountId,
    `${source}:${e.eventName}`,
    who,
    ...(sourceIdentity !== undefined ? [`sourceIdentity=${sourceIdentity}`] : []),
    `from ${e.sourceIPAddress}`,
    outcome,
  ].join('  ');
}

/**
 * Writes the last `initial` matching events, oldest first; with `follow`, keeps writing new ones every
 * `intervalMs` until `signal` aborts.
 */
export async function tailEvents(
  store: Store,
  filter: TailFilter,
  out: (line: string) => void,
  opts: { initial?: number; follow?: boolean; intervalMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const initial = opts.initial ?? 20;
  const account = filter.accountId !== undefined ? { accountId: filter.accountId } : {};
  // the newest matching events, read newest first a page at a time (a filter may skip many)
  const recent: AuditEventRecord[] = [];
  let before: AuditCursor | undefined;
  let cursor: AuditCursor | undefined;
  for (let pages = 0; recent.length < initial && pages < 100; pages++) {
    const page = await store.read((r) =>
      r.auditEvents.newest({ ...account, ...(before ? { before } : {}), limit: 500 }),
    );
    const top = page[0];
    if (top && !cursor) cursor = { eventTime: top.eventTime, eventId: top.eventId };
    for (const r of page) if (matches(r, filter) && recent.length < initial) recent.push(r);
    const last = page[page.length - 1];
    if (!last || page.length < 500) break;
    before = { eventTime: last.eventTime, eventId: last.eventId };
  }
  for (const r of recent.reverse()) out(tailLine(r));
  // batched events commit up to a second after their time: each poll re-reads a window behind the
  // newest event seen and skips what it already wrote
  const seen = new Map<string, number>();
  let since = cursor ? Date.parse(cursor.eventTime) : 0;
  let first = true;
  while (opts.follow && !opts.signal?.aborted) {
    // the first pass only marks what was there already (shown above, or older than what was shown)
    if (!first) await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 500));
    const from = { eventTime: new Date(since - LATE_WINDOW_MS).toISOString(), eventId: '' };
    for (;;) {
      const page = await store.read((r) => r.auditEvents.inOrder({ ...account, from, limit: 1000 }));
      for (const r of page) {
        if (seen.has(r.eventId)) continue;
        seen.set(r.eventId, Date.parse(r.eventTime));
        since = Math.max(since, Date.parse(r.eventTime));
        if (!first && matches(r, filter)) out(tailLine(r));
      }
      const last = page[page.length - 1];
      if (!last || page.length < 1000) break;
      from.eventTime = last.eventTime;
      from.eventId = last.eventId;
    }
    for (const [id, at] of seen) if (at < since - LATE_WINDOW_MS) seen.delete(id);
    first = false;
  }
}

/** How far behind the newest event a late-committed event can be (twice the batch window). */
const LATE_WINDOW_MS = 2000;
