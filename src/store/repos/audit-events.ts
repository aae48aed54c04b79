// The audit trail's storage: events appended in batches (or inside the transaction of the change they
// record), looked up newest first by one attribute and a time range with keyset paging, read in time
// order for log-file delivery and tailing, and pruned past the retention period.
import { type RawBuilder, sql } from 'kysely';
import { insertRows } from './bulk-insert.ts';
import type { Db } from './db.ts';

/** A stored event, as the audit trail writes and reads it. */
export interface AuditEventRecord {
  /** The recipient account: the one whose trail holds the event. */
  accountId: string;
  eventId: string;
  /** ISO 8601 with milliseconds: the sort key (the record's own eventTime is to the second). */
  eventTime: string;
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  username: string | null;
  accessKeyId: string | null;
  errorCode: string | null;
  /** The CloudTrail record as JSON. */
  record: string;
  /** The resources LookupEvents lists and matches, in the record's order. */
  resources: readonly { type: string; name: string }[];
  /** The call's responseElements as JSON, when set after the event was committed with its change. */
  responseElements?: string | null;
}

/** The attributes LookupEvents accepts, each matched for equality. */
export type LookupAttributeKey =
  | 'EventId'
  | 'EventName'
  | 'ReadOnly'
  | 'Username'
  | 'ResourceType'
  | 'ResourceName'
  | 'EventSource'
  | 'AccessKeyId';

/** Where a page of a newest-first lookup starts: after this event. */
export interface AuditCursor {
  eventTime: string;
  eventId: string;
}

export interface AuditLookup {
  accountId: string;
  attribute?: { key: LookupAttributeKey; value: string };
  /** Inclusive bounds on eventTime (ISO 8601). */
  startTime?: string;
  endTime?: string;
  after?: AuditCursor;
  limit: number;
}

/** Reading the audit trail. */
export interface AuditEventReader {
  /**
   * An account's events matching one attribute (when given) within a time range, newest first (ties by
   * event id, descending), after the cursor event, at most `limit`.
   */
  lookup(query: AuditLookup): Promise<AuditEventRecord[]>;
  /**
   * Events of every account (or one) in time order, from `from` (exclusive of the cursor event) up to
   * `until` (exclusive), at most `limit`: what log-file delivery and `audit tail` read.
   */
  inOrder(query: {
    accountId?: string;
    from?: AuditCursor;
    until?: string;
    limit: number;
  }): Promise<AuditEventRecord[]>;
  /** Events of every account (or one), newest first, before the cursor event, at most `limit`. */
  newest(query: { accountId?: string; before?: AuditCursor; limit: number }): Promise<AuditEventRecord[]>;
}

/** The audit trail, read and written; no cache depends on it, so nothing is announced. */
export interface AuditEventRepo extends AuditEventReader {
  /** Appends events; an event id already stored for the account is a unique violation. */
  insert(records: readonly AuditEventRecord[]): Promise<void>;
  /** Sets the responseElements of an event committed before its call returned. */
  setResponseElements(accountId: string, eventId: string, json: string): Promise<void>;
  /** Deletes at most `limit` events older than `before` (which ones is unspecified); returns how many. */
  pruneBefore(before: string, limit: number): Promise<number>;
}

/**
 * Rows past a cursor in (event_time, event_id) order: before it (`<`, newest first) or after it (`>`).
 * `time` is the column, or an expression of it that no index can use (see lookup).
 */
function beyond(cursor: AuditCursor, op: '<' | '>', time: RawBuilder<string> = sql<string>`event_time`) {
  const { eventTime, eventId } = cursor;
  return sql<boolean>`(${time} ${sql.raw(op)} ${eventTime} or (${time} = ${eventTime} and event_id ${sql.raw(op)} ${eventId}))`;
}

const COLUMN: Record<Exclude<LookupAttributeKey, 'ResourceType' | 'ResourceName'>, string> = {
  EventId: 'event_id',
  EventName: 'event_name',
  ReadOnly: 'read_only',
  Username: 'username',
  EventSource: 'event_source',
  AccessKeyId: 'access_key_id',
};

type EventRow = {
  account_id: string;
  event_id: string;
  event_time: string;
  event_source: string;
  event_name: string;
  read_only: number;
  username: string | null;
  access_key_id: string | null;
  error_code: string | null;
  record: string;
  resources: string;
  response_elements: string | null;
};

function fromRow(row: EventRow): AuditEventRecord {
  return {
    accountId: row.account_id,
    eventId: row.event_id,
    eventTime: row.event_time,
    eventSource: row.event_source,
    eventName: row.event_name,
    readOnly: row.read_only === 1,
    username: row.username,
    accessKeyId: row.access_key_id,
    errorCode: row.error_code,
    record: row.record,
    resources: JSON.parse(row.resources) as AuditEventRecord['resources'],
    responseElements: row.response_elements,
  };
}

/** One row per distinct resource type and name of an event. */
function resourceRows(r: AuditEventRecord) {
  const seen = new Set<string>();
  const rows: {
    account_id: string;
    event_id: string;
    event_time: string;
    attribute: string;
    value: string;
  }[] = [];
  for (const res of r.resources)
    for (const [attribute, value] of [
      ['ResourceType', res.type],
      ['ResourceName', res.name],
    ] as const) {
      const key = `${attribute}\0${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ account_id: r.accountId, event_id: r.eventId, event_time: r.eventTime, attribute, value });
    }
  return rows;
}

/** Rows per INSERT statement: below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

export function auditEventRepo(db: Db): AuditEventRepo {
  return {
    async insert(records) {
      for (let i = 0; i < records.length; i += CHUNK) {
        const chunk = records.slice(i, i + CHUNK);
        await insertRows(
          db,
          'audit_events',
          chunk.map((r) => ({
            account_id: r.accountId,
            event_id: r.eventId,
            event_time: r.eventTime,
            event_source: r.eventSource,
            event_name: r.eventName,
            read_only: r.readOnly ? 1 : 0,
            username: r.username,
            access_key_id: r.accessKeyId,
            error_code: r.errorCode,
            record: r.record,
            resources: JSON.stringify(r.resources),
            response_elements: r.responseElements ?? null,
          })),
        );
        const resources = chunk.flatMap(resourceRows);
        for (let j = 0; j < resources.length; j += CHUNK)
          await insertRows(db, 'audit_event_resources', resources.slice(j, j + CHUNK));
      }
    },

    async setResponseElements(accountId, eventId, json) {
      await db
        .updateTable('audit_events')
        .set({ response_elements: json })
        .where('account_id', '=', accountId)
        .where('event_id', '=', eventId)
        .execute();
    },

    async lookup(q) {
      const attr = q.attribute;
      if (attr && (attr.key === 'ResourceType' || attr.key === 'ResourceName')) {
        let keys = db
          .selectFrom('audit_event_resources')
          .select(['event_id', 'event_time'])
          .where('account_id', '=', q.accountId)
          .where('attribute', '=', attr.key)
          .where('value', '=', attr.value);
        if (q.startTime) keys = keys.where('event_time', '>=', q.startTime);
        if (q.endTime) keys = keys.where('event_time', '<=', q.endTime);
        if (q.after) keys = keys.where(beyond(q.after, '<'));
        const page = await keys
          .orderBy('event_time', 'desc')
          .orderBy('event_id', 'desc')
          .limit(q.limit)
          .execute();
        if (page.length === 0) return [];
        const rows = await db
          .selectFrom('audit_events')
          .selectAll()
          .where('account_id', '=', q.accountId)
          .where(
            'event_id',
            'in',
            page.map((p) => p.event_id),
          )
          .execute();
        const byId = new Map(rows.map((r) => [r.event_id, r]));
        return page.flatMap((p) => {
          const row = byId.get(p.event_id);
          return row ? [fromRow(row)] : [];
        });
      }
      let query = db.selectFrom('audit_events').selectAll().where('account_id', '=', q.accountId);
      if (attr) {
        const column = COLUMN[attr.key as keyof typeof COLUMN] as 'event_name';
        const value = attr.key === 'ReadOnly' ? (attr.value === 'true' ? 1 : 0) : attr.value;
        query = query.where(column, '=', value as string);
      }
      // With an attribute, the time bounds are written so that no index can use them: the planner then
      // takes the attribute's index (equality on two columns, in time order) rather than scanning the
      // account's events by time for the few that match (SQLite, without statistics, does otherwise).
      const time = attr ? sql<string>`(event_time || '')` : sql<string>`event_time`;
      if (q.startTime) query = query.where(time, '>=', q.startTime);
      if (q.endTime) query = query.where(time, '<=', q.endTime);
      if (q.after) query = query.where(beyond(q.after, '<', time));
      const rows = await query
        .orderBy('event_time', 'desc')
        .orderBy('event_id', 'desc')
        .limit(q.limit)
        .execute();
      return rows.map(fromRow);
    },

    async inOrder(q) {
      let query = db.selectFrom('audit_events').selectAll();
      if (q.accountId) query = query.where('account_id', '=', q.accountId);
      if (q.from) query = query.where(beyond(q.from, '>'));
      if (q.until) query = query.where('event_time', '<', q.until);
      const rows = await query
        .orderBy('event_time', 'asc')
        .orderBy('event_id', 'asc')
        .limit(q.limit)
        .execute();
      return rows.map(fromRow);
    },

    async newest(q) {
      let query = db.selectFrom('audit_events').selectAll();
      if (q.accountId) query = query.where('account_id', '=', q.accountId);
      if (q.before) query = query.where(beyond(q.before, '<'));
      const rows = await query
        .orderBy('event_time', 'desc')
        .orderBy('event_id', 'desc')
        .limit(q.limit)
        .execute();
      return rows.map(fromRow);
    },

    async pruneBefore(before, limit) {
      const old = await db
        .selectFrom('audit_events')
        .select(['account_id', 'event_id'])
        .where('event_time', '<', before)
        .limit(limit)
        .execute();
      if (old.length === 0) return 0;
      for (const accountId of new Set(old.map((o) => o.account_id))) {
        const ids = old.filter((o) => o.account_id === accountId).map((o) => o.event_id);
        await db
          .deleteFrom('audit_event_resources')
          .where('account_id', '=', accountId)
          .where('event_id', 'in', ids)
          .execute();
        await db
          .deleteFrom('audit_events')
          .where('account_id', '=', accountId)
          .where('event_id', 'in', ids)
          .execute();
      }
      return old.length;
    },
  };
}
