// The audit trail: CloudTrail-shaped events for every call, how they are built and stored.
export * from './cloudtrail-event.ts';
export { AccessActivityBuffer, trackedEntity } from './access-activity.ts';
export { AuditTrail, type AuditTrailOptions } from './audit-trail.ts';
export { auditRecordOf, type LookupResource } from './audit-rows.ts';
export { lookupResourcesOf } from './lookup-resources.ts';
export { isReadOnly, recordsResponse } from './read-only.ts';
export { type AuditNotes, RequestAudit, type RequestFactsForAudit } from './request-audit.ts';
export { eventElementDate, eventTimeString } from './event-dates.ts';
export { recordAuthorizeDecision, recordWorkloadCredentials } from './service-events.ts';
export {
  awsServiceIdentity,
  lookupUsername,
  samlUser,
  userIdentityOf,
  webIdentityUser,
} from './user-identity.ts';
