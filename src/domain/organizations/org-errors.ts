// Organizations' refusals in AWS's words, shared by every action: no organization, not the
// management account, a constraint with its Reason, targets and parents that do not exist.
import { AwsError } from '../../errors.ts';

export const notInUse = (): AwsError =>
  new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');

/** A member account calling what only the management account may. */
export const notManagement = (): AwsError =>
  new AwsError('AccessDenied', "You don't have permissions to access this resource.", { status: 400 });

/** ConstraintViolationException with AWS's Reason. */
export const constraintViolation = (reason: string, message: string): AwsError =>
  new AwsError('ConstraintViolationException', message, { fields: { Reason: reason } });

/** InvalidInputException with AWS's Reason. */
export const invalidOrgInput = (reason: string, message: string): AwsError =>
  new AwsError('InvalidInputException', message, { fields: { Reason: reason } });

export const targetNotFound = (): AwsError =>
  new AwsError(
    'TargetNotFoundException',
    "We can't find a root, OU, or account with the TargetId that you specified.",
  );
export const parentNotFound = (): AwsError =>
  new AwsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
export const accountNotFound = (): AwsError =>
  new AwsError(
    'AccountNotFoundException',
    "We can't find an AWS account with the AccountId that you specified.",
  );
export const ouNotFound = (): AwsError =>
  new AwsError(
    'OrganizationalUnitNotFoundException',
    "We can't find an OU with the OrganizationalUnitId that you specified.",
  );
export const policyNotFound = (): AwsError =>
  new AwsError('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");
