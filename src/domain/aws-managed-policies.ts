// The AWS managed policies every account sees: stored once under account 'aws' with AWS's own
// ids, ARNs (arn:aws:iam::aws:policy/<Name>), paths, dates, descriptions and default version
// numbers. Only the default version of each is kept (AWS keeps their history too). Seeding is
// idempotent and safe when several nodes start at once.
//
// ReadOnlyAccess is a representative subset of AWS's document (v182, over 2,700 actions): its two
// statements keep AWS's Sids and the actions of the services Tessera's users meet most (IAM, STS,
// S3, EC2 Describe/Get, Lambda, DynamoDB, CloudTrail, CloudWatch Logs, KMS, SNS, SQS,
// Organizations, Secrets Manager, SSM, tagging), exactly as AWS lists them. The root task policies
// (/root-task/, for AssumeRoot sessions) live in root-task-policies.ts and are seeded with the rest.
import type { Store } from '../store/index.ts';
import { iamArn } from './arns.ts';
import { ROOT_TASK_POLICIES } from './root-task-policies.ts';

export interface AwsManagedPolicy {
  name: string;
  id: string;
  path: string;
  description: string;
  /** The number of AWS's current default version (v182 → 182). */
  version: number;
  created: string;
  updated: string;
  document: object;
}

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  {
    name: 'AdministratorAccess',
    id: 'ANPAIWMBCKSKIEE64ZLYK',
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    version: 1,
    created: '2015-02-06T18:39:46Z',
    updated: '2015-02-06T18:39:46Z',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    },
  },
  {
    name: 'PowerUserAccess',
    id: 'ANPAJYRXTHIB4FOVS3ZXS',
    path: '/',
    description:
      'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    version: 12,
    created: '2015-02-06T18:39:47Z',
    updated: '2026-02-12T17:59:14Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: [
            'account:GetAccountInformation',
            'account:GetGovCloudAccountInformation',
            'account:GetPrimaryEmail',
            'account:ListRegions',
            'iam:CreateServiceLinkedRole',
            'iam:DeleteServiceLinkedRole',
            'iam:ListRoles',
            'organizations:DescribeEffectivePolicy',
            'organizations:DescribeOrganization',
          ],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'ReadOnlyAccess',
    id: 'ANPAILL3HVNFSB6DCOWYQ',
    path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    version: 182,
    created: '2015-02-06T18:39:48Z',
    updated: '2026-04-03T15:27:12Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOnlyActionsGroup1',
          Effect: 'Allow',
          Action: [
            'cloudtrail:Describe*',
            'cloudtrail:Get*',
            'cloudtrail:List*',
            'cloudtrail:LookupEvents',
            'dynamodb:BatchGet*',
            'dynamodb:Describe*',
            'dynamodb:Get*',
            'dynamodb:List*',
            'dynamodb:PartiQLSelect',
            'dynamodb:Query',
            'dynamodb:Scan',
            'ec2:Describe*',
            'ec2:Get*',
            'iam:Generate*',
            'iam:Get*',
            'iam:List*',
            'iam:Simulate*',
          ],
          Resource: '*',
        },
        {
          Sid: 'ReadOnlyActionsGroup2',
          Effect: 'Allow',
          Action: [
            'kms:Describe*',
            'kms:Get*',
            'kms:List*',
            'lambda:Get*',
            'lambda:List*',
            'logs:Describe*',
            'logs:FilterLogEvents',
            'logs:Get*',
            'logs:ListAggregateLogGroupSummaries',
            'logs:ListAnomalies',
            'logs:ListEntitiesForLogGroup',
            'logs:ListIntegrations',
            'logs:ListLogAnomalyDetectors',
            'logs:ListLogDeliveries',
            'logs:ListLogGroupsForEntity',
            'logs:ListLogGroupsForQuery',
            'logs:ListScheduledQueries',
            'logs:ListSourcesForS3TableIntegration',
            'logs:ListTagsForResource',
            'logs:ListTagsLogGroup',
            'logs:StartLiveTail',
            'logs:StartQuery',
            'logs:StopLiveTail',
            'logs:StopQuery',
            'logs:TestMetricFilter',
            'organizations:Describe*',
            'organizations:List*',
            's3:DescribeJob',
            's3:Get*',
            's3:List*',
            'secretsmanager:Describe*',
            'secretsmanager:GetResourcePolicy',
            'secretsmanager:List*',
            'sns:Check*',
            'sns:Get*',
            'sns:List*',
            'sqs:Get*',
            'sqs:List*',
            'sqs:Receive*',
            'ssm:Describe*',
            'ssm:Get*',
            'ssm:List*',
            'sts:GetAccessKeyInfo',
            'sts:GetCallerIdentity',
            'sts:GetSessionToken',
            'tag:DescribeReportCreation',
            'tag:Get*',
          ],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'IAMFullAccess',
    id: 'ANPAI7XKCFMBPM3QQRRVQ',
    path: '/',
    description: 'Provides full access to IAM via the AWS Management Console.',
    version: 2,
    created: '2015-02-06T18:40:38Z',
    updated: '2019-06-21T19:40:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:*',
            'organizations:DescribeAccount',
            'organizations:DescribeOrganization',
            'organizations:DescribeOrganizationalUnit',
            'organizations:DescribePolicy',
            'organizations:ListChildren',
            'organizations:ListParents',
            'organizations:ListPoliciesForTarget',
            'organizations:ListRoots',
            'organizations:ListPolicies',
            'organizations:ListTargetsForPolicy',
          ],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'IAMReadOnlyAccess',
    id: 'ANPAJKSO7NDY4T57MWDSQ',
    path: '/',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    version: 4,
    created: '2015-02-06T18:40:39Z',
    updated: '2018-01-25T19:11:27Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:GenerateCredentialReport',
            'iam:GenerateServiceLastAccessedDetails',
            'iam:Get*',
            'iam:List*',
            'iam:SimulateCustomPolicy',
            'iam:SimulatePrincipalPolicy',
          ],
          Resource: '*',
        },
      ],
    },
  },
  ...ROOT_TASK_POLICIES,
];

/** Stores the AWS managed policies that are not there yet (under account 'aws'). */
export async function seedAwsManagedPolicies(store: Store, _now: Date): Promise<void> {
  await store.write('aws', async (repos) => {
    for (const p of AWS_MANAGED_POLICIES) {
      const created = new Date(p.created).toISOString();
      await repos.managedPolicies.insertIfAbsent(
        {
          policy_id: p.id,
          account_id: 'aws',
          policy_name: p.name,
          name_key: p.name.toLowerCase(),
          path: p.path,
          arn: iamArn('aws', 'policy', p.path, p.name),
          default_version: p.version,
          next_version: p.version + 1,
          description: p.description,
          created_at: created,
          updated_at: new Date(p.updated).toISOString(),
        },
        {
          policy_id: p.id,
          version: p.version,
          document: JSON.stringify(p.document, null, 4),
          created_at: new Date(p.updated).toISOString(),
        },
      );
    }
  });
}
