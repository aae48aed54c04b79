// Permissions boundaries and the iam:PermissionsBoundary condition key over HTTP with the real AWS
// SDK v3, on each storage backend: a boundary caps what an administrator's policies allow; the IAM
// User Guide's delegated administrator may create and change users only under a given boundary
// (iam:PermissionsBoundary is the boundary a request sets, or the one the target user or role already
// has); and the actions AWS authorizes on a second resource (a rename's new name, the role an instance
// profile receives) are refused without that permission too.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
import {
  AddRoleToInstanceProfileCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetUserCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessDenied,
  allow,
  deny,
  expectDenied,
  iamArn,
  makeUser,
  policy,
  type IamUser,
} from '../support/enforcement-principals.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe.each(BACKENDS)('permissions boundaries on %s', (backend) => {
  let t: TestServer;
  let readOnlyBoundary: string;
  let otherBoundary: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const root = t.iam();
    readOnlyBoundary = (
      await root.send(
        new CreatePolicyCommand({
          PolicyName: 'XCompanyBoundaries',
          PolicyDocument: policy(allow(['iam:Get*', 'iam:List*'])),
        }),
      )
    ).Policy!.Arn!;
    otherBoundary = (
      await root.send(
        new CreatePolicyCommand({ PolicyName: 'OtherBoundary', PolicyDocument: policy(allow('iam:*')) }),
      )
    ).Policy!.Arn!;
    await root.send(new CreateUserCommand({ UserName: 'bob' }));
  });
  afterAll(() => t.destroy());

  describe('a boundary limiting an administrator', () => {
    it('allows only what both the identity policies and the boundary allow', async () => {
      const u = await makeUser(t, 'capped-admin', { managed: [ADMIN], boundary: readOnlyBoundary });
      expect((await u.iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
      await u.iam.send(new ListUsersCommand({}));
      await expectDenied(
        () => u.iam.send(new CreateUserCommand({ UserName: 'not-made' })),
        accessDenied(u.arn, 'iam:CreateUser', iamArn('user/not-made'), 'no-boundary-allow'),
      );
    });

    it('grants nothing by itself', async () => {
      const u = await makeUser(t, 'boundary-only', { boundary: otherBoundary });
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/bob'), 'no-identity-allow'),
      );
    });

    it('denies with the permissions-boundary wording when the boundary denies explicitly', async () => {
      const { Policy } = await t.iam().send(
        new CreatePolicyCommand({
          PolicyName: 'NoDeletes',
          PolicyDocument: policy(allow('iam:*'), deny('iam:Delete*')),
        }),
      );
      const u = await makeUser(t, 'no-deletes', { managed: [ADMIN], boundary: Policy!.Arn! });
      await expectDenied(
        () => u.iam.send(new DeleteUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:DeleteUser', iamArn('user/bob'), 'boundary-deny'),
      );
    });

    it('stops limiting at the next call once removed, and limits again when its policy changes', async () => {
      const { Policy } = await t
        .iam()
        .send(
          new CreatePolicyCommand({ PolicyName: 'Movable', PolicyDocument: policy(allow('iam:GetUser')) }),
        );
      const u = await makeUser(t, 'unbounded-later', { managed: [ADMIN], boundary: Policy!.Arn! });
      const denied = accessDenied(u.arn, 'iam:ListUsers', iamArn('user/'), 'no-boundary-allow');
      await expectDenied(() => u.iam.send(new ListUsersCommand({})), denied);
      await t.iam().send(
        new CreatePolicyVersionCommand({
          PolicyArn: Policy!.Arn!,
          PolicyDocument: policy(allow('iam:List*')),
          SetAsDefault: true,
        }),
      );
      await u.iam.send(new ListUsersCommand({}));
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/bob'), 'no-boundary-allow'),
      );
      await t.iam().send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'unbounded-later' }));
      await u.iam.send(new GetUserCommand({ UserName: 'bob' }));
    });
  });

  describe('the delegated administrator of the IAM User Guide', () => {
    let admin: IamUser;
    beforeAll(async () => {
      const delegated = policy(
        {
          Sid: 'CreateOrChangeOnlyWithBoundary',
          Effect: 'Allow',
          Action: [
            'iam:CreateUser',
            'iam:DeleteUserPolicy',
            'iam:AttachUserPolicy',
            'iam:DetachUserPolicy',
            'iam:PutUserPermissionsBoundary',
            'iam:PutUserPolicy',
          ],
          Resource: '*',
          Condition: { StringEquals: { 'iam:PermissionsBoundary': readOnlyBoundary } },
        },
        {
          Sid: 'OtherIAMTasks',
          Effect: 'Allow',
          Action: ['iam:GetUser', 'iam:ListUsers', 'iam:DeleteUser', 'iam:UpdateUser', 'iam:CreateAccessKey'],
          NotResource: iamArn('user/shirley'),
        },
        {
          Sid: 'NoBoundaryPolicyEdit',
          Effect: 'Deny',
          Action: [
            'iam:CreatePolicyVersion',
            'iam:DeletePolicy',
            'iam:DeletePolicyVersion',
            'iam:SetDefaultPolicyVersion',
          ],
          Resource: [readOnlyBoundary],
        },
        {
          Sid: 'NoBoundaryUserDelete',
          Effect: 'Deny',
          Action: 'iam:DeleteUserPermissionsBoundary',
          Resource: '*',
        },
      );
      admin = await makeUser(t, 'shirley', { inline: { delegated } });
      await t.iam().send(new CreateUserCommand({ UserName: 'unbounded' }));
      await t
        .iam()
        .send(new CreateUserCommand({ UserName: 'other-bounded', PermissionsBoundary: otherBoundary }));
    });

    it('creates users only with the boundary', async () => {
      const { User } = await admin.iam.send(
        new CreateUserCommand({ UserName: 'delegate-made', PermissionsBoundary: readOnlyBoundary }),
      );
      expect(User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(readOnlyBoundary);
      await expectDenied(
        () => admin.iam.send(new CreateUserCommand({ UserName: 'no-boundary' })),
        accessDenied(admin.arn, 'iam:CreateUser', iamArn('user/no-boundary'), 'no-identity-allow'),
      );
      await expectDenied(
        () =>
          admin.iam.send(
            new CreateUserCommand({ UserName: 'wrong-boundary', PermissionsBoundary: otherBoundary }),
          ),
        accessDenied(admin.arn, 'iam:CreateUser', iamArn('user/wrong-boundary'), 'no-identity-allow'),
      );
    });

    it('changes the policies of users that already have the boundary, and of no others', async () => {
      await t
        .iam()
        .send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: readOnlyBoundary }));
      await admin.iam.send(new AttachUserPolicyCommand({ UserName: 'bounded', PolicyArn: ADMIN }));
      await admin.iam.send(
        new PutUserPolicyCommand({
          UserName: 'bounded',
          PolicyName: 'p',
          PolicyDocument: policy(allow('iam:GetUser')),
        }),
      );
      await admin.iam.send(new DeleteUserPolicyCommand({ UserName: 'bounded', PolicyName: 'p' }));
      await admin.iam.send(new DetachUserPolicyCommand({ UserName: 'bounded', PolicyArn: ADMIN }));
      for (const UserName of ['unbounded', 'other-bounded']) {
        await expectDenied(
          () => admin.iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: ADMIN })),
          accessDenied(admin.arn, 'iam:AttachUserPolicy', iamArn(`user/${UserName}`), 'no-identity-allow'),
        );
        await expectDenied(
          () =>
            admin.iam.send(
              new PutUserPolicyCommand({ UserName, PolicyName: 'p', PolicyDocument: policy(allow('iam:*')) }),
            ),
          accessDenied(admin.arn, 'iam:PutUserPolicy', iamArn(`user/${UserName}`), 'no-identity-allow'),
        );
      }
    });

    it('sets the boundary and no other, and never removes one', async () => {
      await admin.iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: 'unbounded',
          PermissionsBoundary: readOnlyBoundary,
        }),
      );
      await expectDenied(
        () =>
          admin.iam.send(
            new PutUserPermissionsBoundaryCommand({
              UserName: 'unbounded',
              PermissionsBoundary: otherBoundary,
            }),
          ),
        accessDenied(
          admin.arn,
          'iam:PutUserPermissionsBoundary',
          iamArn('user/unbounded'),
          'no-identity-allow',
        ),
      );
      await expectDenied(
        () => admin.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'unbounded' })),
        accessDenied(
          admin.arn,
          'iam:DeleteUserPermissionsBoundary',
          iamArn('user/unbounded'),
          'identity-deny',
        ),
      );
      await expectDenied(
        () =>
          admin.iam.send(
            new CreatePolicyVersionCommand({
              PolicyArn: readOnlyBoundary,
              PolicyDocument: policy(allow('*')),
            }),
          ),
        accessDenied(admin.arn, 'iam:CreatePolicyVersion', readOnlyBoundary, 'identity-deny'),
      );
    });

    it('cannot change itself, and the users it makes cannot exceed the boundary', async () => {
      await expectDenied(
        () => admin.iam.send(new DeleteUserCommand({ UserName: 'shirley' })),
        accessDenied(admin.arn, 'iam:DeleteUser', admin.arn, 'no-identity-allow'),
      );
      await admin.iam.send(
        new CreateUserCommand({ UserName: 'made-admin', PermissionsBoundary: readOnlyBoundary }),
      );
      await admin.iam.send(new AttachUserPolicyCommand({ UserName: 'made-admin', PolicyArn: ADMIN }));
      const { AccessKey } = await admin.iam.send(new CreateAccessKeyCommand({ UserName: 'made-admin' }));
      const made = t.iam({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      });
      await made.send(new GetUserCommand({ UserName: 'bob' }));
      await expectDenied(
        () => made.send(new CreateUserCommand({ UserName: 'escalated' })),
        accessDenied(
          iamArn('user/made-admin'),
          'iam:CreateUser',
          iamArn('user/escalated'),
          'no-boundary-allow',
        ),
      );
    });
  });

  describe('roles under a required boundary', () => {
    it('iam:PermissionsBoundary on CreateRole and PutRolePolicy is the boundary requested or already set', async () => {
      const u = await makeUser(t, 'role-maker', {
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: ['iam:CreateRole', 'iam:PutRolePolicy'],
            Resource: iamArn('role/*'),
            Condition: { StringEquals: { 'iam:PermissionsBoundary': readOnlyBoundary } },
          }),
        },
      });
      await u.iam.send(
        new CreateRoleCommand({
          RoleName: 'bounded-role',
          AssumeRolePolicyDocument: TRUST,
          PermissionsBoundary: readOnlyBoundary,
        }),
      );
      await u.iam.send(
        new PutRolePolicyCommand({
          RoleName: 'bounded-role',
          PolicyName: 'p',
          PolicyDocument: policy(allow('iam:*')),
        }),
      );
      await expectDenied(
        () => u.iam.send(new CreateRoleCommand({ RoleName: 'free-role', AssumeRolePolicyDocument: TRUST })),
        accessDenied(u.arn, 'iam:CreateRole', iamArn('role/free-role'), 'no-identity-allow'),
      );
      await t.iam().send(new CreateRoleCommand({ RoleName: 'free-role', AssumeRolePolicyDocument: TRUST }));
      await expectDenied(
        () =>
          u.iam.send(
            new PutRolePolicyCommand({
              RoleName: 'free-role',
              PolicyName: 'p',
              PolicyDocument: policy(allow('iam:*')),
            }),
          ),
        accessDenied(u.arn, 'iam:PutRolePolicy', iamArn('role/free-role'), 'no-identity-allow'),
      );
    });
  });

  describe('actions authorized on a second resource', () => {
    it('UpdateUser needs permission on the user as it is and as it will be', async () => {
      await t.iam().send(new CreateUserCommand({ UserName: 'renamed', Path: '/team/' }));
      const u = await makeUser(t, 'team-renamer', {
        inline: { p: policy(allow(['iam:UpdateUser', 'iam:GetUser'], iamArn('user/team/*'))) },
      });
      await expectDenied(
        () => u.iam.send(new UpdateUserCommand({ UserName: 'renamed', NewPath: '/outside/' })),
        accessDenied(u.arn, 'iam:UpdateUser', iamArn('user/outside/renamed'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new UpdateUserCommand({ UserName: 'bob', NewPath: '/team/' })),
        accessDenied(u.arn, 'iam:UpdateUser', iamArn('user/bob'), 'no-identity-allow'),
      );
      await u.iam.send(new UpdateUserCommand({ UserName: 'renamed', NewUserName: 'renamed-2' }));
      expect((await u.iam.send(new GetUserCommand({ UserName: 'renamed-2' }))).User?.Arn).toBe(
        iamArn('user/team/renamed-2'),
      );
    });

    it('UpdateGroup needs permission on the group as it is and as it will be', async () => {
      await t.iam().send(new CreateGroupCommand({ GroupName: 'eng', Path: '/eng/' }));
      const u = await makeUser(t, 'group-renamer', {
        inline: { p: policy(allow(['iam:UpdateGroup', 'iam:GetGroup'], iamArn('group/eng/*'))) },
      });
      await expectDenied(
        () => u.iam.send(new UpdateGroupCommand({ GroupName: 'eng', NewPath: '/ops/' })),
        accessDenied(u.arn, 'iam:UpdateGroup', iamArn('group/ops/eng'), 'no-identity-allow'),
      );
      await u.iam.send(new UpdateGroupCommand({ GroupName: 'eng', NewGroupName: 'engineering' }));
      expect((await u.iam.send(new GetGroupCommand({ GroupName: 'engineering' }))).Group?.Arn).toBe(
        iamArn('group/eng/engineering'),
      );
    });

    it('AddRoleToInstanceProfile needs iam:PassRole on the role', async () => {
      const root = t.iam();
      await root.send(
        new CreateRoleCommand({ RoleName: 'app-role', Path: '/apps/', AssumeRolePolicyDocument: TRUST }),
      );
      await root.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
      const u = await makeUser(t, 'profile-builder', {
        inline: { p: policy(allow('iam:AddRoleToInstanceProfile')) },
      });
      await expectDenied(
        () =>
          u.iam.send(
            new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app-role' }),
          ),
        accessDenied(u.arn, 'iam:PassRole', iamArn('role/apps/app-role'), 'no-identity-allow'),
      );
      await root.send(
        new PutUserPolicyCommand({
          UserName: 'profile-builder',
          PolicyName: 'pass',
          PolicyDocument: policy(allow('iam:PassRole', iamArn('role/apps/*'))),
        }),
      );
      await u.iam.send(
        new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app-role' }),
      );
    });
  });
});
