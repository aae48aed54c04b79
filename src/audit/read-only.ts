// Whether CloudTrail counts a call as read-only: the calls that read and change nothing (Get*, List*,
// the simulations, the credential and last-accessed reports' Get calls) and AssumeRole and its
// federated forms, which CloudTrail records as reads; GetSessionToken, GetFederationToken and
// AssumeRoot it records as writes (the IAM User Guide's CloudTrail examples).
const READ_ONLY_PREFIXES = ['Get', 'List', 'Simulate', 'Describe', 'Lookup', 'Decode'];

const READ_ONLY_CALLS: ReadonlySet<string> = new Set([
  'AssumeRole',
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
  'Authorize',
]);

const WRITE_CALLS: ReadonlySet<string> = new Set([
  // these generate a report or job: CloudTrail counts them as writes
  'GenerateCredentialReport',
  'GenerateServiceLastAccessedDetails',
  'GenerateOrganizationsAccessReport',
  // these hand out credentials: writes, in CloudTrail's records
  'GetSessionToken',
  'GetFederationToken',
  'AssumeRoot',
]);

export function isReadOnly(eventName: string): boolean {
  if (WRITE_CALLS.has(eventName)) return false;
  return READ_ONLY_CALLS.has(eventName) || READ_ONLY_PREFIXES.some((p) => eventName.startsWith(p));
}

/** The read-only calls whose responseElements CloudTrail still records: those that hand out credentials. */
const CREDENTIAL_CALLS: ReadonlySet<string> = new Set([
  'AssumeRole',
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
  'AssumeRoot',
  'GetSessionToken',
  'GetFederationToken',
]);

/** Whether an event carries the call's responseElements (CloudTrail leaves them null for reads). */
export function recordsResponse(eventName: string): boolean {
  return !isReadOnly(eventName) || CREDENTIAL_CALLS.has(eventName);
}
