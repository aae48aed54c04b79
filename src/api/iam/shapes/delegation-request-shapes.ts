// AWS's DelegationRequest shape (GetDelegationRequest, ListDelegationRequests) from a stored request,
// with its state as of now (a request past its expiry reads EXPIRED).
import type { DelegationPermission, DelegationRequest } from '../../../protocol/models/iam-types.ts';
import type { DelegationRequestRow } from '../../../store/index.ts';
import { delegationState } from '../../../domain/index.ts';

export function delegationRequestShape(row: DelegationRequestRow, now: Date): DelegationRequest {
  const optional = <K extends string>(key: K, value: string | null) =>
    value === null ? {} : ({ [key]: value } as Record<K, string>);
  return {
    DelegationRequestId: row.delegation_request_id,
    ...optional('OwnerAccountId', row.owner_account_id),
    Description: row.description,
    ...optional('RequestMessage', row.request_message),
    Permissions: JSON.parse(row.permissions) as DelegationPermission,
    PermissionPolicy: row.permission_policy,
    ...optional('OwnerId', row.owner_id),
    ...optional('ApproverId', row.approver_id),
    State: delegationState(row, now),
    ExpirationTime: new Date(row.expires_at),
    RequestorId: row.requestor_account_id,
    CreateDate: new Date(row.created_at),
    SessionDuration: row.session_duration,
    ...optional('RedirectUrl', row.redirect_url),
    ...optional('Notes', row.notes),
    ...optional('RejectionReason', row.rejection_reason),
    OnlySendByOwner: row.only_send_by_owner === 1,
    UpdatedTime: new Date(row.updated_at),
  };
}
