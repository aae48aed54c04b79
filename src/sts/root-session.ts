// AssumeRoot's rules: the TargetPrincipal (a member account, by id or root ARN) and TaskPolicyArn (one
// of AWS's root task policies) it accepts; who may ask (an IAM principal of the management account or
// of a delegated administrator for IAM, about another account of the same organization); what the
// organization must have enabled (IAM's trusted access, and the task's feature: RootCredentialsManagement
// for the IAM tasks, RootSessions for the S3 and SQS ones); and the session it issues, a root session
// of the member account limited by the task policy. Messages are AWS's, as its STS endpoint words them.
import type { Services } from '../services.ts';
import {
  type Principal,
  type RootTaskPolicy,
  isIamDelegatedAdministrator,
  rootArn,
  rootFeatureEnabled,
  rootTaskPolicy,
  trustsIam,
} from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import type { OrganizationRow, ReadRepos } from '../store/index.ts';
import { mintCredentials, type IssuedCredentials, type UnsealedClaims } from './issue-session.ts';

/** AssumeRoot's sessions last at most 15 minutes, and that long by default. */
export const ROOT_TASK_SESSION_SECONDS = 900;

const TARGET = /^(?:(\d{12})|arn:aws:iam::(\d{12}):root)$/;

/** The member account TargetPrincipal names (its id, or its root's ARN); ValidationError otherwise. */
export function targetAccountOf(targetPrincipal: string): string {
  const m = TARGET.exec(targetPrincipal);
  const account = m?.[1] ?? m?.[2];
  if (account === undefined)
    throw new AwsError('ValidationError', 'Request must contain a valid target principal');
  return account;
}

/** A task AssumeRoot was asked for: its task policy's ARN, and the feature it needs. */
export interface RootTask {
  arn: string;
  feature: RootTaskPolicy['feature'];
}

/** The root task policy TaskPolicyArn names; ValidationError for anything else. */
export function taskPolicyOf(arn: string | undefined): RootTask {
  if (arn === undefined)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'taskPolicyArn' failed to satisfy constraint: Member must not be null",
    );
  const task = rootTaskPolicy(arn);
  if (!task) throw new AwsError('ValidationError', 'Request must contain valid AWS managed task policy ARN');
  return { arn, feature: task.feature };
}

/** The AccessDenied AWS gives every caller that may not have a root session of the target. */
export function notAuthorizedForRoot(caller: Principal, targetAccountId: string): AwsError {
  return new AwsError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRoot on resource: ${rootArn(targetAccountId)}`,
  );
}

/**
 * The organization in which `caller` may ask for a root session of `targetAccountId`: the caller is an
 * IAM principal (never a root, with long-term keys or a session) of its management account or of a
 * delegated administrator for IAM, and the target is another account of it, not the management
 * account. Anything else is the same AccessDenied, so that the answer says nothing of the target.
 */
export async function rootSessionOrganization(
  repos: ReadRepos,
  caller: Principal,
  targetAccountId: string,
): Promise<OrganizationRow> {
  const denied = () => notAuthorizedForRoot(caller, targetAccountId);
  if (caller.type === 'root') throw denied();
  const org = await repos.organizations.ofAccount(caller.accountId);
  if (!org || org.feature_set !== 'ALL') throw denied();
  const administers =
    org.management_account_id === caller.accountId ||
    (await isIamDelegatedAdministrator(repos, org, caller.accountId));
  if (!administers || targetAccountId === org.management_account_id) throw denied();
  const member = await repos.organizations.member(targetAccountId);
  if (member?.org_id !== org.org_id) throw denied();
  return org;
}

/** What the organization must have enabled for the task: IAM's trusted access, and the task's feature. */
export async function checkRootTaskEnabled(
  repos: ReadRepos,
  org: OrganizationRow,
  task: RootTask,
): Promise<void> {
  if (!(await trustsIam(repos, org)))
    throw new AwsError('AccessDenied', 'Service not enabled for AWS Organizations.');
  if (!rootFeatureEnabled(org, task.feature))
    throw new AwsError(
      'AccessDenied',
      task.feature === 'RootSessions'
        ? 'Root sessions feature is not enabled for your AWS Organization.'
        : 'Root credentials management feature is not enabled for your AWS Organization.',
    );
}

export interface RootSessionInput {
  caller: Principal;
  targetAccountId: string;
  task: RootTask;
  durationSeconds: number;
  now: Date;
}

/** The claims of a root session of the target account: GetCallerIdentity reports its root. */
export function rootSessionClaims(input: RootSessionInput): UnsealedClaims {
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  const sourceIdentity = input.caller.session?.sourceIdentity;
  return {
    kind: 'root-session',
    accountId: input.targetAccountId,
    issuedAt,
    expiresAt: issuedAt + input.durationSeconds,
    arn: rootArn(input.targetAccountId),
    userId: input.targetAccountId,
    chainDepth: 0,
    // a caller's source identity goes with it into the session, as for a role chain
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    assumedRoot: { taskPolicyArn: input.task.arn, issuerArn: input.caller.arn },
  };
}

/** Mints the credentials of a root session (no database write: nothing records a root's use). */
export function issueRootSession(
  services: Pick<Services, 'sessionKeys'>,
  input: RootSessionInput,
): IssuedCredentials {
  return mintCredentials(services, rootSessionClaims(input));
}
