// The audit trail: CloudTrail-shaped events for every call, how they are built and stored.
export * from './cloudtrail-event.ts';
export { AccessActivityBuffer, trackedEntity } from './access-activity.ts';
export {
  activityOf,
  computeLastAccessedReport,
  type EntityLastAccess,
  entityLastAccess,
  type LastAccessedReport,
  readLastAccessedJob,
  type ReportAction,
  type ReportService,
} from './last-accessed-report.ts';
export { AuditTrail, type AuditTrailOptions } from './audit-trail.ts';
export {
  AuditDelivery,
  type AuditDeliveryOptions,
  DEFAULT_BUCKET,
  DEFAULT_TRAIL_NAME,
  type DeliveryReport,
} from './delivery.ts';
export { publicKeyList, readPublicKeys, type PublicKeyEntry } from './signing-keys.ts';
export {
  accountsInDirectory,
  formatVerifyResult,
  hasProblems,
  verifyLogs,
  type VerifyOptions,
  type VerifyResult,
} from './verify-logs.ts';
export { auditRecordOf, cloudTrailEventJson, type LookupResource } from './audit-rows.ts';
export { lookupResourcesOf } from './lookup-resources.ts';
export { recordConsoleEnableMfa, recordConsoleMfaEnrolment } from './console-enrolment-events.ts';
export { isReadOnly, recordsResponse } from './read-only.ts';
export { type AuditNotes, RequestAudit, type RequestFactsForAudit } from './request-audit.ts';
export { eventElementDate, eventTimeString } from './event-dates.ts';
export {
  identityCenterUser,
  recordAuthorizeDecision,
  recordIdentityCenterSignIn,
  recordConsoleLogin,
  recordPortalRoleCredentials,
  recordWorkloadCredentials,
} from './service-events.ts';
export {
  awsServiceIdentity,
  lookupUsername,
  samlUser,
  userIdentityOf,
  webIdentityUser,
} from './user-identity.ts';
export { tailEvents } from './tail.ts';
export {
  computeOrganizationsAccessReport,
  ORGANIZATIONS_REPORT_SUBJECT,
  readOrganizationsAccessReport,
} from './organizations-access-report.ts';
export type { OrganizationsAccessDetail, OrganizationsAccessReport } from './organizations-access-report.ts';
