// An organization's member accounts: made by CreateAccount (a real Tessera account, under the root,
// with OrganizationAccountAccessRole trusting the management account and holding AdministratorAccess),
// joined by invitation, moved between containers, removed or leaving (never the management account,
// nor a delegated administrator), and closed (never the management account).
import type { Quotas } from '../../config/index.ts';
import { AwsError } from '../../errors.ts';
import type {
  OrganizationRow,
  OrgAccountRow,
  OrgCreateAccountRequestRow,
  ReadRepos,
  Repos,
  TagPair,
} from '../../store/index.ts';
import { newAccountId } from '../ids.ts';
import { attachPolicy } from '../policy-attachments.ts';
import { createRole } from '../roles.ts';
import { attachDefaultPolicies } from './default-policies.ts';
import { accountNotFound, constraintViolation } from './org-errors.ts';
import { newCreateAccountRequestId } from './org-ids.ts';
import { accountEmail } from './organization.ts';
import { checkOrgTags, tagOrgResource } from './org-tags.ts';
import { requireContainer } from './tree-paths.ts';

/** The role CreateAccount makes in a new account unless the request names another. */
export const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';
/** The AWS managed policy that role is given. */
export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A member account (the management account included) of this organization; AccountNotFoundException otherwise. */
export async function requireMember(
  repos: ReadRepos,
  org: OrganizationRow,
  accountId: string,
): Promise<OrgAccountRow> {
  const member = await repos.organizations.member(accountId);
  if (member?.org_id !== org.org_id) throw accountNotFound();
  return member;
}

/** The trust policy of OrganizationAccountAccessRole: the management account may assume it. */
export function organizationAccessTrustPolicy(managementAccountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  });
}

export interface NewMemberAccount {
  Email: string;
  AccountName: string;
  RoleName?: string;
  Tags?: readonly TagPair[];
}

/**
 * CreateAccount, carried out at once: the request is recorded as SUCCEEDED with the new account's id,
 * or as FAILED with EMAIL_ALREADY_EXISTS when an account of the organization has that email (AWS
 * reports both through the request's status, never as the call's error). `quotas` are those a new
 * account starts with.
 */
export async function createMemberAccount(
  repos: Repos,
  org: OrganizationRow,
  input: NewMemberAccount,
  quotas: Quotas,
  now: Date,
): Promise<OrgCreateAccountRequestRow> {
  if (input.Tags) checkOrgTags(input.Tags);
  const at = now.toISOString();
  const request: OrgCreateAccountRequestRow = {
    request_id: newCreateAccountRequestId(),
    org_id: org.org_id,
    account_name: input.AccountName,
    state: 'SUCCEEDED',
    requested_at: at,
    completed_at: at,
    account_id: null,
    failure_reason: null,
  };
  const email = input.Email.toLowerCase();
  if ((await repos.organizations.members(org.org_id)).some((m) => m.email.toLowerCase() === email)) {
    const failed = { ...request, state: 'FAILED' as const, failure_reason: 'EMAIL_ALREADY_EXISTS' };
    await repos.organizations.insertCreateAccountRequest(failed);
    return failed;
  }
  let accountId = newAccountId();
  while (await repos.accounts.get(accountId)) accountId = newAccountId();
  await repos.accounts.insert({ account_id: accountId, created_at: at, quotas: null });
  await repos.organizations.insertMember({
    account_id: accountId,
    org_id: org.org_id,
    parent_id: org.root_id,
    name: input.AccountName,
    email: input.Email,
    status: 'ACTIVE',
    joined_method: 'CREATED',
    joined_at: at,
  });
  const role = await createRole(
    repos,
    accountId,
    {
      RoleName: input.RoleName ?? ORGANIZATION_ACCESS_ROLE,
      AssumeRolePolicyDocument: organizationAccessTrustPolicy(org.management_account_id),
    },
    quotas,
    now,
  );
  await attachPolicy(
    repos,
    accountId,
    { type: 'role', id: role.role_id },
    ADMINISTRATOR_ACCESS_ARN,
    quotas,
    now,
  );
  if (input.Tags?.length) await tagOrgResource(repos, org, accountId, input.Tags);
  await attachDefaultPolicies(repos, org, accountId, now);
  const succeeded = { ...request, account_id: accountId };
  await repos.organizations.insertCreateAccountRequest(succeeded);
  return succeeded;
}

/** An invited account joins the organization under its root (AcceptHandshake). */
export async function joinOrganization(
  repos: Repos,
  org: OrganizationRow,
  accountId: string,
  now: Date,
): Promise<void> {
  const alias = await repos.accountAliases.ofAccount(accountId);
  await repos.organizations.insertMember({
    account_id: accountId,
    org_id: org.org_id,
    parent_id: org.root_id,
    name: alias ?? accountId,
    email: accountEmail(accountId),
    status: 'ACTIVE',
    joined_method: 'INVITED',
    joined_at: now.toISOString(),
  });
  await attachDefaultPolicies(repos, org, accountId, now);
}

/** MoveAccount: from the parent it is under to another root or OU of the organization. */
export async function moveMemberAccount(
  repos: Repos,
  org: OrganizationRow,
  input: { AccountId: string; SourceParentId: string; DestinationParentId: string },
): Promise<void> {
  const member = await requireMember(repos, org, input.AccountId);
  await requireContainer(
    repos,
    org,
    input.SourceParentId,
    () =>
      new AwsError(
        'SourceParentNotFoundException',
        "We can't find a source root or OU with the ParentId that you specified.",
      ),
  );
  await requireContainer(
    repos,
    org,
    input.DestinationParentId,
    () =>
      new AwsError(
        'DestinationParentNotFoundException',
        "We can't find the destination container (a root or OU) with the ParentId that you specified.",
      ),
  );
  if (member.parent_id !== input.SourceParentId) throw accountNotFound();
  if (input.SourceParentId === input.DestinationParentId)
    throw new AwsError(
      'DuplicateAccountException',
      'That account is already present in the specified destination.',
    );
  await repos.organizations.updateMember(org.org_id, member.account_id, {
    parent_id: input.DestinationParentId,
  });
}

/** RemoveAccountFromOrganization, by the management account: any member but itself. */
export async function removeMemberAccount(
  repos: Repos,
  org: OrganizationRow,
  accountId: string,
): Promise<void> {
  const member = await requireMember(repos, org, accountId);
  if (member.account_id === org.management_account_id)
    throw constraintViolation(
      'ACCOUNT_CANNOT_LEAVE_ORGANIZATION',
      "You attempted to remove the management account from the organization. You can't remove the " +
        'management account. Instead, after you remove all member accounts, delete the organization itself.',
    );
  await depart(repos, org, member.account_id);
}

/** LeaveOrganization, by a member account itself. */
export async function leaveOrganization(
  repos: Repos,
  org: OrganizationRow,
  accountId: string,
): Promise<void> {
  const member = await requireMember(repos, org, accountId);
  if (member.account_id === org.management_account_id)
    throw new AwsError(
      'MasterCannotLeaveOrganizationException',
      "You can't remove a management account from an organization. If you want the management account to " +
        'become a member account in another organization, you must first delete the current organization ' +
        'of the management account.',
    );
  await depart(repos, org, member.account_id);
}

/** An account leaves the tree: its policy attachments and organization tags go with it. */
async function depart(repos: Repos, org: OrganizationRow, accountId: string): Promise<void> {
  if ((await repos.organizations.delegatedAdmins(org.org_id)).some((a) => a.account_id === accountId))
    throw constraintViolation(
      'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
      'You attempted to remove an account that is registered as a delegated administrator for a service ' +
        'integrated with your organization. To complete this operation, you must first deregister this ' +
        'account as a delegated administrator.',
    );
  await repos.orgPolicies.detachAllFrom(org.org_id, accountId);
  await repos.tags.removeAll('org-resource', accountId);
  await repos.organizations.deleteMember(org.org_id, accountId);
}

/**
 * CloseAccount: the member account's closure completes at once, so it reads as AWS reports a closed
 * account from then on (Status SUSPENDED, State CLOSED). Never the management account.
 */
export async function closeMemberAccount(
  repos: Repos,
  org: OrganizationRow,
  accountId: string,
): Promise<void> {
  const member = await requireMember(repos, org, accountId);
  if (member.account_id === org.management_account_id)
    throw constraintViolation(
      'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
      'You attempted to close the management account. To close the management account for the ' +
        'organization, you must first either remove or close all member accounts in the organization. ' +
        'Follow standard account closure process using root credentials.',
    );
  if (member.status !== 'ACTIVE')
    throw new AwsError(
      'AccountAlreadyClosedException',
      'You attempted to close an account that is already closed.',
    );
  await repos.organizations.updateMember(org.org_id, member.account_id, { status: 'SUSPENDED' });
}

/** A CreateAccount request of this organization; CreateAccountStatusNotFoundException otherwise. */
export async function createAccountRequestOf(
  repos: ReadRepos,
  org: OrganizationRow,
  requestId: string,
): Promise<OrgCreateAccountRequestRow> {
  const request = await repos.organizations.createAccountRequest(requestId);
  if (request?.org_id !== org.org_id)
    throw new AwsError(
      'CreateAccountStatusNotFoundException',
      "We can't find an create account request with the CreateAccountRequestId that you specified.",
    );
  return request;
}
