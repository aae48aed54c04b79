// Service-linked roles: the role an AWS service owns (AWSServiceRoleFor<Service>, under
// /aws-service-role/<service>/, trusting only that service), its creation through
// CreateServiceLinkedRole, and its deletion as a task whose status GetServiceLinkedRoleDeletionStatus
// reports. Ordinary IAM calls may not change such a role (see assertModifiableRole in roles.ts).
import { randomUUID } from 'node:crypto';
import type { Quotas } from '../config/index.ts';
import { invalidInput, noSuchEntity } from '../errors.ts';
import type { ReadRepos, Repos, RoleRow, DeletionTaskRow } from '../store/index.ts';
import { deleteAllInlinePolicies } from './inline-policies.ts';
import { createRole, getRoleRow, roleOwner, SERVICE_ROLE_PATH_PREFIX } from './roles.ts';

const SERVICE_DOMAIN = '.amazonaws.com';

/**
 * The names AWS gives the service-linked roles of well-known services (the part after
 * "AWSServiceRoleFor"), from each service's "Using service-linked roles" documentation page.
 */
const KNOWN_ROLE_NAMES: Readonly<Record<string, string>> = {
  'access-analyzer.amazonaws.com': 'AccessAnalyzer',
  'appmesh.amazonaws.com': 'AppMesh',
  'apprunner.amazonaws.com': 'AppRunner',
  'appstream.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_AppStreamFleet',
  'auditmanager.amazonaws.com': 'AuditManager',
  'autoscaling-plans.amazonaws.com': 'AutoScalingPlans_EC2AutoScaling',
  'autoscaling.amazonaws.com': 'AutoScaling',
  'backup.amazonaws.com': 'Backup',
  'batch.amazonaws.com': 'Batch',
  'cassandra.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_CassandraTable',
  'channels.lex.amazonaws.com': 'LexChannels',
  'chatbot.amazonaws.com': 'AWSChatbot',
  'cks.kms.amazonaws.com': 'KeyManagementServiceCustomKeyStores',
  'cloud9.amazonaws.com': 'AWSCloud9',
  'cloudhsm.amazonaws.com': 'CloudHSM',
  'cloudtrail.amazonaws.com': 'CloudTrail',
  'cloudwatch-crossaccount.amazonaws.com': 'CloudWatchCrossAccount',
  'codestar-notifications.amazonaws.com': 'CodeStarNotifications',
  'comprehend.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_ComprehendEndpoint',
  'compute-optimizer.amazonaws.com': 'ComputeOptimizer',
  'config-conforms.amazonaws.com': 'ConfigConforms',
  'config.amazonaws.com': 'Config',
  'controltower.amazonaws.com': 'AWSControlTower',
  'custom-resource.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_CustomResource',
  'dax.amazonaws.com': 'DAX',
  'delivery.logs.amazonaws.com': 'LogDelivery',
  'detective.amazonaws.com': 'Detective',
  'devops-guru.amazonaws.com': 'DevOpsGuru',
  'dynamodb.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_DynamoDBTable',
  'ec2.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_EC2SpotFleetRequest',
  'ec2fleet.amazonaws.com': 'EC2Fleet',
  'ecs.amazonaws.com': 'ECS',
  'ecs.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_ECSService',
  'eks-fargate.amazonaws.com': 'AmazonEKSForFargate',
  'eks-nodegroup.amazonaws.com': 'AmazonEKSNodegroup',
  'eks.amazonaws.com': 'AmazonEKS',
  'elasticache.amazonaws.com': 'ElastiCache',
  'elasticache.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_ElastiCacheRG',
  'elasticbeanstalk.amazonaws.com': 'ElasticBeanstalk',
  'elasticfilesystem.amazonaws.com': 'AmazonElasticFileSystem',
  'elasticloadbalancing.amazonaws.com': 'ElasticLoadBalancing',
  'elasticmapreduce.amazonaws.com': 'EMRCleanup',
  'emr-containers.amazonaws.com': 'AmazonEMRContainers',
  'es.amazonaws.com': 'AmazonElasticsearchService',
  'events.amazonaws.com': 'CloudWatchEvents',
  'fms.amazonaws.com': 'FMS',
  'fsx.amazonaws.com': 'AmazonFSx',
  'globalaccelerator.amazonaws.com': 'GlobalAccelerator',
  'grafana.amazonaws.com': 'AmazonGrafana',
  'guardduty.amazonaws.com': 'AmazonGuardDuty',
  'imagebuilder.amazonaws.com': 'ImageBuilder',
  'inspector.amazonaws.com': 'AmazonInspector',
  'inspector2.amazonaws.com': 'AmazonInspector2',
  'kafka.amazonaws.com': 'Kafka',
  'kafka.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_KafkaCluster',
  'kinesisanalytics.amazonaws.com': 'KinesisAnalytics',
  'lakeformation.amazonaws.com': 'LakeFormationDataAccess',
  'lambda.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_LambdaConcurrency',
  'lex.amazonaws.com': 'LexBots',
  'license-manager.amazonaws.com': 'AWSLicenseManagerRole',
  'logger.cloudfront.amazonaws.com': 'CloudFrontLogger',
  'macie.amazonaws.com': 'AmazonMacie',
  'member.org.stacksets.cloudformation.amazonaws.com': 'CloudFormationStackSetsOrgMember',
  'mq.amazonaws.com': 'AmazonMQ',
  'mrk.kms.amazonaws.com': 'KeyManagementServiceMultiRegionKeys',
  'neptune.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_NeptuneCluster',
  'opensearchservice.amazonaws.com': 'AmazonOpenSearchService',
  'ops.apigateway.amazonaws.com': 'APIGateway',
  'organizations.amazonaws.com': 'Organizations',
  'ram.amazonaws.com': 'ResourceAccessManager',
  'rds.amazonaws.com': 'RDS',
  'rds.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_RDSCluster',
  'redshift.amazonaws.com': 'Redshift',
  'replication.dynamodb.amazonaws.com': 'DynamoDBReplication',
  'replication.ecr.amazonaws.com': 'ECRReplication',
  'replicator.lambda.amazonaws.com': 'LambdaReplicator',
  'resource-explorer-2.amazonaws.com': 'ResourceExplorer',
  'sagemaker.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_SageMakerEndpoint',
  'securityhub.amazonaws.com': 'SecurityHub',
  'servicequotas.amazonaws.com': 'ServiceQuotas',
  'spot.amazonaws.com': 'EC2Spot',
  'spotfleet.amazonaws.com': 'EC2SpotFleet',
  'ssm.amazonaws.com': 'AmazonSSM',
  'sso.amazonaws.com': 'SSO',
  'stacksets.cloudformation.amazonaws.com': 'CloudFormationStackSetsOrgAdmin',
  'storage-lens.s3.amazonaws.com': 'S3StorageLens',
  'support.amazonaws.com': 'Support',
  'transitgateway.amazonaws.com': 'VPCTransitGateway',
  'trustedadvisor.amazonaws.com': 'TrustedAdvisor',
};

const pascal = (label: string): string =>
  label
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/**
 * The role name AWS gives a service's service-linked role: AWSServiceRoleFor<Name>, plus
 * `_<CustomSuffix>` when one is given. Services in the table use AWS's documented names (the
 * derivation below is only a fallback, and AWS's names often differ from it); for any other
 * `<service>.amazonaws.com` the name is the service label in PascalCase (dashes dropped, each part
 * capitalised: `my-svc` → `MySvc`), and for `<sub>.<service>.amazonaws.com` the sub-service follows
 * after an underscore (`<Service>_<Sub>`), the convention AWS uses for sub-service roles.
 */
export function serviceLinkedRoleName(serviceName: string, customSuffix?: string): string {
  const known = KNOWN_ROLE_NAMES[serviceName.toLowerCase()];
  let name = known;
  if (name === undefined) {
    const labels = serviceName.slice(0, -SERVICE_DOMAIN.length).split('.');
    const service = labels.pop() ?? '';
    name = pascal(service) + (labels.length ? '_' + labels.map(pascal).join('') : '');
  }
  return `AWSServiceRoleFor${name}${customSuffix ? `_${customSuffix}` : ''}`;
}

/** The trust policy every service-linked role has: only its service may assume it. */
export function serviceLinkedTrustPolicy(serviceName: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: serviceName }, Action: 'sts:AssumeRole' }],
  });
}

export const serviceLinkedRolePath = (serviceName: string) => `${SERVICE_ROLE_PATH_PREFIX}${serviceName}/`;

function requireServicePrincipal(serviceName: string): void {
  if (!serviceName.toLowerCase().endsWith(SERVICE_DOMAIN) || serviceName.length === SERVICE_DOMAIN.length)
    throw invalidInput(
      `Invalid service name: ${serviceName}. It must be a service principal such as ec2.amazonaws.com.`,
    );
}

export async function createServiceLinkedRole(
  repos: Repos,
  accountId: string,
  input: { AWSServiceName: string; Description?: string; CustomSuffix?: string },
  quotas: Quotas,
  now: Date,
): Promise<RoleRow> {
  const service = input.AWSServiceName;
  requireServicePrincipal(service);
  return createRole(
    repos,
    accountId,
    {
      RoleName: serviceLinkedRoleName(service, input.CustomSuffix),
      Path: serviceLinkedRolePath(service),
      AssumeRolePolicyDocument: serviceLinkedTrustPolicy(service),
      ...(input.Description !== undefined ? { Description: input.Description } : {}),
    },
    quotas,
    now,
    service,
  );
}

/**
 * Submits the deletion of a service-linked role and returns its task id. The task ends at once:
 * SUCCEEDED, the role gone with the policies its service attached; or FAILED, the role kept, while
 * the role is still in an instance profile.
 */
export async function deleteServiceLinkedRole(
  repos: Repos,
  accountId: string,
  roleName: string,
  now: Date,
): Promise<string> {
  const row = await getRoleRow(repos, accountId, roleName);
  if (row.linked_service === null)
    throw noSuchEntity(`The role with name ${row.role_name} is not a service-linked role.`);
  const taskId = `task${row.path}${row.role_name}/${randomUUID()}`;
  const blockers = await repos.roles.dependents(row.role_id);
  const task: DeletionTaskRow = {
    deletion_task_id: taskId,
    account_id: accountId,
    role_name: row.role_name,
    status: 'SUCCEEDED',
    reason: null,
    created_at: now.toISOString(),
  };
  if (blockers.instanceProfiles) {
    task.status = 'FAILED';
    task.reason = 'Cannot delete entity, must remove roles from instance profile first.';
  } else {
    if (blockers.inlinePolicies) await deleteAllInlinePolicies(repos, roleOwner(row));
    if (blockers.attachedPolicies) await repos.roles.detachAllPolicies(accountId, row.role_id);
    await repos.tags.removeAll('role', row.role_id);
    await repos.roles.delete(accountId, row.role_id);
  }
  await repos.serviceLinkedRoles.insertTask(task);
  return taskId;
}

const TASK_ID = /^task\/aws-service-role\/[^/]+\/[^/]+\/[0-9a-f-]{36}$/;

export async function deletionStatus(
  repos: ReadRepos,
  accountId: string,
  taskId: string,
): Promise<{ status: DeletionTaskRow['status']; reason: string | null }> {
  if (!TASK_ID.test(taskId)) throw invalidInput(`Invalid deletion task id: ${taskId}`);
  const task = await repos.serviceLinkedRoles.task(accountId, taskId);
  if (!task) throw noSuchEntity(`Deletion task ${taskId} cannot be found.`);
  return { status: task.status, reason: task.reason };
}
