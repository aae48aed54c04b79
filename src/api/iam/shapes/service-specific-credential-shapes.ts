// AWS's shapes of service-specific credentials: ServiceSpecificCredential (Create and Reset, the only
// responses with the secret) and ServiceSpecificCredentialMetadata (ListServiceSpecificCredentials).
import type {
  ServiceSpecificCredential,
  ServiceSpecificCredentialMetadata,
} from '../../../protocol/index.ts';
import type { ServiceSpecificCredentialRow } from '../../../store/index.ts';
import { serviceCredentialStatus } from '../../../domain/index.ts';

/** The credential without its secret: the members both shapes share. */
export function serviceSpecificCredentialMetadataShape(
  userName: string,
  row: ServiceSpecificCredentialRow,
  now: Date,
): ServiceSpecificCredentialMetadata {
  return {
    UserName: userName,
    Status: serviceCredentialStatus(row, now),
    ServiceUserName: row.service_user_name ?? undefined,
    ServiceCredentialAlias: row.service_credential_alias ?? undefined,
    CreateDate: new Date(row.created_at),
    ExpirationDate: row.expires_at === null ? undefined : new Date(row.expires_at),
    ServiceSpecificCredentialId: row.credential_id,
    ServiceName: row.service_name,
  };
}

/** The credential with the secret just generated: a ServicePassword, or an API key's secret. */
export function serviceSpecificCredentialShape(
  userName: string,
  row: ServiceSpecificCredentialRow,
  secret: string,
  now: Date,
): ServiceSpecificCredential {
  const apiKey = row.service_credential_alias !== null;
  return {
    ...serviceSpecificCredentialMetadataShape(userName, row, now),
    ServicePassword: apiKey ? undefined : secret,
    ServiceCredentialSecret: apiKey ? secret : undefined,
  };
}
