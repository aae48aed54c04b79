// Delegated administrators: member accounts (never the management account, never a closed one) that
// the management account registers for a service, so that they may read the organization as it does.
import { AwsError } from '../../errors.ts';
import type {
  OrganizationRow,
  OrgAccountRow,
  OrgDelegatedAdminRow,
  ReadRepos,
  Repos,
} from '../../store/index.ts';
import { requireMember } from './accounts.ts';
import { constraintViolation } from './org-errors.ts';

const notRegistered = (): AwsError =>
  new AwsError(
    'AccountNotRegisteredException',
    'The specified account is not a delegated administrator for this AWS service.',
  );

/** RegisterDelegatedAdministrator. */
export async function registerDelegatedAdministrator(
  repos: Repos,
  org: OrganizationRow,
  accountId: string,
  servicePrincipal: string,
  now: Date,
): Promise<void> {
  const member = await requireMember(repos, org, accountId);
  if (member.account_id === org.management_account_id)
    throw constraintViolation(
      'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
      'You attempted to register the management account of the organization as a delegated administrator ' +
        'for an AWS service integrated with Organizations. You can designate only a member account as a ' +
        'delegated administrator.',
    );
  if (member.status !== 'ACTIVE')
    throw constraintViolation(
      'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
      'You cannot register a suspended account as a delegated administrator.',
    );
  const admins = await repos.organizations.delegatedAdmins(org.org_id);
  if (admins.some((a) => a.account_id === accountId && a.service_principal === servicePrincipal))
    throw new AwsError(
      'AccountAlreadyRegisteredException',
      'The specified account is already a delegated administrator for this AWS service.',
    );
  await repos.organizations.registerDelegatedAdmin({
    org_id: org.org_id,
    account_id: accountId,
    service_principal: servicePrincipal,
    registered_at: now.toISOString(),
  });
}

/** DeregisterDelegatedAdministrator. */
export async function deregisterDelegatedAdministrator(
  repos: Repos,
  org: OrganizationRow,
  accountId: string,
  servicePrincipal: string,
): Promise<void> {
  await requireMember(repos, org, accountId);
  const admins = await repos.organizations.delegatedAdmins(org.org_id);
  if (!admins.some((a) => a.account_id === accountId && a.service_principal === servicePrincipal))
    throw notRegistered();
  await repos.organizations.deregisterDelegatedAdmin(org.org_id, accountId, servicePrincipal);
}

export interface DelegatedAdministratorEntry {
  member: OrgAccountRow;
  /** When the account first became a delegated administrator (of the service asked about, if one was). */
  enabledAt: string;
}

/** ListDelegatedAdministrators: each account once, ordered by id, optionally for one service only. */
export async function delegatedAdministrators(
  repos: ReadRepos,
  org: OrganizationRow,
  servicePrincipal?: string,
): Promise<DelegatedAdministratorEntry[]> {
  const earliest = new Map<string, string>();
  for (const a of await repos.organizations.delegatedAdmins(org.org_id)) {
    if (servicePrincipal !== undefined && a.service_principal !== servicePrincipal) continue;
    const seen = earliest.get(a.account_id);
    if (seen === undefined || a.registered_at < seen) earliest.set(a.account_id, a.registered_at);
  }
  const out: DelegatedAdministratorEntry[] = [];
  for (const [accountId, enabledAt] of earliest) {
    const member = await repos.organizations.member(accountId);
    if (member?.org_id === org.org_id) out.push({ member, enabledAt });
  }
  return out;
}

/** ListDelegatedServicesForAccount: AccountNotRegisteredException for an account registered for none. */
export async function delegatedServices(
  repos: ReadRepos,
  org: OrganizationRow,
  accountId: string,
): Promise<OrgDelegatedAdminRow[]> {
  await requireMember(repos, org, accountId);
  const services = (await repos.organizations.delegatedAdmins(org.org_id)).filter(
    (a) => a.account_id === accountId,
  );
  if (services.length === 0) throw notRegistered();
  return services;
}
