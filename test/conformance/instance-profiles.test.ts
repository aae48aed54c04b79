// Instance profiles over HTTP with the real AWS SDK v3 IAM client, on each storage backend.
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { awsCli, itWithCli } from '../support/aws-cli.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe.each(BACKENDS)('instance profiles on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    await iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST }));
    await iam.send(
      new CreateRoleCommand({ RoleName: 'batch', Path: '/jobs/', AssumeRolePolicyDocument: TRUST }),
    );
  });
  afterAll(() => t.destroy());

  it('creates an instance profile with an AIPA id, a path in its ARN, no roles and its tags', async () => {
    const created = await t.iam().send(
      new CreateInstanceProfileCommand({
        InstanceProfileName: 'WebProfile',
        Path: '/app/',
        Tags: [{ Key: 'env', Value: 'prod' }],
      }),
    );
    const p = created.InstanceProfile!;
    expect(p.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    expect(p.Arn).toBe('arn:aws:iam::123456789012:instance-profile/app/WebProfile');
    expect(p.Path).toBe('/app/');
    expect(p.Roles).toEqual([]);
    expect(p.CreateDate).toBeInstanceOf(Date);
    expect(p.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
  });

  it('refuses a second instance profile whose name differs only in case', async () => {
    const e = await awsError(() =>
      t.iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: 'webprofile' })),
    );
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'Instance Profile webprofile already exists.',
    });
  });

  it("answers NoSuchEntity with AWS's message for an unknown instance profile", async () => {
    const e = await awsError(() =>
      t.iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'nothere' })),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'Instance Profile nothere cannot be found.',
    });
  });

  it('rejects an invalid instance profile name with a ValidationError', async () => {
    const e = await awsError(() =>
      t.iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: 'bad name' })),
    );
    expect(e.code).toBe('ValidationError');
    expect(e.status).toBe(400);
    expect(e.message).toContain("at 'instanceProfileName' failed to satisfy constraint");
  });

  it('adds a role and returns it in the profile with its trust policy URL-encoded', async () => {
    const iam = t.iam();
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'web' }),
    );
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'webprofile' }));
    const p = got.InstanceProfile!;
    expect(p.InstanceProfileName).toBe('WebProfile');
    expect(p.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(p.Roles).toHaveLength(1);
    const role = p.Roles![0]!;
    expect(role).toMatchObject({
      RoleName: 'web',
      Path: '/',
      Arn: 'arn:aws:iam::123456789012:role/web',
    });
    expect(role.RoleId).toMatch(/^AROA/);
    expect(role.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(TRUST);
  });

  itWithCli('v1')(
    'prints the instance profile through the AWS CLI with the role trust policy decoded',
    async () => {
      const aws = await awsCli('v1', t.url, t.root);
      const { status, stderr, stdout } = await aws.run([
        'iam',
        'get-instance-profile',
        '--instance-profile-name',
        'WebProfile',
      ]);
      expect(status, stderr).toBe(0);
      const out = JSON.parse(stdout) as {
        InstanceProfile: {
          InstanceProfileName: string;
          Roles: { RoleName: string; AssumeRolePolicyDocument: unknown }[];
        };
      };
      expect(out.InstanceProfile.InstanceProfileName).toBe('WebProfile');
      expect(out.InstanceProfile.Roles.map((r) => r.RoleName)).toEqual(['web']);
      expect(out.InstanceProfile.Roles[0]?.AssumeRolePolicyDocument).toEqual(JSON.parse(TRUST));
    },
  );

  it('refuses a second role, and the same role again, with the InstanceSessionsPerInstanceProfile quota', async () => {
    const iam = t.iam();
    for (const RoleName of ['batch', 'web']) {
      const e = await awsError(() =>
        iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName })),
      );
      expect(e).toMatchObject({
        code: 'LimitExceeded',
        status: 409,
        message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
      });
    }
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'WebProfile' }));
    expect(got.InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual(['web']);
  });

  it('refuses to add a role that does not exist', async () => {
    const e = await awsError(() =>
      t
        .iam()
        .send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'ghost' })),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role with name ghost cannot be found.',
    });
  });

  it('refuses to add a role to an instance profile that does not exist', async () => {
    const e = await awsError(() =>
      t.iam().send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ghost', RoleName: 'web' })),
    );
    expect(e).toMatchObject({ code: 'NoSuchEntity', message: 'Instance Profile ghost cannot be found.' });
  });

  it('refuses to put a service-linked role into an instance profile', async () => {
    const iam = t.iam();
    const slr = await iam.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }),
    );
    const name = slr.Role!.RoleName!;
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ForService' }));
    const e = await awsError(() =>
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ForService', RoleName: name })),
    );
    expect(e).toMatchObject({
      code: 'UnmodifiableEntity',
      status: 400,
      message: `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
    });
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ForService' }));
    expect(got.InstanceProfile?.Roles).toEqual([]);
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'ForService' }));
  });

  it('lists instance profiles by name with their roles, under a path prefix, and pages them', async () => {
    const iam = t.iam();
    for (const n of ['p1', 'p2', 'p3'])
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: n, Path: '/batch/' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'p2', RoleName: 'batch' }));
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListInstanceProfilesCommand({ MaxItems: 3, Marker: marker }));
      names.push(...(page.InstanceProfiles ?? []).map((p) => p.InstanceProfileName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(names).toEqual(['p1', 'p2', 'p3', 'WebProfile']);
    expect(pages).toBe(2);
    const all = await iam.send(new ListInstanceProfilesCommand({}));
    const web = all.InstanceProfiles?.find((p) => p.InstanceProfileName === 'WebProfile');
    expect(web?.Roles?.map((r) => r.RoleName)).toEqual(['web']);
    expect(web?.Tags).toBeUndefined();
    const filtered = await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/batch/' }));
    expect(filtered.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['p1', 'p2', 'p3']);
  });

  it('lists the instance profiles that hold a role', async () => {
    const iam = t.iam();
    const forBatch = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'batch' }));
    expect(forBatch.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['p2']);
    expect(forBatch.InstanceProfiles?.[0]?.Roles?.[0]?.Arn).toBe('arn:aws:iam::123456789012:role/jobs/batch');
    expect(forBatch.IsTruncated).toBe(false);
    const e = await awsError(() => iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'ghost' })));
    expect(e).toMatchObject({ code: 'NoSuchEntity', message: 'The role with name ghost cannot be found.' });
  });

  it('refuses to delete an instance profile that still holds a role', async () => {
    const e = await awsError(() =>
      t.iam().send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'WebProfile' })),
    );
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must remove roles from instance profile first.',
    });
    await t.iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'WebProfile' }));
  });

  it('keeps a role that is in an instance profile from being deleted', async () => {
    const e = await awsError(() => t.iam().send(new DeleteRoleCommand({ RoleName: 'web' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must remove roles from instance profile first.',
    });
  });

  it('answers NoSuchEntity when removing a role the instance profile does not hold', async () => {
    const e = await awsError(() =>
      t
        .iam()
        .send(
          new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'batch' }),
        ),
    );
    expect(e.code).toBe('NoSuchEntity');
    expect(e.status).toBe(404);
    const missingRole = await awsError(() =>
      t
        .iam()
        .send(
          new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'ghost' }),
        ),
    );
    expect(missingRole).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
    });
  });

  it('removes the role, then deletes the instance profile and its tags', async () => {
    const iam = t.iam();
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'web' }),
    );
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'WebProfile' }));
    expect(got.InstanceProfile?.Roles).toEqual([]);
    const forWeb = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web' }));
    expect(forWeb.InstanceProfiles).toEqual([]);
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'WebProfile' }));
    const e = await awsError(() =>
      iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'WebProfile' })),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      message: 'Instance Profile WebProfile cannot be found.',
    });
    // A new profile of the same name starts without the old one's tags.
    const again = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'WebProfile' }));
    expect(again.InstanceProfile?.Tags).toBeUndefined();
    const tags = await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'WebProfile' }));
    expect(tags.Tags).toEqual([]);
    await iam.send(new DeleteRoleCommand({ RoleName: 'web' }));
  });

  it('tags, lists tags and untags an instance profile', async () => {
    const iam = t.iam();
    await iam.send(
      new TagInstanceProfileCommand({
        InstanceProfileName: 'p1',
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await iam.send(
      new TagInstanceProfileCommand({ InstanceProfileName: 'p1', Tags: [{ Key: 'A', Value: '3' }] }),
    );
    const tags = await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'p1' }));
    expect(tags.Tags).toEqual([
      { Key: 'A', Value: '3' },
      { Key: 'b', Value: '2' },
    ]);
    const page = await iam.send(
      new ListInstanceProfileTagsCommand({ InstanceProfileName: 'p1', MaxItems: 1 }),
    );
    expect(page.IsTruncated).toBe(true);
    expect(page.Tags).toEqual([{ Key: 'A', Value: '3' }]);
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'p1', TagKeys: ['a'] }));
    const after = await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'p1' }));
    expect(after.Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'p1' }));
    expect(got.InstanceProfile?.Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('refuses reserved and duplicate tag keys, and tagging an unknown instance profile', async () => {
    const iam = t.iam();
    const reserved = await awsError(() =>
      iam.send(
        new TagInstanceProfileCommand({ InstanceProfileName: 'p1', Tags: [{ Key: 'aws:x', Value: '1' }] }),
      ),
    );
    expect(reserved).toMatchObject({
      code: 'InvalidInput',
      message: 'User-defined tag keys can\'t start with "aws:".',
    });
    const dup = await awsError(() =>
      iam.send(
        new CreateInstanceProfileCommand({
          InstanceProfileName: 'dup',
          Tags: [
            { Key: 'k', Value: '1' },
            { Key: 'K', Value: '2' },
          ],
        }),
      ),
    );
    expect(dup.code).toBe('InvalidInput');
    const none = await awsError(() =>
      iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'dup' })),
    );
    expect(none.code).toBe('NoSuchEntity');
    for (const send of [
      () =>
        iam.send(
          new TagInstanceProfileCommand({ InstanceProfileName: 'ghost', Tags: [{ Key: 'a', Value: '1' }] }),
        ),
      () => iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'ghost', TagKeys: ['a'] })),
      () => iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'ghost' })),
    ]) {
      const e = await awsError(send);
      expect(e).toMatchObject({ code: 'NoSuchEntity', message: 'Instance Profile ghost cannot be found.' });
    }
  });
});

describe.each(BACKENDS)('instance profile quota on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, {
      config: { quotas: { ...DEFAULT_QUOTAS, instanceProfilesPerAccount: 2 } },
    });
  });
  afterAll(() => t.destroy());

  it('refuses an instance profile beyond the InstanceProfilesPerAccount quota', async () => {
    const iam = t.iam();
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'one' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'two' }));
    const e = await awsError(() =>
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'three' })),
    );
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for InstanceProfilesPerAccount: 2',
    });
    const list = await iam.send(new ListInstanceProfilesCommand({}));
    expect(list.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['one', 'two']);
  });
});
