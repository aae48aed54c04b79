// Every IAM call is decided by the policy engine from the caller's policies, over HTTP with the
// real AWS SDK v3, on each storage backend: inline, managed and group policies allow; an explicit
// Deny wins; Action and Resource wildcards, NotAction and NotResource match as in AWS; the ARN a
// call is authorized on carries the entity's real path; policy changes take effect at the next call;
// the root may do anything in its account and a user acts only in its own. Denials are AccessDenied
// (403) in AWS's wording (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
import {
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetGroupCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/accounts.ts';
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
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe.each(BACKENDS)('IAM enforcement by identity policies on %s', (backend) => {
  let t: TestServer;
  let nobody: IamUser;
  beforeAll(async () => {
    t = await startTestServer(backend);
    nobody = await makeUser(t, 'nobody');
    for (const [UserName, Path] of [
      ['bob', '/'],
      ['tess', '/team/'],
      ['tom', '/team/sub/'],
      ['ada', '/admins/'],
    ] as const)
      await t.iam().send(new CreateUserCommand({ UserName, Path }));
  });
  afterAll(() => t.destroy());

  describe('without any policy', () => {
    it('refuses every call with AccessDenied naming the caller, the action and the resource', async () => {
      await expectDenied(
        () => nobody.iam.send(new GetUserCommand({ UserName: 'bob' })),
        accessDenied(nobody.arn, 'iam:GetUser', iamArn('user/bob'), 'no-identity-allow'),
      );
      await expectDenied(
        () => nobody.iam.send(new CreateUserCommand({ UserName: 'newcomer', Path: '/eng/' })),
        accessDenied(nobody.arn, 'iam:CreateUser', iamArn('user/eng/newcomer'), 'no-identity-allow'),
      );
      await expectDenied(
        () => nobody.iam.send(new ListUsersCommand({})),
        accessDenied(nobody.arn, 'iam:ListUsers', iamArn('user/'), 'no-identity-allow'),
      );
      await expectDenied(
        () => nobody.iam.send(new ListPoliciesCommand({})),
        accessDenied(nobody.arn, 'iam:ListPolicies', 'policy path /', 'no-identity-allow'),
      );
      await expectDenied(
        () => nobody.iam.send(new GetAccountAuthorizationDetailsCommand({})),
        accessDenied(nobody.arn, 'iam:GetAccountAuthorizationDetails', '*', 'no-identity-allow'),
      );
    });

    it('refuses even reading the caller itself: GetUser without a UserName names its own ARN', async () => {
      await expectDenied(
        () => nobody.iam.send(new GetUserCommand({})),
        accessDenied(nobody.arn, 'iam:GetUser', nobody.arn, 'no-identity-allow'),
      );
    });

    it('names the resource with the path the user really has, not the one the request implies', async () => {
      await expectDenied(
        () => nobody.iam.send(new DeleteUserCommand({ UserName: 'tess' })),
        accessDenied(nobody.arn, 'iam:DeleteUser', iamArn('user/team/tess'), 'no-identity-allow'),
      );
      // and nothing was done
      expect((await t.iam().send(new GetUserCommand({ UserName: 'tess' }))).User?.Arn).toBe(
        iamArn('user/team/tess'),
      );
    });
  });

  describe('allowing', () => {
    it('allows what an inline user policy allows, and only that', async () => {
      const u = await makeUser(t, 'inline-reader', { inline: { read: policy(allow('iam:GetUser')) } });
      expect((await u.iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
      await expectDenied(
        () => u.iam.send(new GetRoleCommand({ RoleName: 'any' })),
        accessDenied(u.arn, 'iam:GetRole', iamArn('role/any'), 'no-identity-allow'),
      );
    });

    it('allows what an attached customer managed policy allows', async () => {
      const { Policy } = await t.iam().send(
        new CreatePolicyCommand({
          PolicyName: 'ListUsersOnly',
          PolicyDocument: policy(allow('iam:ListUsers')),
        }),
      );
      const u = await makeUser(t, 'managed-lister', { managed: [Policy!.Arn!] });
      const { Users } = await u.iam.send(new ListUsersCommand({}));
      expect(Users?.map((x) => x.UserName)).toContain('bob');
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/bob'), 'no-identity-allow'),
      );
    });

    it('allows what an AWS managed policy allows (IAMReadOnlyAccess)', async () => {
      const u = await makeUser(t, 'aws-managed-reader', {
        managed: ['arn:aws:iam::aws:policy/IAMReadOnlyAccess'],
      });
      expect((await u.iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
      await expectDenied(
        () => u.iam.send(new DeleteUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:DeleteUser', iamArn('user/bob'), 'no-identity-allow'),
      );
    });

    it('allows what a group inline or group managed policy allows its members', async () => {
      const root = t.iam();
      await root.send(new CreateGroupCommand({ GroupName: 'readers' }));
      await root.send(
        new PutGroupPolicyCommand({
          GroupName: 'readers',
          PolicyName: 'r',
          PolicyDocument: policy(allow('iam:GetUser')),
        }),
      );
      await root.send(new CreateGroupCommand({ GroupName: 'role-readers' }));
      const { Policy } = await root.send(
        new CreatePolicyCommand({ PolicyName: 'GetRoleOnly', PolicyDocument: policy(allow('iam:GetRole')) }),
      );
      await root.send(new AttachGroupPolicyCommand({ GroupName: 'role-readers', PolicyArn: Policy!.Arn! }));
      await root.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: TRUST }));
      const u = await makeUser(t, 'grouped', { groups: ['readers', 'role-readers'] });
      expect((await u.iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
      expect((await u.iam.send(new GetRoleCommand({ RoleName: 'worker' }))).Role?.RoleName).toBe('worker');
      await expectDenied(
        () => u.iam.send(new ListUsersCommand({})),
        accessDenied(u.arn, 'iam:ListUsers', iamArn('user/'), 'no-identity-allow'),
      );
    });

    it('lets the account root do anything in its account', async () => {
      const root = t.iam();
      await root.send(new GetAccountAuthorizationDetailsCommand({}));
      await root.send(new CreateUserCommand({ UserName: 'made-by-root' }));
      await root.send(new DeleteUserCommand({ UserName: 'made-by-root' }));
    });
  });

  describe('explicit deny', () => {
    it('wins over any allow, with the explicit-deny wording', async () => {
      const u = await makeUser(t, 'almost-admin', {
        inline: { admin: policy(allow('iam:*')), guard: policy(deny('iam:DeleteUser', iamArn('user/*'))) },
      });
      expect((await u.iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
      await expectDenied(
        () => u.iam.send(new DeleteUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:DeleteUser', iamArn('user/bob'), 'identity-deny'),
      );
    });

    it('in a group policy denies a member whose own policy allows', async () => {
      const root = t.iam();
      await root.send(new CreateGroupCommand({ GroupName: 'no-listing' }));
      await root.send(
        new PutGroupPolicyCommand({
          GroupName: 'no-listing',
          PolicyName: 'd',
          PolicyDocument: policy(deny('iam:List*')),
        }),
      );
      const u = await makeUser(t, 'denied-member', {
        inline: { all: policy(allow('iam:*')) },
        groups: ['no-listing'],
      });
      await expectDenied(
        () => u.iam.send(new ListRolesCommand({})),
        accessDenied(u.arn, 'iam:ListRoles', iamArn('role/'), 'identity-deny'),
      );
      expect((await u.iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
    });
  });

  describe('Action wildcards', () => {
    it('iam:Get* allows every Get action and nothing else', async () => {
      const u = await makeUser(t, 'getter', { inline: { p: policy(allow('iam:Get*')) } });
      await u.iam.send(new GetUserCommand({ UserName: 'bob' }));
      await u.iam.send(new GetRoleCommand({ RoleName: 'worker' }));
      await expectDenied(
        () => u.iam.send(new ListUsersCommand({})),
        accessDenied(u.arn, 'iam:ListUsers', iamArn('user/'), 'no-identity-allow'),
      );
    });

    it('iam:*User* allows the user actions and not the role or group ones', async () => {
      const u = await makeUser(t, 'user-admin', { inline: { p: policy(allow('iam:*User*')) } });
      await u.iam.send(new CreateUserCommand({ UserName: 'by-user-admin' }));
      await u.iam.send(new ListUsersCommand({}));
      await u.iam.send(new DeleteUserCommand({ UserName: 'by-user-admin' }));
      await expectDenied(
        () => u.iam.send(new GetRoleCommand({ RoleName: 'worker' })),
        accessDenied(u.arn, 'iam:GetRole', iamArn('role/worker'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new ListGroupsCommand({})),
        accessDenied(u.arn, 'iam:ListGroups', iamArn('group/'), 'no-identity-allow'),
      );
    });

    it('matches action names case-insensitively', async () => {
      const u = await makeUser(t, 'shouty', { inline: { p: policy(allow('IAM:GETUSER')) } });
      expect((await u.iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
    });
  });

  describe('Resource wildcards and paths', () => {
    it('user/team/* matches users whose real path is under /team/, though the request names only the user', async () => {
      const u = await makeUser(t, 'team-reader', {
        inline: { p: policy(allow('iam:GetUser', iamArn('user/team/*'))) },
      });
      expect((await u.iam.send(new GetUserCommand({ UserName: 'tess' }))).User?.Arn).toBe(
        iamArn('user/team/tess'),
      );
      expect((await u.iam.send(new GetUserCommand({ UserName: 'tom' }))).User?.Arn).toBe(
        iamArn('user/team/sub/tom'),
      );
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'ada' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/admins/ada'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/bob'), 'no-identity-allow'),
      );
    });

    it('resolves the path of the user that CreateAccessKey and CreateLoginProfile act on', async () => {
      const u = await makeUser(t, 'team-keymaker', {
        inline: {
          p: policy(allow(['iam:CreateAccessKey', 'iam:CreateLoginProfile'], iamArn('user/team/*'))),
        },
      });
      const { AccessKey } = await u.iam.send(new CreateAccessKeyCommand({ UserName: 'tess' }));
      expect(AccessKey?.UserName).toBe('tess');
      await u.iam.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: 'Some-Password-1' }));
      await expectDenied(
        () => u.iam.send(new CreateAccessKeyCommand({ UserName: 'ada' })),
        accessDenied(u.arn, 'iam:CreateAccessKey', iamArn('user/admins/ada'), 'no-identity-allow'),
      );
    });

    it('matches a user after a move to another path by its new ARN', async () => {
      await t.iam().send(new CreateUserCommand({ UserName: 'mover', Path: '/team/' }));
      const u = await makeUser(t, 'move-watcher', {
        inline: { p: policy(allow('iam:GetUser', iamArn('user/team/*'))) },
      });
      await u.iam.send(new GetUserCommand({ UserName: 'mover' }));
      await t.iam().send(new UpdateUserCommand({ UserName: 'mover', NewPath: '/elsewhere/' }));
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'mover' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/elsewhere/mover'), 'no-identity-allow'),
      );
    });

    it('resolves the real path of roles, groups, instance profiles and the path in policy ARNs', async () => {
      const root = t.iam();
      await root.send(
        new CreateRoleCommand({ RoleName: 'svc-role', Path: '/svc/', AssumeRolePolicyDocument: TRUST }),
      );
      await root.send(new CreateRoleCommand({ RoleName: 'other-role', AssumeRolePolicyDocument: TRUST }));
      await root.send(new CreateGroupCommand({ GroupName: 'eng-group', Path: '/eng/' }));
      await root.send(new CreateGroupCommand({ GroupName: 'plain-group' }));
      await root.send(
        new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile', Path: '/web/' }),
      );
      await root.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'plain-profile' }));
      const { Policy: opsPolicy } = await root.send(
        new CreatePolicyCommand({
          PolicyName: 'OpsPolicy',
          Path: '/ops/',
          PolicyDocument: policy(allow('iam:GetUser')),
        }),
      );
      const { Policy: plainPolicy } = await root.send(
        new CreatePolicyCommand({ PolicyName: 'PlainPolicy', PolicyDocument: policy(allow('iam:GetUser')) }),
      );
      const u = await makeUser(t, 'path-scoped', {
        inline: {
          p: policy(
            allow(
              ['iam:GetRole', 'iam:GetGroup', 'iam:GetInstanceProfile', 'iam:GetPolicy'],
              [
                iamArn('role/svc/*'),
                iamArn('group/eng/*'),
                iamArn('instance-profile/web/*'),
                iamArn('policy/ops/*'),
              ],
            ),
          ),
        },
      });
      await u.iam.send(new GetRoleCommand({ RoleName: 'svc-role' }));
      await u.iam.send(new GetGroupCommand({ GroupName: 'eng-group' }));
      await u.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
      await u.iam.send(new GetPolicyCommand({ PolicyArn: opsPolicy!.Arn! }));
      await expectDenied(
        () => u.iam.send(new GetRoleCommand({ RoleName: 'other-role' })),
        accessDenied(u.arn, 'iam:GetRole', iamArn('role/other-role'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new GetGroupCommand({ GroupName: 'plain-group' })),
        accessDenied(u.arn, 'iam:GetGroup', iamArn('group/plain-group'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'plain-profile' })),
        accessDenied(
          u.arn,
          'iam:GetInstanceProfile',
          iamArn('instance-profile/plain-profile'),
          'no-identity-allow',
        ),
      );
      await expectDenied(
        () => u.iam.send(new GetPolicyCommand({ PolicyArn: plainPolicy!.Arn! })),
        accessDenied(u.arn, 'iam:GetPolicy', iamArn('policy/PlainPolicy'), 'no-identity-allow'),
      );
    });

    it('authorizes a call on an entity that does not exist by the ARN the request names', async () => {
      const u = await makeUser(t, 'ghost-hunter', {
        inline: { p: policy(allow('iam:GetUser', iamArn('user/ghost'))) },
      });
      const err = await awsError(() => u.iam.send(new GetUserCommand({ UserName: 'ghost' })));
      expect(err.code).toBe('NoSuchEntity');
    });
  });

  describe('NotAction and NotResource', () => {
    it('NotAction allows everything but the actions it names', async () => {
      const u = await makeUser(t, 'not-action', {
        inline: { p: policy({ Effect: 'Allow', NotAction: 'iam:DeleteUser', Resource: '*' }) },
      });
      await u.iam.send(new GetUserCommand({ UserName: 'bob' }));
      await u.iam.send(new ListRolesCommand({}));
      await expectDenied(
        () => u.iam.send(new DeleteUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:DeleteUser', iamArn('user/bob'), 'no-identity-allow'),
      );
    });

    it('NotResource allows the action on every resource but the ones it names', async () => {
      const u = await makeUser(t, 'not-resource', {
        inline: {
          p: policy({ Effect: 'Allow', Action: 'iam:GetUser', NotResource: iamArn('user/admins/*') }),
        },
      });
      await u.iam.send(new GetUserCommand({ UserName: 'bob' }));
      await u.iam.send(new GetUserCommand({ UserName: 'tess' }));
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'ada' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/admins/ada'), 'no-identity-allow'),
      );
    });

    it('a Deny with NotResource denies everywhere but the resources it names', async () => {
      const u = await makeUser(t, 'fenced', {
        inline: {
          p: policy(allow('iam:GetUser'), {
            Effect: 'Deny',
            Action: 'iam:*',
            NotResource: iamArn('user/team/*'),
          }),
        },
      });
      await u.iam.send(new GetUserCommand({ UserName: 'tess' }));
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/bob'), 'identity-deny'),
      );
    });
  });

  describe('policy changes take effect at the next call', () => {
    it('after attaching and detaching a managed policy', async () => {
      const { Policy } = await t
        .iam()
        .send(
          new CreatePolicyCommand({ PolicyName: 'RoleReader', PolicyDocument: policy(allow('iam:GetRole')) }),
        );
      const u = await makeUser(t, 'toggled');
      const denied = accessDenied(u.arn, 'iam:GetRole', iamArn('role/worker'), 'no-identity-allow');
      await expectDenied(() => u.iam.send(new GetRoleCommand({ RoleName: 'worker' })), denied);
      await t.iam().send(new AttachUserPolicyCommand({ UserName: 'toggled', PolicyArn: Policy!.Arn! }));
      await u.iam.send(new GetRoleCommand({ RoleName: 'worker' }));
      await t.iam().send(new DetachUserPolicyCommand({ UserName: 'toggled', PolicyArn: Policy!.Arn! }));
      await expectDenied(() => u.iam.send(new GetRoleCommand({ RoleName: 'worker' })), denied);
    });

    it('after putting and deleting an inline policy', async () => {
      const u = await makeUser(t, 'inline-toggled');
      const denied = accessDenied(u.arn, 'iam:GetUserPolicy', iamArn('user/bob'), 'no-identity-allow');
      const call = () => u.iam.send(new GetUserPolicyCommand({ UserName: 'bob', PolicyName: 'x' }));
      await expectDenied(call, denied);
      await t.iam().send(
        new PutUserPolicyCommand({
          UserName: 'inline-toggled',
          PolicyName: 'p',
          PolicyDocument: policy(allow('iam:*')),
        }),
      );
      expect((await awsError(call)).code).toBe('NoSuchEntity');
      await t.iam().send(new DeleteUserPolicyCommand({ UserName: 'inline-toggled', PolicyName: 'p' }));
      await expectDenied(call, denied);
    });

    it('after a new default version of an attached policy and after leaving a group', async () => {
      const root = t.iam();
      const { Policy } = await root.send(
        new CreatePolicyCommand({ PolicyName: 'Versioned', PolicyDocument: policy(allow('iam:GetUser')) }),
      );
      await root.send(new CreateGroupCommand({ GroupName: 'versioned-group' }));
      await root.send(
        new AttachGroupPolicyCommand({ GroupName: 'versioned-group', PolicyArn: Policy!.Arn! }),
      );
      const u = await makeUser(t, 'versioned-member', { groups: ['versioned-group'] });
      await u.iam.send(new GetUserCommand({ UserName: 'bob' }));
      await root.send(
        new CreatePolicyVersionCommand({
          PolicyArn: Policy!.Arn!,
          PolicyDocument: policy(allow('iam:GetRole')),
          SetAsDefault: true,
        }),
      );
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/bob'), 'no-identity-allow'),
      );
      await u.iam.send(new GetRoleCommand({ RoleName: 'worker' }));
      await root.send(
        new RemoveUserFromGroupCommand({ GroupName: 'versioned-group', UserName: 'versioned-member' }),
      );
      await expectDenied(
        () => u.iam.send(new GetRoleCommand({ RoleName: 'worker' })),
        accessDenied(u.arn, 'iam:GetRole', iamArn('role/worker'), 'no-identity-allow'),
      );
    });

    it('after a group policy is deleted', async () => {
      const root = t.iam();
      await root.send(new CreateGroupCommand({ GroupName: 'short-lived' }));
      await root.send(
        new PutGroupPolicyCommand({
          GroupName: 'short-lived',
          PolicyName: 'p',
          PolicyDocument: policy(allow('iam:ListRoles')),
        }),
      );
      const u = await makeUser(t, 'short-lived-member', { groups: ['short-lived'] });
      await u.iam.send(new ListRolesCommand({}));
      await root.send(new DeleteGroupPolicyCommand({ GroupName: 'short-lived', PolicyName: 'p' }));
      await expectDenied(
        () => u.iam.send(new ListRolesCommand({})),
        accessDenied(u.arn, 'iam:ListRoles', iamArn('role/'), 'no-identity-allow'),
      );
    });
  });

  describe('accounts', () => {
    const OTHER = '210987654321';
    const OTHER_ROOT = {
      accessKeyId: 'AKIAOTHERROOTKEY0001',
      secretAccessKey: 'otherrootsecretotherrootsecretotherroot0',
    };

    it('a user of one account acts in its own account only, whatever its policy names', async () => {
      await ensureAccount(t.server.store, t.server.services.sealer, OTHER, new Date(), OTHER_ROOT);
      const otherRoot = t.iam(OTHER_ROOT);
      await otherRoot.send(new CreateUserCommand({ UserName: 'bea' }));
      await otherRoot.send(new CreateUserCommand({ UserName: 'bob' }));

      // a policy naming the other account's users grants nothing: calls act on the caller's account
      const u = await makeUser(t, 'outsider', {
        inline: { p: policy(allow('iam:*', iamArn('user/*', OTHER))) },
      });
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'bea' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/bea'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new DeleteUserCommand({ UserName: 'bob' })),
        accessDenied(u.arn, 'iam:DeleteUser', iamArn('user/bob'), 'no-identity-allow'),
      );

      // with every IAM permission, it reads and changes its own account, never the other
      const admin = await makeUser(t, 'home-admin', { inline: { p: policy(allow('iam:*')) } });
      expect((await awsError(() => admin.iam.send(new GetUserCommand({ UserName: 'bea' })))).code).toBe(
        'NoSuchEntity',
      );
      await admin.iam.send(new CreateUserCommand({ UserName: 'bea' }));
      expect((await admin.iam.send(new GetUserCommand({ UserName: 'bea' }))).User?.Arn).toBe(
        iamArn('user/bea'),
      );
      const { Users } = await admin.iam.send(new ListUsersCommand({}));
      expect(Users?.every((x) => x.Arn!.startsWith(iamArn('')))).toBe(true);
      const theirs = await otherRoot.send(new ListUsersCommand({}));
      expect(theirs.Users?.map((x) => x.Arn).sort()).toEqual([
        iamArn('user/bea', OTHER),
        iamArn('user/bob', OTHER),
      ]);
    });

    it("the other account's root is refused nothing in its own account and sees nothing of this one", async () => {
      const otherRoot = t.iam(OTHER_ROOT);
      expect((await awsError(() => otherRoot.send(new GetUserCommand({ UserName: 'tess' })))).code).toBe(
        'NoSuchEntity',
      );
    });
  });
});
