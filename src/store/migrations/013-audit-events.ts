// Migration 013: the audit trail. One row per CloudTrail record and recipient account, with the
// columns LookupEvents filters on beside the record itself, and one row per distinct resource type and
// name a record names (for the ResourceType and ResourceName lookups). Every lookup reads newest first within an account,
// so each index ends in (event_time, event_id).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_time', 'text', (c) => c.notNull())
    .addColumn('event_source', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('read_only', 'integer', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('access_key_id', 'text')
    .addColumn('error_code', 'text')
    .addColumn('record', 'text', (c) => c.notNull())
    /** The resources LookupEvents lists, as JSON: [{"type":…,"name":…}]. */
    .addColumn('resources', 'text', (c) => c.notNull())
    /** Filled after the call returned, for an event committed with the change it records. */
    .addColumn('response_elements', 'text')
    .addPrimaryKeyConstraint('audit_events_pk', ['account_id', 'event_id'])
    .execute();
  const byTime = (name: string, column?: string) =>
    db.schema
      .createIndex(`audit_events_${name}`)
      .on('audit_events')
      .columns(['account_id', ...(column ? [column] : []), 'event_time', 'event_id'])
      .execute();
  await byTime('time');
  await byTime('name', 'event_name');
  await byTime('source', 'event_source');
  await byTime('user', 'username');
  await byTime('key', 'access_key_id');
  await byTime('read_only', 'read_only');
  // every account's events in time order: log-file delivery, tailing, and pruning by age
  await db.schema
    .createIndex('audit_events_order')
    .on('audit_events')
    .columns(['event_time', 'event_id'])
    .execute();
  await db.schema
    .createTable('audit_event_resources')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_time', 'text', (c) => c.notNull())
    /** 'ResourceType' or 'ResourceName': one row per distinct value of each in an event. */
    .addColumn('attribute', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_event_resources_lookup')
    .on('audit_event_resources')
    .columns(['account_id', 'attribute', 'value', 'event_time', 'event_id'])
    .execute();
  await db.schema
    .createIndex('audit_event_resources_event')
    .on('audit_event_resources')
    .columns(['account_id', 'event_id'])
    .execute();
}
