// AWS's shapes of SAML providers: GetSAMLProvider's answer and ListSAMLProviders' entries.
import type { GetSAMLProviderResponse, SAMLProviderListEntry } from '../../../protocol/index.ts';
import type { SamlProviderRow } from '../../../store/index.ts';
import type { Tag } from '../../../domain/index.ts';

/** GetSAMLProvider's shape. */
export function samlProviderShape(row: SamlProviderRow, tags: readonly Tag[]): GetSAMLProviderResponse {
  return {
    SAMLProviderUUID: row.provider_id,
    SAMLMetadataDocument: row.metadata,
    CreateDate: new Date(row.created_at),
    ValidUntil: new Date(row.valid_until),
    ...(tags.length ? { Tags: [...tags] } : {}),
    ...(row.assertion_encryption_mode
      ? { AssertionEncryptionMode: row.assertion_encryption_mode as 'Required' | 'Allowed' }
      : {}),
  };
}

/** A provider as ListSAMLProviders lists it. */
export const samlProviderListEntryShape = (row: SamlProviderRow): SAMLProviderListEntry => ({
  Arn: row.arn,
  ValidUntil: new Date(row.valid_until),
  CreateDate: new Date(row.created_at),
});
