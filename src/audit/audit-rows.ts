// How an event is stored: one row per recipient account, with the columns LookupEvents filters on
// (user name, access key, read-only, resources) taken from the record so that the two never disagree;
// and how a stored row reads back as its CloudTrail record (LookupEvents, log files).
import type { AuditEventRecord } from '../store/index.ts';
import type { CloudTrailEvent } from './cloudtrail-event.ts';
import { lookupUsername } from './user-identity.ts';

/** A resource as LookupEvents lists and matches it: its type and its name (a user name, a role ARN …). */
export interface LookupResource {
  type: string;
  name: string;
}

/** The row of an event for its recipient account. */
export function auditRecordOf(
  event: CloudTrailEvent,
  at: Date,
  resources: readonly LookupResource[],
): AuditEventRecord {
  return {
    accountId: event.recipientAccountId,
    eventId: event.eventID,
    eventTime: at.toISOString(),
    eventSource: event.eventSource,
    eventName: event.eventName,
    readOnly: event.readOnly,
    username: lookupUsername(event.userIdentity) ?? null,
    accessKeyId: event.userIdentity.accessKeyId ?? null,
    errorCode: event.errorCode ?? null,
    record: JSON.stringify(event),
    resources,
  };
}

/**
 * The CloudTrail record of a stored event as JSON, with its responseElements when they were set after
 * the event was committed: what LookupEvents returns as CloudTrailEvent and log files hold in Records.
 */
export function cloudTrailEventJson(r: AuditEventRecord): string {
  if (r.responseElements === null || r.responseElements === undefined) return r.record;
  const record = JSON.parse(r.record) as Record<string, unknown>;
  record.responseElements = JSON.parse(r.responseElements) as unknown;
  return JSON.stringify(record);
}
