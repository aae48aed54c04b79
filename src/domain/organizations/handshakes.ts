// Invitations (handshakes of action INVITE): the management account invites an existing account that
// belongs to no organization; the invited account accepts (and joins under the root, with the tags the
// invitation carried) or declines; the management account may cancel. An open invitation expires
// after 15 days, and reads as EXPIRED from then on.
import { AwsError } from '../../errors.ts';
import type { OrganizationRow, OrgHandshakeRow, ReadRepos, Repos, TagPair } from '../../store/index.ts';
import { joinOrganization } from './accounts.ts';
import { accountNotFound, invalidOrgInput, notManagement } from './org-errors.ts';
import { newHandshakeId } from './org-ids.ts';
import { checkOrgTags, tagOrgResource } from './org-tags.ts';

/** How long an invitation stays open, as AWS gives it. */
export const HANDSHAKE_LIFETIME_MS = 15 * 24 * 60 * 60 * 1000;

export type HandshakeState = OrgHandshakeRow['state'];

const handshakeNotFound = (): AwsError =>
  new AwsError(
    'HandshakeNotFoundException',
    "We can't find a handshake with the HandshakeId that you specified.",
  );

const alreadyInOrganization = (): AwsError =>
  new AwsError(
    'HandshakeConstraintViolationException',
    'The handshake request is invalid because the invited account is already a member of an organization.',
    { fields: { Reason: 'ALREADY_IN_AN_ORGANIZATION' } },
  );

/** A handshake's state at `now`: an invitation still open past its expiry is EXPIRED. */
export function handshakeState(row: OrgHandshakeRow, now: Date): HandshakeState {
  const open = row.state === 'OPEN' || row.state === 'REQUESTED';
  return open && Date.parse(row.expires_at) <= now.getTime() ? 'EXPIRED' : row.state;
}

/** A handshake the caller may see: the invited account's, or one of its organization's. */
export async function visibleHandshake(
  repos: ReadRepos,
  accountId: string,
  handshakeId: string,
): Promise<OrgHandshakeRow> {
  const row = await repos.organizations.handshake(handshakeId);
  if (!row) throw handshakeNotFound();
  if (row.target_account_id === accountId) return row;
  const org = await repos.organizations.ofAccount(accountId);
  if (org?.org_id !== row.org_id) throw handshakeNotFound();
  return row;
}

/** InviteAccountToOrganization: an account Tessera holds, in no organization, not already invited. */
export async function inviteAccount(
  repos: Repos,
  org: OrganizationRow,
  input: { Target: { Id: string; Type: string }; Notes?: string; Tags?: readonly TagPair[] },
  now: Date,
): Promise<OrgHandshakeRow> {
  if (input.Target.Type !== 'ACCOUNT')
    throw invalidOrgInput(
      'INVALID_PARTY_TYPE_TARGET',
      'You specified the wrong type for the handshake party: Tessera invites an account by its id (Type ACCOUNT).',
    );
  const accountId = input.Target.Id;
  if (!(await repos.accounts.get(accountId))) throw accountNotFound();
  if (await repos.organizations.ofAccount(accountId)) throw alreadyInOrganization();
  const pending = (await repos.organizations.handshakesForAccount(accountId)).some(
    (h) => h.org_id === org.org_id && ['OPEN', 'REQUESTED'].includes(handshakeState(h, now)),
  );
  if (pending)
    throw new AwsError(
      'DuplicateHandshakeException',
      'A handshake with the same action and target already exists. For example, if you invited an account ' +
        'to join your organization, the invited account might already have a pending invitation from this ' +
        'organization. If you intend to resend an invitation to an account, ensure that existing handshakes ' +
        'that might be considered duplicates are canceled or declined.',
    );
  if (input.Tags) checkOrgTags(input.Tags);
  const row: OrgHandshakeRow = {
    handshake_id: newHandshakeId(),
    org_id: org.org_id,
    target_account_id: accountId,
    action: 'INVITE',
    state: 'OPEN',
    notes: input.Notes ?? null,
    requested_at: now.toISOString(),
    expires_at: new Date(now.getTime() + HANDSHAKE_LIFETIME_MS).toISOString(),
  };
  await repos.organizations.insertHandshake(row);
  // the tags wait on the invitation until the account joins
  if (input.Tags?.length) await tagOrgResource(repos, org, row.handshake_id, input.Tags);
  return row;
}

/** Checks that an open handshake may move to `to`, in AWS's two refusals. */
function assertTransition(row: OrgHandshakeRow, to: HandshakeState, now: Date): void {
  const state = handshakeState(row, now);
  if (state === to)
    throw new AwsError(
      'HandshakeAlreadyInStateException',
      "The specified handshake is already in the requested state. For example, you can't accept a handshake " +
        'that was already accepted.',
    );
  if (state !== 'OPEN' && state !== 'REQUESTED')
    throw new AwsError(
      'InvalidHandshakeTransitionException',
      "You can't perform the operation on the handshake in its current state. For example, you can't cancel " +
        'a handshake that was already accepted or accept a handshake that was already declined.',
    );
}

/** The handshake addressed to `accountId`: another account may not answer it. */
async function invitationTo(
  repos: ReadRepos,
  accountId: string,
  handshakeId: string,
): Promise<OrgHandshakeRow> {
  const row = await visibleHandshake(repos, accountId, handshakeId);
  if (row.target_account_id !== accountId) throw notManagement();
  return row;
}

/** AcceptHandshake, by the invited account: it joins the organization under the root. */
export async function acceptHandshake(
  repos: Repos,
  accountId: string,
  handshakeId: string,
  now: Date,
): Promise<OrgHandshakeRow> {
  const row = await invitationTo(repos, accountId, handshakeId);
  assertTransition(row, 'ACCEPTED', now);
  if (await repos.organizations.ofAccount(accountId)) throw alreadyInOrganization();
  const org = await repos.organizations.byId(row.org_id);
  if (!org) throw handshakeNotFound();
  await joinOrganization(repos, org, accountId, now);
  const tags = await repos.tags.list('org-resource', row.handshake_id);
  if (tags.length) await tagOrgResource(repos, org, accountId, tags);
  await repos.tags.removeAll('org-resource', row.handshake_id);
  await moveHandshake(repos, row, 'ACCEPTED');
  return { ...row, state: 'ACCEPTED' };
}

/** DeclineHandshake, by the invited account. */
export async function declineHandshake(
  repos: Repos,
  accountId: string,
  handshakeId: string,
  now: Date,
): Promise<OrgHandshakeRow> {
  const row = await invitationTo(repos, accountId, handshakeId);
  assertTransition(row, 'DECLINED', now);
  await repos.tags.removeAll('org-resource', row.handshake_id);
  await moveHandshake(repos, row, 'DECLINED');
  return { ...row, state: 'DECLINED' };
}

/** CancelHandshake, by the management account of the organization that sent it. */
export async function cancelHandshake(
  repos: Repos,
  org: OrganizationRow,
  handshakeId: string,
  now: Date,
): Promise<OrgHandshakeRow> {
  const row = await repos.organizations.handshake(handshakeId);
  if (row?.org_id !== org.org_id) throw handshakeNotFound();
  assertTransition(row, 'CANCELED', now);
  await repos.tags.removeAll('org-resource', row.handshake_id);
  await moveHandshake(repos, row, 'CANCELED');
  return { ...row, state: 'CANCELED' };
}

/** Moves the handshake on, unless a racing response moved it first (then nothing is changed). */
async function moveHandshake(
  repos: Repos,
  row: OrgHandshakeRow,
  to: OrgHandshakeRow['state'],
): Promise<void> {
  if (!(await repos.organizations.setHandshakeState(row.org_id, row.handshake_id, row.state, to)))
    throw new AwsError(
      'ConcurrentModificationException',
      'The target of the operation is currently being modified by a different request. Try again later.',
    );
}
