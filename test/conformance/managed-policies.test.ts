// Managed policies over HTTP with the real AWS SDK v3 IAM client, on each storage backend:
// customer managed policies, their versions and tags, and the AWS managed policies every account sees.
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserPermissionsBoundaryCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  PutUserPermissionsBoundaryCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/accounts.ts';
import {
  awsError,
  BACKENDS,
  type Credentials,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '210987654321';
const OTHER_ROOT: Credentials = {
  accessKeyId: 'AKIAOTHERACCOUNTKEY1',
  secretAccessKey: 'othersecretothersecretothersecretothersec',
};
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const doc = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });

const policyArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

describe.each(BACKENDS)('managed policies on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await ensureAccount(
      t.server.services.store,
      t.server.services.sealer,
      OTHER_ACCOUNT,
      new Date(),
      OTHER_ROOT,
    );
  });
  afterAll(() => t.destroy());

  it("creates a policy in AWS's Policy shape and reads it back with its description and tags", async () => {
    const iam = t.iam();
    const created = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'S3Reader',
        Path: '/team/',
        PolicyDocument: doc('s3:GetObject'),
        Description: 'Reads objects',
        Tags: [{ Key: 'owner', Value: 'core' }],
      }),
    );
    expect(created.Policy).toMatchObject({
      PolicyName: 'S3Reader',
      Arn: policyArn('S3Reader', '/team/'),
      Path: '/team/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Tags: [{ Key: 'owner', Value: 'core' }],
    });
    // AWS returns the Description from GetPolicy only
    expect(created.Policy).not.toHaveProperty('Description');
    expect(created.Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(created.Policy?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn('S3Reader', '/team/') }));
    expect(got.Policy).toMatchObject({
      PolicyId: created.Policy?.PolicyId,
      Description: 'Reads objects',
      Tags: [{ Key: 'owner', Value: 'core' }],
      DefaultVersionId: 'v1',
    });
    expect(got.Policy?.UpdateDate?.getTime()).toBe(created.Policy?.CreateDate?.getTime());
    // GetPolicy gives Tags as an empty list when there are none (GetUser and GetRole leave them out)
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Untagged', PolicyDocument: doc('s3:GetObject') }));
    const untagged = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn('Untagged') }));
    expect(untagged.Policy?.Tags).toEqual([]);
    await iam.send(new DeletePolicyCommand({ PolicyArn: policyArn('Untagged') }));
  });

  it('refuses a second policy whose name differs only in case, whatever its path', async () => {
    const e = await awsError(() =>
      t.iam().send(new CreatePolicyCommand({ PolicyName: 's3reader', PolicyDocument: doc('s3:GetObject') })),
    );
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'A policy called s3reader already exists. Duplicate names are not allowed.',
    });
  });

  it("rejects a malformed document with IAM's MalformedPolicyDocument message and creates nothing", async () => {
    const iam = t.iam();
    const noResource = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }],
    });
    const e = await awsError(() =>
      iam.send(new CreatePolicyCommand({ PolicyName: 'Broken', PolicyDocument: noResource })),
    );
    expect(e).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: 'Policy statement must contain resources.',
    });
    const syntax = await awsError(() =>
      iam.send(new CreatePolicyCommand({ PolicyName: 'Broken', PolicyDocument: '{"Version": ' })),
    );
    expect(syntax).toMatchObject({ code: 'MalformedPolicyDocument', message: 'Syntax errors in policy.' });
    const missing = await awsError(() => iam.send(new GetPolicyCommand({ PolicyArn: policyArn('Broken') })));
    expect(missing.code).toBe('NoSuchEntity');
    const arn = policyArn('S3Reader', '/team/');
    const version = await awsError(() =>
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: noResource })),
    );
    expect(version).toMatchObject({
      code: 'MalformedPolicyDocument',
      message: 'Policy statement must contain resources.',
    });
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(versions.Versions?.map((v) => v.VersionId)).toEqual(['v1']);
  });

  it('counts policy size without white space and refuses more than 6,144 characters', async () => {
    const iam = t.iam();
    const withSid = (sid: string) =>
      JSON.stringify(
        { Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
        null,
        8,
      );
    // A document of exactly `n` characters once white space is left out (and far more with it).
    const sized = (n: number) => withSid('S'.repeat(n - withSid('').replace(/\s/g, '').length));
    const fits = sized(6144);
    expect(fits.replace(/\s/g, '')).toHaveLength(6144);
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Big', PolicyDocument: fits }));
    const e = await awsError(() =>
      iam.send(new CreatePolicyCommand({ PolicyName: 'TooBig', PolicyDocument: sized(6145) })),
    );
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for PolicySize: 6144',
    });
    const tooBigVersion = await awsError(() =>
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn('Big'), PolicyDocument: sized(6145) })),
    );
    expect(tooBigVersion.code).toBe('LimitExceeded');
    await iam.send(new DeletePolicyCommand({ PolicyArn: policyArn('Big') }));
  });

  it("answers NoSuchEntity with AWS's message for an unknown policy and InvalidInput for a non-policy ARN", async () => {
    const iam = t.iam();
    const e = await awsError(() => iam.send(new GetPolicyCommand({ PolicyArn: policyArn('Nope') })));
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: `Policy ${policyArn('Nope')} was not found.`,
    });
    const bad = `arn:aws:iam::${ACCOUNT}:user/alice`;
    const invalid = await awsError(() => iam.send(new GetPolicyCommand({ PolicyArn: bad })));
    expect(invalid).toMatchObject({ code: 'InvalidInput', status: 400, message: `ARN ${bad} is not valid.` });
  });

  it('serves the AWS managed policies with their real ids, ARNs, versions and documents', async () => {
    const iam = t.iam();
    const admin = await iam.send(new GetPolicyCommand({ PolicyArn: ADMIN_ARN }));
    expect(admin.Policy).toMatchObject({
      PolicyName: 'AdministratorAccess',
      PolicyId: 'ANPAIWMBCKSKIEE64ZLYK',
      Path: '/',
      DefaultVersionId: 'v1',
      IsAttachable: true,
      Description: 'Provides full access to AWS services and resources.',
    });
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: ADMIN_ARN, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const readOnly = await iam.send(
      new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    expect(readOnly.Policy).toMatchObject({ PolicyId: 'ANPAILL3HVNFSB6DCOWYQ', DefaultVersionId: 'v182' });
    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    // ordered by name; the root task policies (for AssumeRoot) live under /root-task/
    expect(aws.Policies?.map((p) => p.Arn)).toEqual([
      ADMIN_ARN,
      'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials',
      'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword',
      'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
      'arn:aws:iam::aws:policy/IAMFullAccess',
      'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      'arn:aws:iam::aws:policy/PowerUserAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy',
      'arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy',
    ]);
    expect(aws.Policies?.[0]?.Description).toBeUndefined();
  });

  it('stores the AWS managed policies once, however many accounts exist', async () => {
    const rows = await t.server.store.rawRows('managed_policies');
    const admins = rows.filter((r) => r.arn === ADMIN_ARN);
    expect(admins).toHaveLength(1);
    expect(admins[0]?.account_id).toBe('aws');
  });

  it('refuses to change or delete an AWS managed policy with AccessDenied', async () => {
    const iam = t.iam();
    const denied = (action: string) =>
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: iam:${action} on resource: ${ADMIN_ARN} because no resource-based policy allows the iam:${action} action`;
    const del = await awsError(() => iam.send(new DeletePolicyCommand({ PolicyArn: ADMIN_ARN })));
    expect(del).toMatchObject({ code: 'AccessDenied', status: 403, message: denied('DeletePolicy') });
    const version = await awsError(() =>
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: ADMIN_ARN, PolicyDocument: doc('s3:*') })),
    );
    expect(version).toMatchObject({ code: 'AccessDenied', message: denied('CreatePolicyVersion') });
    const tag = await awsError(() =>
      iam.send(new TagPolicyCommand({ PolicyArn: ADMIN_ARN, Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    expect(tag).toMatchObject({ code: 'AccessDenied', message: denied('TagPolicy') });
    const still = await iam.send(new GetPolicyCommand({ PolicyArn: ADMIN_ARN }));
    expect(still.Policy?.DefaultVersionId).toBe('v1');
  });

  it("lists the account's own policies with Scope Local, under a path prefix, page by page", async () => {
    const iam = t.iam();
    for (const n of ['P1', 'P2', 'P3'])
      await iam.send(
        new CreatePolicyCommand({ PolicyName: n, Path: '/paged/', PolicyDocument: doc('sqs:*') }),
      );
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies?.map((p) => p.PolicyName)).toEqual(['P1', 'P2', 'P3', 'S3Reader']);
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(
        new ListPoliciesCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: marker }),
      );
      names.push(...(page.Policies ?? []).map((p) => p.PolicyName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(names).toEqual(['P1', 'P2', 'P3']);
    expect(pages).toBe(2);
    const all = await iam.send(new ListPoliciesCommand({}));
    // the account's 4, and AWS's 10 (5 of them root task policies)
    expect(all.Policies).toHaveLength(14);
  });

  it('filters ListPolicies to policies in use, as permissions policy or as boundary', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'lister' }));
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'lister', PolicyArn: policyArn('P1', '/paged/') }),
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: 'lister',
        PermissionsBoundary: policyArn('P2', '/paged/'),
      }),
    );
    const attached = await iam.send(new ListPoliciesCommand({ OnlyAttached: true }));
    expect(attached.Policies?.map((p) => p.PolicyName)).toEqual(['P1', 'P2']);
    const asPolicy = await iam.send(
      new ListPoliciesCommand({ OnlyAttached: true, PolicyUsageFilter: 'PermissionsPolicy' }),
    );
    expect(asPolicy.Policies?.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['P1', 1]]);
    const asBoundary = await iam.send(new ListPoliciesCommand({ PolicyUsageFilter: 'PermissionsBoundary' }));
    expect(asBoundary.Policies?.map((p) => [p.PolicyName, p.PermissionsBoundaryUsageCount])).toEqual([
      ['P2', 1],
    ]);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn('P2', '/paged/') }));
    expect(got.Policy?.PermissionsBoundaryUsageCount).toBe(1);
  });

  it('refuses to delete a policy still attached or used as a permissions boundary', async () => {
    const iam = t.iam();
    const message = 'Cannot delete a policy attached to entities.';
    const attached = await awsError(() =>
      iam.send(new DeletePolicyCommand({ PolicyArn: policyArn('P1', '/paged/') })),
    );
    expect(attached).toMatchObject({ code: 'DeleteConflict', status: 409, message });
    const bounding = await awsError(() =>
      iam.send(new DeletePolicyCommand({ PolicyArn: policyArn('P2', '/paged/') })),
    );
    expect(bounding).toMatchObject({ code: 'DeleteConflict', message });
    await iam.send(
      new DetachUserPolicyCommand({ UserName: 'lister', PolicyArn: policyArn('P1', '/paged/') }),
    );
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'lister' }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: policyArn('P1', '/paged/') }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: policyArn('P2', '/paged/') }));
    const gone = await awsError(() =>
      iam.send(new GetPolicyCommand({ PolicyArn: policyArn('P1', '/paged/') })),
    );
    expect(gone.code).toBe('NoSuchEntity');
  });

  it('creates versions, sets the default and lists them newest first', async () => {
    const iam = t.iam();
    const arn = policyArn('P3', '/paged/');
    const v2 = await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('sqs:Get*') }),
    );
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: false });
    expect(v2.PolicyVersion?.Document).toBeUndefined();
    const v3 = await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: doc('sqs:List*'),
        SetAsDefault: true,
      }),
    );
    expect(v3.PolicyVersion).toMatchObject({ VersionId: 'v3', IsDefaultVersion: true });
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(got.Policy?.DefaultVersionId).toBe('v3');
    expect(got.Policy!.UpdateDate!.getTime()).toBeGreaterThanOrEqual(got.Policy!.CreateDate!.getTime());
    const list = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(list.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v3', true],
      ['v2', false],
      ['v1', false],
    ]);
    expect(list.Versions?.[0]?.Document).toBeUndefined();
    const paged = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2 }));
    expect(paged.IsTruncated).toBe(true);
    const rest = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, Marker: paged.Marker }));
    expect(rest.Versions?.map((v) => v.VersionId)).toEqual(['v1']);
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    const after = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(after.Policy?.DefaultVersionId).toBe('v2');
  });

  it('returns a version document URL-encoded, exactly as it was written', async () => {
    const iam = t.iam();
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "sqs:Get*", "Resource": "*"}]\n}';
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Encoded', PolicyDocument: text }));
    const v = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: policyArn('Encoded'), VersionId: 'v1' }),
    );
    expect(v.PolicyVersion?.Document).toBe(encodeURIComponent(text));
    expect(v.PolicyVersion).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true });
  });

  it('answers NoSuchEntity for an unknown version and DeleteConflict for the default one', async () => {
    const iam = t.iam();
    const arn = policyArn('P3', '/paged/');
    const unknown = await awsError(() =>
      iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
    );
    expect(unknown).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: `Policy ${arn} version v9 does not exist or is not attachable.`,
    });
    const setUnknown = await awsError(() =>
      iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
    );
    expect(setUnknown.code).toBe('NoSuchEntity');
    const deleteDefault = await awsError(() =>
      iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })),
    );
    expect(deleteDefault).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete the default version of a policy.',
    });
  });

  it('keeps at most five versions and numbers new ones after deleted ones', async () => {
    const iam = t.iam();
    const arn = policyArn('P3', '/paged/');
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('sqs:A*') }));
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('sqs:B*') }));
    const e = await awsError(() =>
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('sqs:C*') })),
    );
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message:
        'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    const v6 = await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('sqs:C*') }),
    );
    expect(v6.PolicyVersion?.VersionId).toBe('v6');
    const gone = await awsError(() =>
      iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })),
    );
    expect(gone.code).toBe('NoSuchEntity');
  });

  it('refuses to delete a policy that still has non-default versions', async () => {
    const iam = t.iam();
    const arn = policyArn('P3', '/paged/');
    const e = await awsError(() => iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message:
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    });
    for (const v of ['v3', 'v4', 'v5', 'v6'])
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    const versions = await t.server.store.rawRows('policy_versions');
    expect(versions.filter((r) => r.document === doc('sqs:Get*'))).toHaveLength(0);
  });

  it('tags, lists tags and untags a policy', async () => {
    const iam = t.iam();
    const arn = policyArn('Encoded');
    await iam.send(
      new TagPolicyCommand({
        PolicyArn: arn,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'A', Value: '3' }] }));
    const tags = await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }));
    expect(tags.Tags).toEqual([
      { Key: 'A', Value: '3' },
      { Key: 'b', Value: '2' },
    ]);
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['a'] }));
    const after = await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }));
    expect(after.Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const missing = await awsError(() =>
      iam.send(new ListPolicyTagsCommand({ PolicyArn: policyArn('Nope') })),
    );
    expect(missing.code).toBe('NoSuchEntity');
  });

  it("denies reading another account's customer managed policy", async () => {
    const other = t.iam(OTHER_ROOT);
    const created = await other.send(
      new CreatePolicyCommand({ PolicyName: 'Theirs', PolicyDocument: doc('s3:*') }),
    );
    expect(created.Policy?.Arn).toBe(`arn:aws:iam::${OTHER_ACCOUNT}:policy/Theirs`);
    const e = await awsError(() => t.iam().send(new GetPolicyCommand({ PolicyArn: created.Policy!.Arn! })));
    expect(e).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: iam:GetPolicy on resource: ${created.Policy!.Arn} because no resource-based policy allows the iam:GetPolicy action`,
    });
    const local = await t.iam().send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies?.map((p) => p.PolicyName)).not.toContain('Theirs');
  });

  it("counts an AWS managed policy's attachments within the caller's account only", async () => {
    await t.iam().send(new AttachUserPolicyCommand({ UserName: 'lister', PolicyArn: ADMIN_ARN }));
    const other = t.iam(OTHER_ROOT);
    await other.send(new CreateUserCommand({ UserName: 'x' }));
    await other.send(new CreateUserCommand({ UserName: 'y' }));
    await other.send(new AttachUserPolicyCommand({ UserName: 'x', PolicyArn: ADMIN_ARN }));
    await other.send(new AttachUserPolicyCommand({ UserName: 'y', PolicyArn: ADMIN_ARN }));
    const mine = await t.iam().send(new GetPolicyCommand({ PolicyArn: ADMIN_ARN }));
    expect(mine.Policy?.AttachmentCount).toBe(1);
    const theirs = await other.send(new GetPolicyCommand({ PolicyArn: ADMIN_ARN }));
    expect(theirs.Policy?.AttachmentCount).toBe(2);
  });

  it('enforces the customer managed policies quota with LimitExceeded', async () => {
    const small = await startTestServer(backend, {
      config: { quotas: { ...t.config.quotas, customerManagedPoliciesPerAccount: 1 } },
    });
    try {
      const iam = small.iam();
      await iam.send(new CreatePolicyCommand({ PolicyName: 'one', PolicyDocument: doc('s3:*') }));
      const e = await awsError(() =>
        iam.send(new CreatePolicyCommand({ PolicyName: 'two', PolicyDocument: doc('s3:*') })),
      );
      expect(e).toMatchObject({
        code: 'LimitExceeded',
        status: 409,
        message: 'Cannot exceed quota for PoliciesPerAccount: 1',
      });
      const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
      expect(local.Policies?.map((p) => p.PolicyName)).toEqual(['one']);
    } finally {
      await small.destroy();
    }
  });
});
