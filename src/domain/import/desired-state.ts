// What an account must hold once a dump is imported: the rows of its users, groups, roles, instance
// profiles and customer managed policies (with AWS's ids, ARNs and dates), and what hangs off each
// (inline policies, attachments, memberships, tags), plus the AWS managed policies the dump uses.
import type {
  GroupRow,
  InstanceProfileRow,
  ManagedPolicyRow,
  PolicyVersionRow,
  RoleRow,
  UserRow,
} from '../../store/index.ts';
import type { Tag } from '../tags.ts';

/** Where in the dump an entity comes from, e.g. `UserDetailList[3] (alice)`: errors start with it. */
export interface Located {
  where: string;
}

export interface DesiredInlinePolicy {
  name: string;
  document: string;
}

/** What users, groups and roles share: inline policies and attached managed policies (by ARN). */
export interface DesiredPolicyHolder extends Located {
  inline: DesiredInlinePolicy[];
  /** ARNs as the account sees them: its own policies' ARNs, or AWS managed ones. */
  attached: string[];
}

export interface DesiredUser extends DesiredPolicyHolder {
  row: UserRow;
  /** The ids of the groups the user belongs to. */
  groupIds: string[];
  tags: Tag[];
}

export interface DesiredGroup extends DesiredPolicyHolder {
  row: GroupRow;
}

export interface DesiredRole extends DesiredPolicyHolder {
  row: RoleRow;
  /** Which of these the dump says (RoleDetail has neither): what it does not say is kept on re-import. */
  given: { description: boolean; maxSessionDuration: boolean };
  tags: Tag[];
}

export interface DesiredInstanceProfile extends Located {
  row: InstanceProfileRow;
  /** The role the profile holds (the one whose InstanceProfileList lists it). */
  roleId: string;
  tags: Tag[];
}

export interface DesiredPolicy extends Located {
  row: ManagedPolicyRow;
  /** Every version, oldest first. */
  versions: PolicyVersionRow[];
}

export interface DesiredAccount {
  /** The Tessera account the dump goes into. */
  accountId: string;
  /** The AWS account the dump's ARNs name. */
  dumpAccountId: string;
  users: DesiredUser[];
  groups: DesiredGroup[];
  roles: DesiredRole[];
  instanceProfiles: DesiredInstanceProfile[];
  /** Customer managed policies. */
  policies: DesiredPolicy[];
  /** AWS managed policies the dump includes (with their documents), by ARN. */
  awsPolicies: Map<string, DesiredPolicy>;
  /** AWS managed policies attached or used as boundaries, by ARN, with the first place using each. */
  awsReferences: Map<string, string>;
}
