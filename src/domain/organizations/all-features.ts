// EnableAllFeatures: an organization made with consolidated billing only moves to all features. AWS sends
// an ENABLE_ALL_FEATURES handshake to every invited member account and finalizes once all have accepted;
// accounts the organization created are not asked ("approval is inferred", AWS's Handshake reference).
// Tessera's handshakes are invitations only, so it completes the change at once when no invited member
// account would have to approve it (the management account alone, or with accounts it created), records
// an accepted ENABLE_ALL_FEATURES handshake addressed to the management account, and refuses otherwise.
import { AwsError } from '../../errors.ts';
import type { OrganizationRow, OrgHandshakeRow, Repos } from '../../store/index.ts';
import { HANDSHAKE_LIFETIME_MS } from './handshakes.ts';
import { newHandshakeId } from './org-ids.ts';

export async function enableAllFeatures(
  repos: Repos,
  org: OrganizationRow,
  now: Date,
): Promise<{ org: OrganizationRow; handshake: OrgHandshakeRow }> {
  if ((org.feature_set as string) === 'ALL')
    throw new AwsError(
      'HandshakeConstraintViolationException',
      'The handshake request is invalid because the organization has already enabled all features.',
      { fields: { Reason: 'ORGANIZATION_ALREADY_HAS_ALL_FEATURES' } },
    );
  const members = await repos.organizations.members(org.org_id);
  const invited = members.filter(
    (m) => m.account_id !== org.management_account_id && m.joined_method === 'INVITED',
  );
  if (invited.length > 0)
    throw new AwsError(
      'HandshakeConstraintViolationException',
      `Enabling all features needs the approval of the ${invited.length} invited member account(s) ` +
        `(${invited.map((m) => m.account_id).join(', ')}) through ENABLE_ALL_FEATURES handshakes, which ` +
        'Tessera does not send: remove them, enable all features, and invite them again.',
    );
  await repos.organizations.update(org.org_id, { feature_set: 'ALL' });
  const handshake: OrgHandshakeRow = {
    handshake_id: newHandshakeId(),
    org_id: org.org_id,
    target_account_id: org.management_account_id,
    action: 'ENABLE_ALL_FEATURES',
    state: 'ACCEPTED',
    notes: null,
    requested_at: now.toISOString(),
    expires_at: new Date(now.getTime() + HANDSHAKE_LIFETIME_MS).toISOString(),
  };
  await repos.organizations.insertHandshake(handshake);
  return { org: { ...org, feature_set: 'ALL' }, handshake };
}
