// SSO Admin through the real @aws-sdk/client-sso-admin against a test server: the client, and what
// Identity Center tests do over and over with it: assigning a permission set to a user or a group in
// an account (and removing the assignment), and reading the accounts a permission set is provisioned to.
import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { Credentials, TestServer } from './test-server.ts';

/** An SSO Admin client of the test server, as `creds` (the management account's root by default). */
export const ssoAdminClient = (t: TestServer, creds: Credentials = t.root): SSOAdminClient =>
  new SSOAdminClient({ endpoint: t.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });

/** One account assignment: a permission set, for a user or group, in an account. */
export interface Assignment {
  instanceArn: string;
  account: string;
  permissionSetArn: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

/** The request of CreateAccountAssignment and DeleteAccountAssignment for an assignment. */
export const assignmentRequest = (a: Assignment) => ({
  InstanceArn: a.instanceArn,
  TargetType: 'AWS_ACCOUNT' as const,
  TargetId: a.account,
  PermissionSetArn: a.permissionSetArn,
  PrincipalType: a.principalType,
  PrincipalId: a.principalId,
});

/** CreateAccountAssignment: the request's status. */
export async function assign(admin: SSOAdminClient, a: Assignment) {
  return (await admin.send(new CreateAccountAssignmentCommand(assignmentRequest(a))))
    .AccountAssignmentCreationStatus!;
}

/** DeleteAccountAssignment: the request's status. */
export async function unassign(admin: SSOAdminClient, a: Assignment) {
  return (await admin.send(new DeleteAccountAssignmentCommand(assignmentRequest(a))))
    .AccountAssignmentDeletionStatus!;
}

/** The accounts a permission set is provisioned to (ListAccountsForProvisionedPermissionSet). */
export async function provisionedAccounts(
  admin: SSOAdminClient,
  instanceArn: string,
  permissionSetArn: string,
) {
  return (
    await admin.send(
      new ListAccountsForProvisionedPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: permissionSetArn,
      }),
    )
  ).AccountIds;
}
