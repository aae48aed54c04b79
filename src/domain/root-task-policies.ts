// AWS's root task policies: the five AWS managed policies under /root-task/ that scope an AssumeRoot
// session (sts:AssumeRoot's TaskPolicyArn) to one privileged task on a member account. Each is made of
// Deny statements only: a root session may do everything its account allows, less what its task
// policy denies. Ids, descriptions (with AWS's spacing), dates and documents are AWS's own, as
// GetPolicy and GetPolicyVersion return them (documented in the IAM User Guide's "AWS managed policies
// for IAM", security-iam-awsmanpol.html).
import type { AwsManagedPolicy } from './aws-managed-policies.ts';
import { iamArn } from './arns.ts';

export const ROOT_TASK_PATH = '/root-task/';

/** Which centralized root access feature an organization must enable before AssumeRoot issues the task. */
export type RootTaskFeature = 'RootCredentialsManagement' | 'RootSessions';

export interface RootTaskPolicy extends AwsManagedPolicy {
  feature: RootTaskFeature;
}

const ROOT_PRINCIPAL_ARN = 'arn:aws:iam::*:root';

/** The usual shape: deny every action but the task's, and deny the task's on anything but a root. */
function taskDocument(sids: [string, string], actions: string[]): object {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: sids[0], Effect: 'Deny', NotAction: actions, Resource: '*' },
      { Sid: sids[1], Effect: 'Deny', Action: actions, NotResource: ROOT_PRINCIPAL_ARN },
    ],
  };
}

const AUDIT_ACTIONS = [
  'iam:ListAccessKeys',
  'iam:ListSigningCertificates',
  'iam:GetLoginProfile',
  'iam:ListMFADevices',
  'iam:GetUser',
  'iam:GetAccessKeyLastUsed',
];

const S3_ACTIONS = [
  's3:DeleteBucketPolicy',
  's3:PutBucketPolicy',
  's3:GetBucketPolicy',
  's3:ListAllMyBuckets',
];
const SQS_ACTIONS = ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes', 'sqs:ListQueues', 'sqs:GetQueueUrl'];

export const ROOT_TASK_POLICIES: readonly RootTaskPolicy[] = [
  {
    name: 'IAMAuditRootUserCredentials',
    id: 'ANPAZKAPJZG4BDSCREYVS',
    path: ROOT_TASK_PATH,
    description:
      'Provides access required to check the presence of root user credentials such as root user password and root user access keys using the Security Token Service (STS) AssumeRoot API. Use this managed policy only with the STS AssumeRoot action.',
    version: 1,
    created: '2024-11-06T22:27:58Z',
    updated: '2024-11-06T22:27:58Z',
    feature: 'RootCredentialsManagement',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyAllOtherActionsOnAnyResource',
          Effect: 'Deny',
          // the account summary is the one audit action not limited to the root's own resource
          NotAction: [
            'iam:ListAccessKeys',
            'iam:ListSigningCertificates',
            'iam:GetLoginProfile',
            'iam:ListMFADevices',
            'iam:GetAccountSummary',
            'iam:GetUser',
            'iam:GetAccessKeyLastUsed',
          ],
          Resource: '*',
        },
        {
          Sid: 'DenyAuditingCredentialsOnNonRootUserResource',
          Effect: 'Deny',
          Action: AUDIT_ACTIONS,
          NotResource: ROOT_PRINCIPAL_ARN,
        },
      ],
    },
  },
  {
    name: 'IAMCreateRootUserPassword',
    id: 'ANPAZKAPJZG4OEGTN7YT5',
    path: ROOT_TASK_PATH,
    description:
      'Provides access required to create a root user password using the Security Token Service (STS) AssumeRoot API.  Use this managed policy only with the STS AssumeRoot action. ',
    version: 1,
    created: '2024-11-06T22:32:59Z',
    updated: '2024-11-06T22:32:59Z',
    feature: 'RootCredentialsManagement',
    document: taskDocument(
      ['DenyAllOtherActionsOnAnyResource', 'DenyCreatingPasswordOnNonRootUserResource'],
      ['iam:CreateLoginProfile', 'iam:GetLoginProfile'],
    ),
  },
  {
    name: 'IAMDeleteRootUserCredentials',
    id: 'ANPAZKAPJZG4CX73XKORQ',
    path: ROOT_TASK_PATH,
    description:
      'Provides access required to delete all root user credentials such as root password and root access keys using the Security Token Service (STS) AssumeRoot API.  Use this managed policy only with the STS AssumeRoot action.',
    version: 1,
    created: '2024-11-06T22:47:58Z',
    updated: '2024-11-06T22:47:58Z',
    feature: 'RootCredentialsManagement',
    document: taskDocument(
      ['DenyAllOtherActionsOnAnyResource', 'DenyDeletingRootUserCredentialsOnNonRootUserResource'],
      [
        'iam:DeleteAccessKey',
        'iam:DeleteSigningCertificate',
        'iam:DeleteLoginProfile',
        'iam:DeactivateMFADevice',
        'iam:DeleteVirtualMFADevice',
        ...AUDIT_ACTIONS,
      ],
    ),
  },
  {
    name: 'S3UnlockBucketPolicy',
    id: 'ANPAZKAPJZG4OALTIPZOF',
    path: ROOT_TASK_PATH,
    description:
      'Provides access required to unlock a S3 bucket policy using the Security Token Service (STS) AssumeRoot API. Use this managed policy only with the STS AssumeRoot action.',
    version: 1,
    created: '2024-11-06T21:55:56Z',
    updated: '2024-11-06T21:55:56Z',
    feature: 'RootSessions',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyAllOtherActionsOnAnyResource', Effect: 'Deny', NotAction: S3_ACTIONS, Resource: '*' },
        {
          Sid: 'DenyManagingBucketPolicyForNonRootCallers',
          Effect: 'Deny',
          Action: S3_ACTIONS,
          Resource: '*',
          Condition: { StringNotLike: { 'aws:PrincipalArn': ROOT_PRINCIPAL_ARN } },
        },
      ],
    },
  },
  {
    name: 'SQSUnlockQueuePolicy',
    id: 'ANPAZKAPJZG4HPZI4FDUV',
    path: ROOT_TASK_PATH,
    description:
      'Provides access required to unlock a SQS queue policy using the Security Token Service (STS) AssumeRoot API. Use this managed policy only with the STS AssumeRoot action.',
    version: 1,
    created: '2024-11-06T21:51:02Z',
    updated: '2024-11-06T21:51:02Z',
    feature: 'RootSessions',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyAllOtherActionsOnAnyResource', Effect: 'Deny', NotAction: SQS_ACTIONS, Resource: '*' },
        {
          Sid: 'DenyGettingQueueAttributesOnNonOwnQueue',
          Effect: 'Deny',
          Action: ['sqs:GetQueueAttributes'],
          Resource: 'arn:aws:sqs:*:*:*',
          Condition: { StringNotEqualsIfExists: { 'aws:ResourceAccount': ['${aws:PrincipalAccount}'] } },
        },
        {
          Sid: 'DenyActionsForNonRootUser',
          Effect: 'Deny',
          Action: SQS_ACTIONS,
          Resource: '*',
          Condition: { StringNotLike: { 'aws:PrincipalArn': ROOT_PRINCIPAL_ARN } },
        },
      ],
    },
  },
];

const BY_ARN: ReadonlyMap<string, RootTaskPolicy> = new Map(
  ROOT_TASK_POLICIES.map((p) => [iamArn('aws', 'policy', p.path, p.name), p]),
);

/** The root task policy an ARN names (arn:aws:iam::aws:policy/root-task/<Name>), or undefined. */
export function rootTaskPolicy(arn: string): RootTaskPolicy | undefined {
  return BY_ARN.get(arn);
}
