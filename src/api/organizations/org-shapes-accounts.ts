// Organizations' wire shapes for accounts' comings and goings: CreateAccountStatus, Handshake (an
// invitation, with the parties and resources AWS lists), DelegatedAdministrator and DelegatedService.
import {
  accountEmail,
  handshakeState,
  orgHandshakeArn,
  type DelegatedAdministratorEntry,
} from '../../domain/index.ts';
import type { Org } from '../../protocol/index.ts';
import type {
  OrganizationRow,
  OrgAccountRow,
  OrgCreateAccountRequestRow,
  OrgDelegatedAdminRow,
  OrgHandshakeRow,
} from '../../store/index.ts';
import { accountShape } from './org-shapes.ts';

type FailureReason = NonNullable<Org.CreateAccountStatus['FailureReason']>;

/** A CreateAccount request; `state` overrides the stored one (CreateAccount itself answers IN_PROGRESS). */
export function createAccountStatusShape(
  r: OrgCreateAccountRequestRow,
  state?: Org.CreateAccountStatus['State'],
): Org.CreateAccountStatus {
  if (state === 'IN_PROGRESS')
    return {
      Id: r.request_id,
      AccountName: r.account_name,
      State: state,
      RequestedTimestamp: new Date(r.requested_at),
    };
  return {
    Id: r.request_id,
    AccountName: r.account_name,
    State: r.state,
    RequestedTimestamp: new Date(r.requested_at),
    ...(r.completed_at !== null ? { CompletedTimestamp: new Date(r.completed_at) } : {}),
    ...(r.account_id !== null ? { AccountId: r.account_id } : {}),
    ...(r.failure_reason !== null ? { FailureReason: r.failure_reason as FailureReason } : {}),
  };
}

/**
 * An invitation as AWS shows it: the organization and the invited account as parties; as resources, the
 * organization (with its management account's email and name and its feature set), the account, and the
 * notes when there are any. Its state is read at `now`, so an expired invitation says EXPIRED.
 */
export function handshakeShape(
  org: OrganizationRow,
  management: OrgAccountRow | undefined,
  h: OrgHandshakeRow,
  now: Date,
): Org.Handshake {
  return {
    Id: h.handshake_id,
    Arn: orgHandshakeArn(org, h.handshake_id, h.action),
    Parties: [
      { Id: org.org_id, Type: 'ORGANIZATION' },
      { Id: h.target_account_id, Type: 'ACCOUNT' },
    ],
    State: handshakeState(h, now),
    RequestedTimestamp: new Date(h.requested_at),
    ExpirationTimestamp: new Date(h.expires_at),
    Action: h.action,
    Resources: [
      {
        Type: 'ORGANIZATION',
        Value: org.org_id,
        Resources: [
          { Type: 'MASTER_EMAIL', Value: management?.email ?? accountEmail(org.management_account_id) },
          { Type: 'MASTER_NAME', Value: management?.name ?? org.management_account_id },
          { Type: 'ORGANIZATION_FEATURE_SET', Value: org.feature_set },
        ],
      },
      { Type: 'ACCOUNT', Value: h.target_account_id },
      ...(h.notes !== null ? [{ Type: 'NOTES' as const, Value: h.notes }] : []),
    ],
  };
}

export function delegatedAdministratorShape(
  org: OrganizationRow,
  entry: DelegatedAdministratorEntry,
): Org.DelegatedAdministrator {
  const { Paths: _paths, ...account } = accountShape(org, entry.member);
  return { ...account, DelegationEnabledDate: new Date(entry.enabledAt) };
}

export function delegatedServiceShape(r: OrgDelegatedAdminRow): Org.DelegatedService {
  return { ServicePrincipal: r.service_principal, DelegationEnabledDate: new Date(r.registered_at) };
}
