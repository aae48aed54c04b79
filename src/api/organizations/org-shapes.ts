// Organizations' wire shapes, built from stored rows: Organization, Root, Account,
// OrganizationalUnit, PolicySummary, Handshake.
import {
  accountEmail,
  enabledPolicyTypes,
  organizationArn,
  orgAccountArn,
  orgRootArn,
  orgUnitArn,
} from '../../domain/index.ts';
import type { Org } from '../../protocol/index.ts';
import type { OrgAccountRow, OrganizationRow, OrgUnitRow } from '../../store/index.ts';

type PolicyTypeName = NonNullable<Org.PolicyTypeSummary['Type']>;

function policyTypes(org: OrganizationRow): Org.PolicyTypeSummary[] {
  return enabledPolicyTypes(org).map((t) => ({ Type: t as PolicyTypeName, Status: 'ENABLED' }));
}

export function organizationShape(org: OrganizationRow): Org.Organization {
  return {
    Id: org.org_id,
    Arn: organizationArn(org),
    FeatureSet: org.feature_set,
    MasterAccountArn: orgAccountArn(org, org.management_account_id),
    MasterAccountId: org.management_account_id,
    MasterAccountEmail: accountEmail(org.management_account_id),
    AvailablePolicyTypes: policyTypes(org),
  };
}

export function rootShape(org: OrganizationRow): Org.Root {
  return { Id: org.root_id, Arn: orgRootArn(org, org.root_id), Name: 'Root', PolicyTypes: policyTypes(org) };
}

/** An account; `path` is its place in the tree (`o-…/r-…/ou-…/`) when known. */
export function accountShape(org: OrganizationRow, m: OrgAccountRow, path?: string): Org.Account {
  return {
    Id: m.account_id,
    Arn: orgAccountArn(org, m.account_id),
    Email: m.email,
    Name: m.name,
    Status: m.status,
    // Tessera suspends an account only by closing it, and AWS reports a closed account's State as CLOSED
    State: m.status === 'SUSPENDED' ? 'CLOSED' : m.status,
    ...(path !== undefined ? { Paths: [`${path}${m.account_id}/`] } : {}),
    JoinedMethod: m.joined_method,
    JoinedTimestamp: new Date(m.joined_at),
  };
}

/** An OU; `path` is its parent's place in the tree. */
export function unitShape(org: OrganizationRow, ou: OrgUnitRow, path?: string): Org.OrganizationalUnit {
  return {
    Id: ou.ou_id,
    Arn: orgUnitArn(org, ou.ou_id),
    Name: ou.name,
    ...(path !== undefined ? { Path: `${path}${ou.ou_id}/` } : {}),
  };
}
