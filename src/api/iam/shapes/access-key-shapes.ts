// AWS's shapes of access keys: AccessKeyMetadata (ListAccessKeys, never the secret) and
// AccessKeyLastUsed (GetAccessKeyLastUsed).
import type { AccessKeyLastUsed, AccessKeyMetadata } from '../../../protocol/index.ts';
import type { AccessKeyRow } from '../../../store/index.ts';
import type { KeyOwner } from '../../../domain/index.ts';

/** A key of `owner` as ListAccessKeys lists it. */
export function accessKeyMetadataShape(owner: KeyOwner, row: AccessKeyRow): AccessKeyMetadata {
  return {
    UserName: owner.userName,
    AccessKeyId: row.access_key_id,
    Status: row.status,
    CreateDate: new Date(row.created_at),
  };
}

/** When, for which service and in which region a key was last used; 'N/A' when never, as AWS. */
export function accessKeyLastUsedShape(row: AccessKeyRow): AccessKeyLastUsed {
  if (!row.last_used_at) return { ServiceName: 'N/A', Region: 'N/A' };
  return {
    LastUsedDate: new Date(row.last_used_at),
    ServiceName: row.last_used_service ?? 'N/A',
    Region: row.last_used_region ?? 'N/A',
  };
}
