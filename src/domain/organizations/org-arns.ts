// ARNs of Organizations' resources, all in the management account's name (AWS's own policies in
// `aws`'s): organization, root, OU, account, policy, handshake and resource (delegation) policy.
import type { OrganizationRow } from '../../store/index.ts';

type Org = Pick<OrganizationRow, 'org_id' | 'management_account_id'>;
const base = (org: Org) => `arn:aws:organizations::${org.management_account_id}`;

export const organizationArn = (org: Org): string => `${base(org)}:organization/${org.org_id}`;
export const orgRootArn = (org: Org, rootId: string): string => `${base(org)}:root/${org.org_id}/${rootId}`;
export const orgUnitArn = (org: Org, ouId: string): string => `${base(org)}:ou/${org.org_id}/${ouId}`;
export const orgAccountArn = (org: Org, accountId: string): string =>
  `${base(org)}:account/${org.org_id}/${accountId}`;
/** A handshake's ARN: `…:handshake/o-…/invite/h-…`, the action lower-cased (`enable_all_features`). */
export const orgHandshakeArn = (org: Org, handshakeId: string, action = 'INVITE'): string =>
  `${base(org)}:handshake/${org.org_id}/${action.toLowerCase()}/${handshakeId}`;
export const orgResourcePolicyArn = (org: Org, policyId: string): string =>
  `${base(org)}:resourcepolicy/${org.org_id}/${policyId}`;

/** A policy's ARN: `…:policy/o-…/service_control_policy/p-…`, or AWS's own under account `aws`. */
export function orgPolicyArn(org: Org, policyType: string, policyId: string, awsManaged: boolean): string {
  const type = policyType.toLowerCase();
  return awsManaged
    ? `arn:aws:organizations::aws:policy/${type}/${policyId}`
    : `${base(org)}:policy/${org.org_id}/${type}/${policyId}`;
}
