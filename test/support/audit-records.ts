// Stored audit events for store-level tests: each with its own ordered event id and millisecond,
// a GetCallerIdentity by default, with whatever the test overrides.
import type { AuditEventRecord } from '../../src/store/index.ts';

let serial = 0;

/** A new event of `accountId` (one role resource, user alice) with `overrides` applied. */
export function auditRecord(accountId: string, overrides: Partial<AuditEventRecord> = {}): AuditEventRecord {
  serial += 1;
  const eventId = `00000000-0000-7000-8000-${String(serial).padStart(12, '0')}`;
  return {
    accountId,
    eventId,
    eventTime: new Date(Date.UTC(2030, 0, 1, 0, 0, 0, serial)).toISOString(),
    eventSource: 'sts.amazonaws.com',
    eventName: 'GetCallerIdentity',
    readOnly: true,
    username: 'alice',
    accessKeyId: 'AKIAEXAMPLE000000001',
    errorCode: null,
    record: JSON.stringify({ eventID: eventId, eventName: 'GetCallerIdentity' }),
    resources: [{ type: 'AWS::IAM::Role', name: `arn:aws:iam::${accountId}:role/r${serial}` }],
    ...overrides,
  };
}
