// The management account's rule: SCPs never limit the management account of an organization, so it
// should hold no workloads — its users with access keys and its roles (other than AWS's own and
// OrganizationAccountAccessRole) are reported, with the move to a member account as the fix.
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html
import type { AccountSnapshot, SnapshotRole } from './account-snapshot.ts';
import type { Advice } from './advice.ts';
import { aws } from './remediation.ts';
import { type AdviceRule, deleteRoleCommands, finding, fix, keyUse } from './rule-kit.ts';

/** Role paths AWS itself uses (Identity Center's roles, service-linked roles): not workloads. */
const AWS_ROLE_PATHS = ['/aws-reserved/', '/aws-service-role/'];
/** The role Organizations creates in accounts it makes, for the management account to reach them. */
const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';

/** Whether a role of the management account is a workload's rather than AWS's or Organizations'. */
const isWorkloadRole = ({ row }: SnapshotRole) =>
  row.linked_service === null &&
  !AWS_ROLE_PATHS.some((p) => row.path.startsWith(p)) &&
  row.role_name !== ORGANIZATION_ACCESS_ROLE;

export function managementAccountWorkloads(this: AdviceRule, s: AccountSnapshot): Advice[] {
  const org = s.organization;
  if (!org?.isManagement) return [];
  const where = `the management account of organization ${org.orgId}, where no SCP applies`;
  const move = (what: string) =>
    `Move ${what} to a member account (an existing one, or one made with aws organizations create-account), where SCPs can limit it; then remove it here.`;
  const users = s.users
    .filter((u) => u.keys.length > 0)
    .map((user) => {
      const name = user.row.user_name;
      const commands = user.keys.flatMap((k) => [
        aws('iam', 'update-access-key', {
          'user-name': name,
          'access-key-id': k.access_key_id,
          status: 'Inactive',
        }),
        aws('iam', 'delete-access-key', { 'user-name': name, 'access-key-id': k.access_key_id }),
      ]);
      const evidence = user.keys.map((k) => `access key ${k.access_key_id} (${k.status}), ${keyUse(k)}`);
      const message = `User ${name} has access keys in ${where}.`;
      return finding(this, s, user.row.arn, message, evidence, fix(move('the work these keys do'), commands));
    });
  const roles = s.roles.filter(isWorkloadRole).map((role) => {
    const evidence = [
      `path ${role.row.path}, created ${role.row.created_at}`,
      role.row.last_used_at ? `last used ${role.row.last_used_at}` : 'never used',
    ];
    const message = `Role ${role.row.role_name} is a workload's role in ${where}.`;
    return finding(this, s, role.row.arn, message, evidence, fix(move('the role'), deleteRoleCommands(role)));
  });
  return [...users, ...roles];
}
