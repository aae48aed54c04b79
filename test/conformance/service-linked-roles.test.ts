// Service-linked roles over HTTP with the real AWS SDK v3 IAM client, on each storage backend: AWS's
// names, path and trust policy, protection from ordinary IAM calls, and deletion tasks.
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteServiceLinkedRoleCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceLinkedRoleName } from '../../src/domain/service-linked-roles.ts';
import type { Database } from '../../src/store/database.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const PROTECTED = (name: string) =>
  `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`;
const IDENTITY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
});

describe('service-linked role names', () => {
  it("uses AWS's names for well-known services", () => {
    expect(serviceLinkedRoleName('autoscaling.amazonaws.com')).toBe('AWSServiceRoleForAutoScaling');
    expect(serviceLinkedRoleName('elasticbeanstalk.amazonaws.com')).toBe('AWSServiceRoleForElasticBeanstalk');
    expect(serviceLinkedRoleName('spot.amazonaws.com')).toBe('AWSServiceRoleForEC2Spot');
    expect(serviceLinkedRoleName('ecs.application-autoscaling.amazonaws.com')).toBe(
      'AWSServiceRoleForApplicationAutoScaling_ECSService',
    );
    // names the derivation would get wrong: AWS's own spelling, from each service's documentation
    const documented: [string, string][] = [
      ['custom-resource.application-autoscaling.amazonaws.com', 'ApplicationAutoScaling_CustomResource'],
      ['elasticache.application-autoscaling.amazonaws.com', 'ApplicationAutoScaling_ElastiCacheRG'],
      ['elasticfilesystem.amazonaws.com', 'AmazonElasticFileSystem'],
      ['delivery.logs.amazonaws.com', 'LogDelivery'],
      ['mrk.kms.amazonaws.com', 'KeyManagementServiceMultiRegionKeys'],
      ['controltower.amazonaws.com', 'AWSControlTower'],
    ];
    for (const [service, name] of documented)
      expect(serviceLinkedRoleName(service), service).toBe(`AWSServiceRoleFor${name}`);
  });

  it('derives a PascalCase name for other services, sub-service after an underscore', () => {
    expect(serviceLinkedRoleName('my-thing.amazonaws.com')).toBe('AWSServiceRoleForMyThing');
    expect(serviceLinkedRoleName('edge.my-thing.amazonaws.com')).toBe('AWSServiceRoleForMyThing_Edge');
  });

  it('appends a custom suffix after an underscore', () => {
    expect(serviceLinkedRoleName('autoscaling.amazonaws.com', 'web')).toBe(
      'AWSServiceRoleForAutoScaling_web',
    );
  });
});

describe.each(BACKENDS)('service-linked roles on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('creates the service-linked role with AWS name, path and fixed trust policy', async () => {
    const created = await t.iam().send(
      new CreateServiceLinkedRoleCommand({
        AWSServiceName: 'autoscaling.amazonaws.com',
        Description: 'Scaling on my behalf',
      }),
    );
    const expectedTrust =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"autoscaling.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
    expect(created.Role).toMatchObject({
      RoleName: 'AWSServiceRoleForAutoScaling',
      Path: '/aws-service-role/autoscaling.amazonaws.com/',
      Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      Description: 'Scaling on my behalf',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: encodeURIComponent(expectedTrust),
    });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    const got = await t.iam().send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' }));
    expect(got.Role?.Arn).toBe(created.Role?.Arn);
    const listed = await t.iam().send(new ListRolesCommand({ PathPrefix: '/aws-service-role/' }));
    expect(listed.Roles?.map((r) => r.RoleName)).toEqual(['AWSServiceRoleForAutoScaling']);
  });

  it("refuses a second one with AWS's InvalidInput message", async () => {
    const e = await awsError(() =>
      t.iam().send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' })),
    );
    expect(e).toMatchObject({
      code: 'InvalidInput',
      status: 400,
      message:
        'Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix.',
    });
  });

  it('creates another one of the same service with a custom suffix', async () => {
    const created = await t.iam().send(
      new CreateServiceLinkedRoleCommand({
        AWSServiceName: 'autoscaling.amazonaws.com',
        CustomSuffix: 'web',
      }),
    );
    expect(created.Role?.RoleName).toBe('AWSServiceRoleForAutoScaling_web');
    expect(created.Role?.Description).toBeUndefined();
  });

  it('refuses a service name that is not a service principal', async () => {
    const e = await awsError(() =>
      t.iam().send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling' })),
    );
    expect(e).toMatchObject({ code: 'InvalidInput', status: 400 });
    expect(e.message).toContain('autoscaling');
  });

  it("refuses ordinary changes to a service-linked role with AWS's UnmodifiableEntity", async () => {
    const iam = t.iam();
    const name = 'AWSServiceRoleForAutoScaling';
    const attempts = [
      () => iam.send(new DeleteRoleCommand({ RoleName: name })),
      () =>
        iam.send(
          new UpdateAssumeRolePolicyCommand({
            RoleName: name,
            PolicyDocument: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
            }),
          }),
        ),
      () =>
        iam.send(
          new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: IDENTITY_POLICY }),
        ),
      () => iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'p' })),
      () =>
        iam.send(
          new PutRolePermissionsBoundaryCommand({
            RoleName: name,
            PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          }),
        ),
      () => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: name })),
      // the managed-policy actions use the same guard
      () =>
        iam.send(
          new AttachRolePolicyCommand({
            RoleName: name,
            PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Anything`,
          }),
        ),
    ];
    for (const attempt of attempts)
      expect(await awsError(attempt)).toMatchObject({
        code: 'UnmodifiableEntity',
        status: 400,
        message: PROTECTED(name),
      });
    const duration = await awsError(() =>
      iam.send(new UpdateRoleCommand({ RoleName: name, MaxSessionDuration: 7200 })),
    );
    expect(duration).toMatchObject({
      code: 'UnmodifiableEntity',
      status: 400,
      message: `${name} is an AWS service linked role, max session duration cannot be changed.`,
    });
    const got = await iam.send(new GetRoleCommand({ RoleName: name }));
    expect(got.Role?.MaxSessionDuration).toBe(3600);
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toContain('autoscaling.amazonaws.com');
  });

  it('lets the description and tags of a service-linked role change, as AWS does', async () => {
    const iam = t.iam();
    const name = 'AWSServiceRoleForAutoScaling';
    await iam.send(new UpdateRoleCommand({ RoleName: name, Description: 'edited' }));
    const updated = await iam.send(
      new UpdateRoleDescriptionCommand({ RoleName: name, Description: 'again' }),
    );
    expect(updated.Role?.Description).toBe('again');
    await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'k', Value: 'v' }] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags).toEqual([
      { Key: 'k', Value: 'v' },
    ]);
  });

  it('deletes a service-linked role through a deletion task that reports SUCCEEDED', async () => {
    const iam = t.iam();
    const { DeletionTaskId } = await iam.send(
      new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling_web' }),
    );
    expect(DeletionTaskId).toMatch(
      /^task\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling_web\/[0-9a-f-]{36}$/,
    );
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(status.Status).toBe('SUCCEEDED');
    expect(status.Reason).toBeUndefined();
    const gone = await awsError(() =>
      iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling_web' })),
    );
    expect(gone.code).toBe('NoSuchEntity');
    // the name is free again
    await iam.send(
      new CreateServiceLinkedRoleCommand({
        AWSServiceName: 'autoscaling.amazonaws.com',
        CustomSuffix: 'web',
      }),
    );
  });

  it('reports FAILED, and keeps the role, while it is still in an instance profile', async () => {
    // AddRoleToInstanceProfile refuses a service-linked role, but imported account data may hold one
    const iam = t.iam();
    const name = 'AWSServiceRoleForAutoScaling_web';
    const role = await t.server.store.read((r) => r.roles.byName(ACCOUNT, name));
    const db = (t.server.store as unknown as { db: Kysely<Database> }).db;
    await db
      .insertInto('instance_profiles')
      .values({
        instance_profile_id: 'AIPASLRPROFILE0000001',
        account_id: ACCOUNT,
        name: 'slr-profile',
        name_key: 'slr-profile',
        path: '/',
        arn: `arn:aws:iam::${ACCOUNT}:instance-profile/slr-profile`,
        created_at: new Date().toISOString(),
      })
      .execute();
    await db
      .insertInto('instance_profile_roles')
      .values({ instance_profile_id: 'AIPASLRPROFILE0000001', role_id: role!.role_id })
      .execute();
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: name }));
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(status).toMatchObject({
      Status: 'FAILED',
      Reason: { Reason: 'Cannot delete entity, must remove roles from instance profile first.' },
    });
    expect((await iam.send(new GetRoleCommand({ RoleName: name }))).Role?.RoleName).toBe(name);
  });

  it('refuses DeleteServiceLinkedRole for an unknown or ordinary role with NoSuchEntity', async () => {
    const iam = t.iam();
    const unknown = await awsError(() =>
      iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'nobody' })),
    );
    expect(unknown).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role with name nobody cannot be found.',
    });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'ordinary',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    const ordinary = await awsError(() =>
      iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'ordinary' })),
    );
    expect(ordinary).toMatchObject({ code: 'NoSuchEntity', status: 404 });
    expect((await iam.send(new GetRoleCommand({ RoleName: 'ordinary' }))).Role?.RoleName).toBe('ordinary');
  });

  it('answers NoSuchEntity for an unknown deletion task and InvalidInput for a malformed id', async () => {
    const iam = t.iam();
    const unknownId =
      'task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForX/3f2b1c4d-0000-4000-8000-000000000000';
    const unknown = await awsError(() =>
      iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: unknownId })),
    );
    expect(unknown).toMatchObject({ code: 'NoSuchEntity', status: 404 });
    const malformed = await awsError(() =>
      iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'not-a-task' })),
    );
    expect(malformed).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('counts service-linked roles towards the roles-per-account quota', async () => {
    const small = await startTestServer(backend, {
      config: { quotas: { ...t.config.quotas, rolesPerAccount: 1 } },
    });
    try {
      await small
        .iam()
        .send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com' }));
      const e = await awsError(() =>
        small.iam().send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' })),
      );
      expect(e).toMatchObject({
        code: 'LimitExceeded',
        status: 409,
        message: 'Cannot exceed quota for RolesPerAccount: 1',
      });
      const role = await small
        .iam()
        .send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }));
      expect(role.Role?.Path).toBe('/aws-service-role/elasticbeanstalk.amazonaws.com/');
    } finally {
      await small.destroy();
    }
  });
});
