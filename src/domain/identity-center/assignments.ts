// Account assignments and the asynchronous requests Identity Center answers with: creating an
// assignment (an account of the instance, a user or group of its identity store) provisions the
// permission set to the account when it is not yet; deleting the last assignment of a permission set
// in an account de-provisions it; ProvisionPermissionSet brings one account, or every account the set
// is provisioned to, in step. The work is done inside the request's transaction, so each request is
// recorded with its real final status (SUCCEEDED or FAILED with the reason) for the status operations.
import { randomUUID } from 'node:crypto';
import type { Quotas } from '../../config/index.ts';
import type { IdcInstanceRow, IdcRequestRow, ReadRepos, Repos } from '../../store/index.ts';
import { assignableAccounts } from './instances.ts';
import { permissionSetOf, ssoAdminError } from './permission-sets.ts';
import { deprovisionFromAccount, provisionedRole, provisionToAccount } from './provisioning.ts';

export type PrincipalType = 'USER' | 'GROUP';

/** An assignment as the requests name it. */
export interface AssignmentSpec {
  TargetId: string;
  TargetType: string;
  PermissionSetArn: string;
  PrincipalType: string;
  PrincipalId: string;
}

/** What the status operations read from a request's details. */
export interface RequestDetails {
  TargetId?: string;
  TargetType?: 'AWS_ACCOUNT';
  PermissionSetArn?: string;
  PrincipalType?: PrincipalType;
  PrincipalId?: string;
  AccountId?: string;
}

/** The quotas of each account a request may provision to (read before the transaction). */
export type QuotasOf = (accountId: string) => Quotas;

const invalid = (message: string) => ssoAdminError('ValidationException', message);

/** Checks the target and principal of an assignment; the account must be the instance's. */
async function checkAssignment(
  repos: ReadRepos,
  instance: IdcInstanceRow,
  spec: AssignmentSpec,
): Promise<PrincipalType> {
  if (spec.TargetType !== 'AWS_ACCOUNT') throw invalid('TargetType must be AWS_ACCOUNT.');
  if (!/^\d{12}$/.test(spec.TargetId)) throw invalid(`The target ${spec.TargetId} is not an AWS account id.`);
  if (spec.PrincipalType !== 'USER' && spec.PrincipalType !== 'GROUP')
    throw invalid('PrincipalType must be USER or GROUP.');
  if (!(await assignableAccounts(repos, instance)).includes(spec.TargetId))
    throw invalid(`The account ${spec.TargetId} is not part of the instance's organization.`);
  await permissionSetOf(repos, instance, spec.PermissionSetArn);
  return spec.PrincipalType;
}

async function record(
  repos: Repos,
  instance: IdcInstanceRow,
  kind: IdcRequestRow['kind'],
  details: RequestDetails,
  failure: string | undefined,
  now: Date,
): Promise<IdcRequestRow> {
  const row: IdcRequestRow = {
    request_id: randomUUID(),
    instance_arn: instance.instance_arn,
    kind,
    status: failure === undefined ? 'SUCCEEDED' : 'FAILED',
    failure_reason: failure ?? null,
    details: JSON.stringify(details),
    created_at: now.toISOString(),
  };
  await repos.idcAssignments.insertRequest(row);
  return row;
}

const detailsOf = (spec: AssignmentSpec, principalType: PrincipalType): RequestDetails => ({
  TargetId: spec.TargetId,
  TargetType: 'AWS_ACCOUNT',
  PermissionSetArn: spec.PermissionSetArn,
  PrincipalType: principalType,
  PrincipalId: spec.PrincipalId,
});

/**
 * CreateAccountAssignment: the assignment, with its permission set provisioned to the account when it
 * is not yet; a provisioning failure fails the request and leaves no assignment.
 */
export async function createAccountAssignment(
  repos: Repos,
  instance: IdcInstanceRow,
  spec: AssignmentSpec,
  quotasOf: QuotasOf,
  now: Date,
): Promise<IdcRequestRow> {
  const principalType = await checkAssignment(repos, instance, spec);
  if (
    !(await repos.idcAssignments.principalExists(instance.identity_store_id, principalType, spec.PrincipalId))
  )
    throw ssoAdminError(
      'ResourceNotFoundException',
      `The ${principalType === 'USER' ? 'user' : 'group'} ${spec.PrincipalId} does not exist in identity store ${instance.identity_store_id}.`,
    );
  const ps = await permissionSetOf(repos, instance, spec.PermissionSetArn);
  let failure: string | undefined;
  if (!(await provisionedRole(repos, ps.permission_set_arn, spec.TargetId))) {
    const outcome = await provisionToAccount(
      repos,
      instance,
      ps,
      spec.TargetId,
      quotasOf(spec.TargetId),
      now,
    );
    if (!outcome.ok) failure = outcome.reason;
  }
  if (failure === undefined)
    await repos.idcAssignments.insertAssignment({
      instance_arn: instance.instance_arn,
      account_id: spec.TargetId,
      permission_set_arn: ps.permission_set_arn,
      principal_type: principalType,
      principal_id: spec.PrincipalId,
      created_at: now.toISOString(),
    });
  return record(repos, instance, 'ASSIGNMENT_CREATION', detailsOf(spec, principalType), failure, now);
}

/** DeleteAccountAssignment: the assignment goes; with the last one in the account, the role goes too. */
export async function deleteAccountAssignment(
  repos: Repos,
  instance: IdcInstanceRow,
  spec: AssignmentSpec,
  now: Date,
): Promise<IdcRequestRow> {
  const principalType = await checkAssignment(repos, instance, spec);
  const deleted = await repos.idcAssignments.deleteAssignment({
    instance_arn: instance.instance_arn,
    account_id: spec.TargetId,
    permission_set_arn: spec.PermissionSetArn,
    principal_type: principalType,
    principal_id: spec.PrincipalId,
  });
  if (!deleted) throw ssoAdminError('ResourceNotFoundException', 'The account assignment does not exist.');
  const left = await repos.idcAssignments.assignments({
    instanceArn: instance.instance_arn,
    accountId: spec.TargetId,
    permissionSetArn: spec.PermissionSetArn,
  });
  if (left.length === 0) await deprovisionFromAccount(repos, spec.PermissionSetArn, spec.TargetId);
  return record(repos, instance, 'ASSIGNMENT_DELETION', detailsOf(spec, principalType), undefined, now);
}

/**
 * ProvisionPermissionSet: one account (AWS_ACCOUNT) or every account the permission set is
 * provisioned to (ALL_PROVISIONED_ACCOUNTS) brought in step with it; the first failure fails the request.
 */
export async function provisionPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  target: { type: string; accountId?: string },
  quotasOf: QuotasOf,
  now: Date,
): Promise<IdcRequestRow> {
  const ps = await permissionSetOf(repos, instance, permissionSetArn);
  let accounts: string[];
  if (target.type === 'AWS_ACCOUNT') {
    const accountId = target.accountId;
    if (accountId === undefined || !/^\d{12}$/.test(accountId))
      throw invalid('TargetId must be an AWS account id when TargetType is AWS_ACCOUNT.');
    if (!(await assignableAccounts(repos, instance)).includes(accountId))
      throw invalid(`The account ${accountId} is not part of the instance's organization.`);
    accounts = [accountId];
  } else if (target.type === 'ALL_PROVISIONED_ACCOUNTS') {
    if (target.accountId !== undefined)
      throw invalid('TargetId must not be given with ALL_PROVISIONED_ACCOUNTS.');
    accounts = (await repos.idcAssignments.provisionedOf(permissionSetArn)).map((p) => p.account_id);
  } else throw invalid('TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS.');
  let failure: string | undefined;
  for (const accountId of accounts) {
    const outcome = await provisionToAccount(repos, instance, ps, accountId, quotasOf(accountId), now);
    if (!outcome.ok) {
      failure = outcome.reason;
      break;
    }
  }
  const details: RequestDetails = {
    PermissionSetArn: permissionSetArn,
    ...(target.type === 'AWS_ACCOUNT' ? { AccountId: accounts[0]! } : {}),
  };
  return record(repos, instance, 'PERMISSION_SET_PROVISIONING', details, failure, now);
}

/** Whether each account's role reflects the permission set as it now stands. */
export const provisioningStatus = (provisionedAt: string, updatedAt: string) =>
  provisionedAt >= updatedAt ? 'LATEST_PERMISSION_SET_PROVISIONED' : 'LATEST_PERMISSION_SET_NOT_PROVISIONED';
