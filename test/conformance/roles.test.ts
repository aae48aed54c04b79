// Roles and their inline policies over HTTP with the real AWS SDK v3 IAM client, on each storage backend.
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  DetachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALFORMED, policySizeWithoutWhitespace } from '../../src/policy/index.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
const TRUST = trust('ec2.amazonaws.com');

const identityPolicy = (action: string, sid = 'S1') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Allow', Action: action, Resource: '*' }],
  });

/** A valid trust policy trusting `n` accounts' roots, to reach a given size. */
const trustOfAccounts = (n: number, indent?: number) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          // services, not accounts: AWS principals must exist, and these only pad the document
          Principal: {
            Service: Array.from(
              { length: n },
              (_, i) => `s${String(i).padStart(3, '0')}-principal-x.amazonaws.com`,
            ),
          },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    null,
    indent,
  );

describe.each(BACKENDS)('roles on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('creates a role with path, description, session duration and tags, and reads it back', async () => {
    const iam = t.iam();
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'web',
        Path: '/apps/',
        AssumeRolePolicyDocument: TRUST,
        Description: 'web servers',
        MaxSessionDuration: 7200,
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/apps/web`);
    expect(created.Role?.Path).toBe('/apps/');
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    expect(created.Role?.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    expect(created.Role?.Tags).toEqual([{ Key: 'team', Value: 'core' }]);
    expect(created.Role?.RoleLastUsed).toBeUndefined();

    const got = await iam.send(new GetRoleCommand({ RoleName: 'WEB' }));
    expect(got.Role).toMatchObject({
      RoleName: 'web',
      RoleId: created.Role?.RoleId,
      Arn: `arn:aws:iam::${ACCOUNT}:role/apps/web`,
      Description: 'web servers',
      MaxSessionDuration: 7200,
      Tags: [{ Key: 'team', Value: 'core' }],
      RoleLastUsed: {},
    });
    // AWS returns policy documents URL-encoded (RFC 3986); the SDK leaves decoding to the caller.
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toBe(TRUST);
    expect(got.Role?.PermissionsBoundary).toBeUndefined();
  });

  it('defaults MaxSessionDuration to 3600 and the path to /', async () => {
    const created = await t
      .iam()
      .send(new CreateRoleCommand({ RoleName: 'plain', AssumeRolePolicyDocument: TRUST }));
    expect(created.Role?.MaxSessionDuration).toBe(3600);
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/plain`);
    expect(created.Role?.Description).toBeUndefined();
  });

  it('refuses a second role whose name differs only in case', async () => {
    const e = await awsError(() =>
      t.iam().send(new CreateRoleCommand({ RoleName: 'Web', AssumeRolePolicyDocument: TRUST })),
    );
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'Role with name Web already exists.',
    });
  });

  it("answers NoSuchEntity with AWS's message for an unknown role", async () => {
    const e = await awsError(() => t.iam().send(new GetRoleCommand({ RoleName: 'nobody' })));
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role with name nobody cannot be found.',
    });
  });

  it('refuses a trust policy without a Principal and creates nothing', async () => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
    });
    const e = await awsError(() =>
      t.iam().send(new CreateRoleCommand({ RoleName: 'noprincipal', AssumeRolePolicyDocument: doc })),
    );
    expect(e).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: MALFORMED.trustWithoutPrincipal,
    });
    expect((await awsError(() => t.iam().send(new GetRoleCommand({ RoleName: 'noprincipal' })))).code).toBe(
      'NoSuchEntity',
    );
  });

  it('refuses a trust policy over 2,048 characters without white space with the ACLSizePerRole quota', async () => {
    const big = trustOfAccounts(60);
    expect(big.replace(/\s/g, '').length).toBeGreaterThan(2048);
    const e = await awsError(() =>
      t.iam().send(new CreateRoleCommand({ RoleName: 'bigtrust', AssumeRolePolicyDocument: big })),
    );
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
    });
  });

  it('does not count white space towards the trust policy size', async () => {
    const spaced = trustOfAccounts(40, 8);
    expect(spaced.length).toBeGreaterThan(2048);
    expect(spaced.replace(/\s/g, '').length).toBeLessThanOrEqual(2048);
    await t.iam().send(new CreateRoleCommand({ RoleName: 'spaced', AssumeRolePolicyDocument: spaced }));
    const got = await t.iam().send(new GetRoleCommand({ RoleName: 'spaced' }));
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toBe(spaced);
    await t.iam().send(new DeleteRoleCommand({ RoleName: 'spaced' }));
  });

  it("rejects a MaxSessionDuration below 3600 with AWS's ValidationError wording", async () => {
    const e = await awsError(() =>
      t.iam().send(
        new CreateRoleCommand({
          RoleName: 'short',
          AssumeRolePolicyDocument: TRUST,
          MaxSessionDuration: 900,
        }),
      ),
    );
    expect(e).toMatchObject({
      code: 'ValidationError',
      status: 400,
      message:
        "1 validation error detected: Value '900' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    });
  });

  it('reserves the /aws-service-role/ path for service-linked roles', async () => {
    const e = await awsError(() =>
      t.iam().send(
        new CreateRoleCommand({
          RoleName: 'AWSServiceRoleForFake',
          Path: '/aws-service-role/fake.amazonaws.com/',
          AssumeRolePolicyDocument: trust('fake.amazonaws.com'),
        }),
      ),
    );
    expect(e).toMatchObject({
      code: 'InvalidInput',
      status: 400,
      message: "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
    });
  });

  it('lists roles by name with pagination and a path prefix, without boundary, tags or last use', async () => {
    const iam = t.iam();
    for (const n of ['r1', 'r2', 'r3'])
      await iam.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: TRUST }));
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: marker }));
      names.push(...(page.Roles ?? []).map((r) => r.RoleName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(names).toEqual(['plain', 'r1', 'r2', 'r3', 'web']);
    expect(pages).toBe(3);
    const apps = await iam.send(new ListRolesCommand({ PathPrefix: '/apps/' }));
    expect(apps.Roles?.map((r) => r.RoleName)).toEqual(['web']);
    const web = apps.Roles![0]!;
    expect(web.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    expect(web.MaxSessionDuration).toBe(7200);
    expect(web.Description).toBe('web servers');
    expect(web.Tags).toBeUndefined();
    expect(web.RoleLastUsed).toBeUndefined();
    expect(web.PermissionsBoundary).toBeUndefined();
  });

  it('updates the description and maximum session duration', async () => {
    const iam = t.iam();
    await iam.send(
      new UpdateRoleCommand({ RoleName: 'r1', Description: 'first', MaxSessionDuration: 43200 }),
    );
    let got = await iam.send(new GetRoleCommand({ RoleName: 'r1' }));
    expect(got.Role).toMatchObject({ Description: 'first', MaxSessionDuration: 43200 });
    const updated = await iam.send(
      new UpdateRoleDescriptionCommand({ RoleName: 'r1', Description: 'second' }),
    );
    expect(updated.Role).toMatchObject({ RoleName: 'r1', Description: 'second', MaxSessionDuration: 43200 });
    got = await iam.send(new GetRoleCommand({ RoleName: 'r1' }));
    expect(got.Role?.Description).toBe('second');
    const e = await awsError(() => iam.send(new UpdateRoleCommand({ RoleName: 'nobody', Description: 'x' })));
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role with name nobody cannot be found.',
    });
    const v = await awsError(() =>
      iam.send(new UpdateRoleCommand({ RoleName: 'r1', MaxSessionDuration: 50000 })),
    );
    expect(v).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(v.message).toContain('Member must have value less than or equal to 43200');
  });

  it('replaces the trust policy, and keeps it when the new one is malformed', async () => {
    const iam = t.iam();
    const lambda = trust('lambda.amazonaws.com');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r2', PolicyDocument: lambda }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r2' }))).Role?.AssumeRolePolicyDocument).toBe(
      encodeURIComponent(lambda),
    );
    const bad = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
    });
    const e = await awsError(() =>
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r2', PolicyDocument: bad })),
    );
    expect(e).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: MALFORMED.trustWithoutPrincipal,
    });
    const big = await awsError(() =>
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r2', PolicyDocument: trustOfAccounts(60) })),
    );
    expect(big).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
    });
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r2' }))).Role?.AssumeRolePolicyDocument).toBe(
      encodeURIComponent(lambda),
    );
    const missing = await awsError(() =>
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'nobody', PolicyDocument: lambda })),
    );
    expect(missing.code).toBe('NoSuchEntity');
  });

  it('tags, lists tags and untags a role', async () => {
    const iam = t.iam();
    await iam.send(
      new TagRoleCommand({
        RoleName: 'r3',
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await iam.send(new TagRoleCommand({ RoleName: 'r3', Tags: [{ Key: 'A', Value: '3' }] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'r3' }))).Tags).toEqual([
      { Key: 'A', Value: '3' },
      { Key: 'b', Value: '2' },
    ]);
    const paged = await iam.send(new ListRoleTagsCommand({ RoleName: 'r3', MaxItems: 1 }));
    expect(paged).toMatchObject({ Tags: [{ Key: 'A', Value: '3' }], IsTruncated: true });
    await iam.send(new UntagRoleCommand({ RoleName: 'r3', TagKeys: ['a'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'r3' }))).Tags).toEqual([
      { Key: 'b', Value: '2' },
    ]);
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r3' }))).Role?.Tags).toEqual([
      { Key: 'b', Value: '2' },
    ]);
    const dup = await awsError(() =>
      iam.send(
        new TagRoleCommand({
          RoleName: 'r3',
          Tags: [
            { Key: 'x', Value: '1' },
            { Key: 'X', Value: '2' },
          ],
        }),
      ),
    );
    expect(dup).toMatchObject({
      code: 'InvalidInput',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    });
    const missing = await awsError(() => iam.send(new ListRoleTagsCommand({ RoleName: 'nobody' })));
    expect(missing.code).toBe('NoSuchEntity');
  });

  it('gives a role’s tags in one order from GetRole and ListRoleTags: sorted by key, as AWS documents', async () => {
    const iam = t.iam();
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'tag-order',
        AssumeRolePolicyDocument: TRUST,
        Tags: [
          { Key: 'zeta', Value: '1' },
          { Key: 'Alpha', Value: '2' },
        ],
      }),
    );
    await iam.send(
      new TagRoleCommand({
        RoleName: 'tag-order',
        Tags: [
          { Key: 'mid', Value: '3' },
          { Key: 'ZETA', Value: 'overwritten' },
        ],
      }),
    );
    const fromGet = (await iam.send(new GetRoleCommand({ RoleName: 'tag-order' }))).Role!.Tags;
    const fromList = (await iam.send(new ListRoleTagsCommand({ RoleName: 'tag-order' }))).Tags;
    expect(fromGet).toEqual([
      { Key: 'Alpha', Value: '2' },
      { Key: 'mid', Value: '3' },
      { Key: 'ZETA', Value: 'overwritten' },
    ]);
    expect(fromList).toEqual(fromGet);
  });

  it('refuses a permissions boundary that names no attachable policy', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/nope`;
    const e = await awsError(() =>
      t.iam().send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r3', PermissionsBoundary: arn })),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: `Scope ARN: ${arn} does not exist or is not attachable.`,
    });
    const onCreate = await awsError(() =>
      t.iam().send(
        new CreateRoleCommand({
          RoleName: 'bounded',
          AssumeRolePolicyDocument: TRUST,
          PermissionsBoundary: arn,
        }),
      ),
    );
    expect(onCreate.code).toBe('NoSuchEntity');
    expect((await awsError(() => t.iam().send(new GetRoleCommand({ RoleName: 'bounded' })))).code).toBe(
      'NoSuchEntity',
    );
  });

  it('sets and removes a permissions boundary', async () => {
    const iam = t.iam();
    const policy = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'Boundary', PolicyDocument: identityPolicy('s3:*') }),
    );
    const policyArn = policy.Policy!.Arn!;
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r3', PermissionsBoundary: policyArn }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r3' }))).Role?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: policyArn,
    });
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'r3' }));
    expect(
      (await iam.send(new GetRoleCommand({ RoleName: 'r3' }))).Role?.PermissionsBoundary,
    ).toBeUndefined();
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'bounded',
        AssumeRolePolicyDocument: TRUST,
        PermissionsBoundary: policyArn,
      }),
    );
    expect(created.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(policyArn);
    await iam.send(new DeleteRoleCommand({ RoleName: 'bounded' }));
  });

  it('puts, gets, lists and deletes inline policies', async () => {
    const iam = t.iam();
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'r1',
        PolicyName: 'read',
        PolicyDocument: identityPolicy('s3:GetObject'),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'r1',
        PolicyName: 'Alpha',
        PolicyDocument: identityPolicy('s3:ListBucket'),
      }),
    );
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'r1', PolicyName: 'read' }));
    expect(got).toMatchObject({ RoleName: 'r1', PolicyName: 'read' });
    expect(got.PolicyDocument).toBe(encodeURIComponent(identityPolicy('s3:GetObject')));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'r1' }))).PolicyNames).toEqual([
      'Alpha',
      'read',
    ]);
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: 'r1', MaxItems: 1 }));
    expect(page).toMatchObject({ PolicyNames: ['Alpha'], IsTruncated: true });
    const next = await iam.send(new ListRolePoliciesCommand({ RoleName: 'r1', Marker: page.Marker }));
    expect(next.PolicyNames).toEqual(['read']);
    // putting a policy of the same name replaces it
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'r1',
        PolicyName: 'read',
        PolicyDocument: identityPolicy('s3:*'),
      }),
    );
    expect(
      (await iam.send(new GetRolePolicyCommand({ RoleName: 'r1', PolicyName: 'read' }))).PolicyDocument,
    ).toBe(encodeURIComponent(identityPolicy('s3:*')));
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r1', PolicyName: 'Alpha' }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'r1' }))).PolicyNames).toEqual(['read']);
  });

  it("answers AWS's errors for inline policies", async () => {
    const iam = t.iam();
    const missing = await awsError(() =>
      iam.send(new GetRolePolicyCommand({ RoleName: 'r1', PolicyName: 'none' })),
    );
    expect(missing).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role policy with name none cannot be found.',
    });
    const del = await awsError(() =>
      iam.send(new DeleteRolePolicyCommand({ RoleName: 'r1', PolicyName: 'none' })),
    );
    expect(del).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The role policy with name none cannot be found.',
    });
    const noRole = await awsError(() =>
      iam.send(
        new PutRolePolicyCommand({
          RoleName: 'nobody',
          PolicyName: 'p',
          PolicyDocument: identityPolicy('s3:*'),
        }),
      ),
    );
    expect(noRole).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The role with name nobody cannot be found.',
    });
    const malformed = await awsError(() =>
      iam.send(
        new PutRolePolicyCommand({
          RoleName: 'r1',
          PolicyName: 'p',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:*' }],
          }),
        }),
      ),
    );
    expect(malformed).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: MALFORMED.missingResources,
    });
    // the role's inline policies together may not exceed 10,240 characters without white space
    const bulky = (i: number) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: Array.from({ length: 60 }, (_, j) => `arn:aws:s3:::bucket-${i}-${j}/*`),
          },
        ],
      });
    const put = (i: number) =>
      iam.send(
        new PutRolePolicyCommand({ RoleName: 'r2', PolicyName: `bulk${i}`, PolicyDocument: bulky(i) }),
      );
    let total = 0;
    let i = 0;
    for (; total + policySizeWithoutWhitespace(bulky(i)) <= 10240; i++) {
      await put(i);
      total += policySizeWithoutWhitespace(bulky(i));
    }
    expect(i).toBeGreaterThan(1);
    const err = await awsError(() => put(i));
    expect(err).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Maximum policy size of 10240 bytes exceeded for role r2',
    });
    for (const name of (await iam.send(new ListRolePoliciesCommand({ RoleName: 'r2' }))).PolicyNames ?? [])
      await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r2', PolicyName: name }));
  });

  it('refuses to delete a role that has inline policies or is in an instance profile, then deletes it', async () => {
    const iam = t.iam();
    const inline = await awsError(() => iam.send(new DeleteRoleCommand({ RoleName: 'r1' })));
    expect(inline).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r1', PolicyName: 'read' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'r1-profile' }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'r1-profile', RoleName: 'r1' }),
    );
    const profile = await awsError(() => iam.send(new DeleteRoleCommand({ RoleName: 'r1' })));
    expect(profile).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must remove roles from instance profile first.',
    });
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'r1-profile', RoleName: 'r1' }),
    );
    await iam.send(new DeleteRoleCommand({ RoleName: 'r1' }));
    const gone = await awsError(() => iam.send(new GetRoleCommand({ RoleName: 'r1' })));
    expect(gone.code).toBe('NoSuchEntity');
    const again = await awsError(() => iam.send(new DeleteRoleCommand({ RoleName: 'r1' })));
    expect(again).toMatchObject({ code: 'NoSuchEntity', message: 'The role with name r1 cannot be found.' });
  });

  it('refuses to delete a role with an attached managed policy', async () => {
    const iam = t.iam();
    const policy = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'Attached', PolicyDocument: identityPolicy('s3:GetObject') }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r2', PolicyArn: policy.Policy!.Arn! }));
    const e = await awsError(() => iam.send(new DeleteRoleCommand({ RoleName: 'r2' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r2', PolicyArn: policy.Policy!.Arn! }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r2' }));
    expect((await awsError(() => iam.send(new GetRoleCommand({ RoleName: 'r2' })))).code).toBe(
      'NoSuchEntity',
    );
  });

  it('deletes a role together with its tags', async () => {
    const iam = t.iam();
    const role = await t.server.store.read((r) => r.roles.byName(ACCOUNT, 'r3'));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r3' }));
    expect(await t.server.store.read((r) => r.tags.list('role', role!.role_id))).toEqual([]);
    await iam.send(new CreateRoleCommand({ RoleName: 'r3', AssumeRolePolicyDocument: TRUST }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'r3' }))).Tags).toEqual([]);
  });

  it('reports RoleLastUsed from the recorded last use', async () => {
    const role = await t.server.store.read((r) => r.roles.byName(ACCOUNT, 'plain'));
    await t.server.store.writeRecords((r) =>
      r.roles.recordUses([{ roleId: role!.role_id, at: '2024-05-01T12:00:00.000Z', region: 'eu-west-1' }]),
    );
    const got = await t.iam().send(new GetRoleCommand({ RoleName: 'plain' }));
    expect(got.Role?.RoleLastUsed).toEqual({
      LastUsedDate: new Date('2024-05-01T12:00:00Z'),
      Region: 'eu-west-1',
    });
  });

  it('enforces the roles-per-account quota with LimitExceeded', async () => {
    const small = await startTestServer(backend, {
      config: { quotas: { ...t.config.quotas, rolesPerAccount: 1 } },
    });
    try {
      await small.iam().send(new CreateRoleCommand({ RoleName: 'one', AssumeRolePolicyDocument: TRUST }));
      const e = await awsError(() =>
        small.iam().send(new CreateRoleCommand({ RoleName: 'two', AssumeRolePolicyDocument: TRUST })),
      );
      expect(e).toMatchObject({
        code: 'LimitExceeded',
        status: 409,
        message: 'Cannot exceed quota for RolesPerAccount: 1',
      });
    } finally {
      await small.destroy();
    }
  });
});
