// Service-specific credentials of IAM users: a user name and password for CodeCommit and Amazon
// Keyspaces, an API key (a public alias and a secret) for Amazon Bedrock and CloudWatch Logs, which
// may expire after CredentialAgeDays. At most two per user and service. The secret is generated here,
// sealed for storage and shown only by the create and reset responses.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_service-specific-creds.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html
import { randomBytes } from 'node:crypto';
import type { Sealer } from '../crypto/index.ts';
import { AwsError, invalidInput, limitExceeded, noSuchEntity } from '../errors.ts';
import type {
  ReadRepos,
  Repos,
  ServiceSpecificCredentialListing,
  ServiceSpecificCredentialRow,
} from '../store/index.ts';
import type { KeyOwner } from './access-keys.ts';
import { newServiceSpecificCredentialId } from './ids.ts';

/** The purpose a credential's password or API key secret is sealed under. */
export const SERVICE_CREDENTIAL_SECRET_PURPOSE = 'service-specific-credential-secret';

/** AWS's quota: two credentials per user for each service, so that one can be rotated. */
export const SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE = 2;

/** A credential's status as AWS reports it: an API key past its expiration date is Expired. */
export type ServiceCredentialStatus = 'Active' | 'Inactive' | 'Expired';

/** How a service takes its credentials: a user name and password, or an API key. */
interface CredentialService {
  form: 'password' | 'api-key';
  /** What an API key secret starts with, naming its service (as Bedrock's `ABSK…`). */
  secretPrefix: string;
}

/** The services AWS issues service-specific credentials for, by service principal. */
const SERVICES: ReadonlyMap<string, CredentialService> = new Map([
  ['codecommit.amazonaws.com', { form: 'password', secretPrefix: '' }],
  ['cassandra.amazonaws.com', { form: 'password', secretPrefix: '' }],
  ['bedrock.amazonaws.com', { form: 'api-key', secretPrefix: 'ABSK' }],
  ['logs.amazonaws.com', { form: 'api-key', secretPrefix: 'ACWL' }],
]);

/** A credential just created or reset, with the secret that no later call shows. */
export interface IssuedServiceCredential {
  row: ServiceSpecificCredentialRow;
  secret: string;
}

const credentialNotFound = (id: string) => noSuchEntity(`No such credential ${id} exists`);

/** The service's credential form, or NotSupportedService for a service AWS issues none for. */
export function credentialService(serviceName: string): CredentialService {
  const service = SERVICES.get(serviceName);
  if (!service)
    throw new AwsError(
      'NotSupportedService',
      `No such service ${serviceName} is supported for Service Specific Credentials`,
    );
  return service;
}

/** Active or Inactive as set, or Expired once an API key's expiration date has passed. */
export function serviceCredentialStatus(
  row: ServiceSpecificCredentialRow,
  now: Date,
): ServiceCredentialStatus {
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return 'Expired';
  return row.status;
}

/** A new password (44 base64 characters, as AWS's), or an API key secret naming its alias. */
function newSecret(service: CredentialService, alias: string): string {
  const random = randomBytes(32).toString('base64');
  if (service.form === 'password') return random;
  return service.secretPrefix + Buffer.from(`${alias}:${random}`).toString('base64');
}

/**
 * The generated name: `<user>-at-<account>` for a user's first credential for the service, then
 * `<user>+1-at-<account>` for a second one alongside it, as AWS names them.
 */
function generatedName(owner: KeyOwner, taken: readonly ServiceSpecificCredentialRow[]): string {
  const used = new Set(taken.map((r) => r.service_user_name ?? r.service_credential_alias));
  for (let slot = 0; ; slot++) {
    const name = `${owner.userName}${slot === 0 ? '' : `+${slot}`}-at-${owner.accountId}`;
    if (!used.has(name)) return name;
  }
}

/** The owner's credential with this id, or NoSuchEntity (also for another user's credential). */
export async function getOwnedServiceCredential(
  repos: ReadRepos,
  owner: KeyOwner,
  credentialId: string,
): Promise<ServiceSpecificCredentialRow> {
  const row = await repos.serviceSpecificCredentials.get(credentialId);
  if (!row || row.account_id !== owner.accountId || row.user_id !== owner.userId)
    throw credentialNotFound(credentialId);
  return row;
}

/** CreateServiceSpecificCredential: the service check, the per-service quota, a new sealed secret. */
export async function createServiceSpecificCredential(
  repos: Repos,
  sealer: Sealer,
  owner: KeyOwner,
  request: { serviceName: string; credentialAgeDays: number | undefined },
  now: Date,
): Promise<IssuedServiceCredential> {
  const userId = owner.userId;
  if (userId === null) throw invalidInput('Service-specific credentials belong to IAM users.');
  const service = credentialService(request.serviceName);
  if (request.credentialAgeDays !== undefined && service.form !== 'api-key')
    throw invalidInput('CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys.');
  const existing = (await repos.serviceSpecificCredentials.listFor(userId)).filter(
    (r) => r.service_name === request.serviceName,
  );
  if (existing.length >= SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE)
    throw limitExceeded(
      `Cannot exceed quota for ServiceSpecificCredentialsPerUser: ${SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE}`,
    );
  const name = generatedName(owner, existing);
  const secret = newSecret(service, name);
  const expires =
    request.credentialAgeDays === undefined
      ? null
      : new Date(now.getTime() + request.credentialAgeDays * 86_400_000).toISOString();
  const row: ServiceSpecificCredentialRow = {
    credential_id: newServiceSpecificCredentialId(),
    account_id: owner.accountId,
    user_id: userId,
    service_name: request.serviceName,
    service_user_name: service.form === 'password' ? name : null,
    service_credential_alias: service.form === 'api-key' ? name : null,
    secret_sealed: sealer.seal(secret, SERVICE_CREDENTIAL_SECRET_PURPOSE),
    status: 'Active',
    created_at: now.toISOString(),
    expires_at: expires,
  };
  await repos.serviceSpecificCredentials.insert(row);
  return { row, secret };
}

/** ResetServiceSpecificCredential: a new secret replaces the old one at once. */
export async function resetServiceSpecificCredential(
  repos: Repos,
  sealer: Sealer,
  owner: KeyOwner,
  credentialId: string,
): Promise<IssuedServiceCredential> {
  const row = await getOwnedServiceCredential(repos, owner, credentialId);
  const service = credentialService(row.service_name);
  const secret = newSecret(service, row.service_credential_alias ?? row.service_user_name ?? '');
  const sealed = sealer.seal(secret, SERVICE_CREDENTIAL_SECRET_PURPOSE);
  await repos.serviceSpecificCredentials.setSecret(credentialId, sealed);
  return { row: { ...row, secret_sealed: sealed }, secret };
}

export async function setServiceSpecificCredentialStatus(
  repos: Repos,
  owner: KeyOwner,
  credentialId: string,
  status: string,
): Promise<void> {
  const row = await getOwnedServiceCredential(repos, owner, credentialId);
  if (status !== 'Active' && status !== 'Inactive')
    throw invalidInput(`Status must be Active or Inactive, not ${status}.`);
  if (row.status !== status) await repos.serviceSpecificCredentials.setStatus(credentialId, status);
}

export async function deleteServiceSpecificCredential(
  repos: Repos,
  owner: KeyOwner,
  credentialId: string,
): Promise<void> {
  await getOwnedServiceCredential(repos, owner, credentialId);
  await repos.serviceSpecificCredentials.delete(credentialId);
}

/**
 * ListServiceSpecificCredentials: the owner's credentials (none for the account root), or every
 * user's in the account for 'AllUsers'; only the named service's when one is named.
 */
export async function listServiceSpecificCredentials(
  repos: ReadRepos,
  accountId: string,
  scope: KeyOwner | 'AllUsers',
  serviceName: string | undefined,
): Promise<ServiceSpecificCredentialListing[]> {
  if (serviceName !== undefined) credentialService(serviceName);
  let rows: ServiceSpecificCredentialListing[];
  if (scope === 'AllUsers') rows = await repos.serviceSpecificCredentials.listInAccount(accountId);
  else if (scope.userId === null) rows = [];
  else
    rows = (await repos.serviceSpecificCredentials.listFor(scope.userId)).map((r) => ({
      ...r,
      user_name: scope.userName,
    }));
  return serviceName === undefined ? rows : rows.filter((r) => r.service_name === serviceName);
}
