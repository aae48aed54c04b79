// How an event is stored: one row per recipient account, with the columns LookupEvents filters on
// (user name, access key, read-only, resources) taken from the record so that the two never disagree.
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
