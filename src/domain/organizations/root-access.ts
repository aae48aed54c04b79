// IAM's centralized root access for an organization: its two features, RootCredentialsManagement and
// RootSessions, and who may read and change them. Every call needs an organization with all features
// and IAM's trusted access (iam.amazonaws.com); the management account and a delegated administrator
// for IAM may read them and turn them off, only the management account may turn them on. The errors
// and their wording are AWS's (IAM API Reference, EnableOrganizationsRootSessions and its siblings).
import { AwsError } from '../../errors.ts';
import type { OrganizationRow, ReadRepos, Repos } from '../../store/index.ts';
import type { RootTaskFeature } from '../root-task-policies.ts';

/** The service principal whose trusted access and delegated administrators centralized root access uses. */
export const IAM_SERVICE_PRINCIPAL = 'iam.amazonaws.com';

export type RootAccessFeature = RootTaskFeature;

/** The organization's column that records each feature. */
const COLUMN = {
  RootCredentialsManagement: 'root_credentials_management',
  RootSessions: 'root_sessions',
} as const satisfies Record<RootAccessFeature, keyof OrganizationRow>;

export interface RootAccessFeatures {
  organizationId: string;
  /** In AWS's order: RootSessions before RootCredentialsManagement. */
  enabledFeatures: RootAccessFeature[];
}

/** The features enabled for the organization, in the order AWS lists them. */
export function enabledRootFeatures(org: OrganizationRow): RootAccessFeature[] {
  const out: RootAccessFeature[] = [];
  if (org.root_sessions) out.push('RootSessions');
  if (org.root_credentials_management) out.push('RootCredentialsManagement');
  return out;
}

/** Whether `feature` is enabled for the organization. */
export const rootFeatureEnabled = (org: OrganizationRow, feature: RootAccessFeature): boolean =>
  org[COLUMN[feature]] === 1;

/** Whether the organization trusts IAM (EnableAWSServiceAccess for iam.amazonaws.com). */
export async function trustsIam(repos: ReadRepos, org: OrganizationRow): Promise<boolean> {
  return (await repos.organizations.serviceAccess(org.org_id)).some(
    (s) => s.service_principal === IAM_SERVICE_PRINCIPAL,
  );
}

/** Whether the account is a delegated administrator for IAM in the organization. */
export async function isIamDelegatedAdministrator(
  repos: ReadRepos,
  org: OrganizationRow,
  accountId: string,
): Promise<boolean> {
  return (await repos.organizations.delegatedAdmins(org.org_id)).some(
    (a) => a.account_id === accountId && a.service_principal === IAM_SERVICE_PRINCIPAL,
  );
}

/**
 * The organization whose root access the account may administer, checked in AWS's order: an
 * organization, with all features, that trusts IAM, of which the account is the management account
 * or (unless `managementOnly`) a delegated administrator for IAM.
 */
export async function rootAccessOrganization(
  repos: ReadRepos,
  accountId: string,
  managementOnly: boolean,
): Promise<OrganizationRow> {
  const org = await repos.organizations.ofAccount(accountId);
  if (!org)
    throw new AwsError(
      'OrganizationNotFoundException',
      'The request was rejected because no organization is associated with your account.',
    );
  if (org.feature_set !== 'ALL')
    throw new AwsError(
      'OrganizationNotInAllFeaturesModeException',
      'The request was rejected because your organization does not have All features enabled.',
    );
  if (!(await trustsIam(repos, org)))
    throw new AwsError(
      'ServiceAccessNotEnabledException',
      `Trusted Access for IAM not enabled by organization of input account ${accountId}.`,
    );
  const management = org.management_account_id === accountId;
  if (!management && !(await isIamDelegatedAdministrator(repos, org, accountId)))
    throw new AwsError(
      'AccountNotManagementOrDelegatedAdministratorException',
      `Input account ${accountId} is neither management account nor delegated admin.`,
    );
  if (managementOnly && !management)
    throw new AwsError(
      'CallerIsNotManagementAccountException',
      `Caller account ${accountId} is not management account of the organization and cannot enable IAM features.`,
    );
  return org;
}

const featuresOf = (org: OrganizationRow): RootAccessFeatures => ({
  organizationId: org.org_id,
  enabledFeatures: enabledRootFeatures(org),
});

/** ListOrganizationsFeatures: for the management account and IAM's delegated administrators. */
export async function listRootFeatures(repos: ReadRepos, accountId: string): Promise<RootAccessFeatures> {
  return featuresOf(await rootAccessOrganization(repos, accountId, false));
}

/**
 * Enable…/Disable… RootCredentialsManagement or RootSessions: enabling is the management account's,
 * disabling a delegated administrator's too. Either is idempotent; the answer lists every enabled
 * feature. Sessions already issued keep working until they expire, as in AWS.
 */
export async function setRootFeature(
  repos: Repos,
  accountId: string,
  feature: RootAccessFeature,
  enabled: boolean,
): Promise<RootAccessFeatures> {
  const org = await rootAccessOrganization(repos, accountId, enabled);
  const value = enabled ? 1 : 0;
  if (org[COLUMN[feature]] === value) return featuresOf(org);
  await repos.organizations.update(org.org_id, { [COLUMN[feature]]: value });
  return featuresOf({ ...org, [COLUMN[feature]]: value });
}
