// Conditions in the caller's policies, evaluated on IAM calls over HTTP with the real AWS SDK v3, on
// each storage backend, with the keys AWS's service authorization reference gives each action:
// aws:RequestTag/… and aws:TagKeys on create and tag calls, aws:ResourceTag/… from the target's tags,
// iam:PolicyARN on attach and detach, the global keys (aws:SourceIp, aws:CurrentTime,
// aws:MultiFactorAuthPresent — absent for long-term access keys) and policy variables (${aws:username}).
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  TagInstanceProfileCommand,
  TagPolicyCommand,
  TagRoleCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.ts';
import {
  accessDenied,
  allow,
  expectDenied,
  iamArn,
  makeUser,
  policy,
  type Statement,
} from '../support/enforcement-principals.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const FULL_ACCESS = 'arn:aws:iam::aws:policy/IAMFullAccess';

/** A clock the tests move; it starts at the real time, as request signatures carry it. */
class TestClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

describe.each(BACKENDS)('IAM enforcement of policy conditions on %s', (backend) => {
  let t: TestServer;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await startTestServer(backend, { clock });
    await t.iam().send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: TRUST }));
  });
  afterAll(() => t.destroy());

  describe('aws:RequestTag and aws:TagKeys', () => {
    const requireTeam = (action: string): Statement => ({
      Effect: 'Allow',
      Action: action,
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:RequestTag/team': 'blue' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost-center'] },
      },
    });

    it('CreateUser is allowed only with the required request tag and only allowed tag keys', async () => {
      // creating with tags needs iam:TagUser too (AWS lists it as a dependent action of CreateUser)
      const u = await makeUser(t, 'tagging-creator', {
        inline: { p: policy(requireTeam('iam:CreateUser'), requireTeam('iam:TagUser')) },
      });
      await u.iam.send(new CreateUserCommand({ UserName: 'blue-1', Tags: [{ Key: 'team', Value: 'blue' }] }));
      await u.iam.send(
        new CreateUserCommand({
          UserName: 'blue-2',
          Tags: [
            { Key: 'team', Value: 'blue' },
            { Key: 'cost-center', Value: '42' },
          ],
        }),
      );
      const denied = (name: string) =>
        accessDenied(u.arn, 'iam:CreateUser', iamArn(`user/${name}`), 'no-identity-allow');
      await expectDenied(
        () => u.iam.send(new CreateUserCommand({ UserName: 'red-1', Tags: [{ Key: 'team', Value: 'red' }] })),
        denied('red-1'),
      );
      await expectDenied(
        () => u.iam.send(new CreateUserCommand({ UserName: 'untagged' })),
        denied('untagged'),
      );
      await expectDenied(
        () =>
          u.iam.send(
            new CreateUserCommand({
              UserName: 'extra-key',
              Tags: [
                { Key: 'team', Value: 'blue' },
                { Key: 'owner', Value: 'me' },
              ],
            }),
          ),
        denied('extra-key'),
      );
      expect((await awsError(() => t.iam().send(new GetUserCommand({ UserName: 'red-1' })))).code).toBe(
        'NoSuchEntity',
      );
    });

    it('TagUser and TagRole are allowed by the tags they add', async () => {
      await t.iam().send(new CreateUserCommand({ UserName: 'to-tag' }));
      const u = await makeUser(t, 'tagger', {
        inline: { p: policy(requireTeam('iam:TagUser'), requireTeam('iam:TagRole')) },
      });
      await u.iam.send(new TagUserCommand({ UserName: 'to-tag', Tags: [{ Key: 'team', Value: 'blue' }] }));
      await u.iam.send(new TagRoleCommand({ RoleName: 'worker', Tags: [{ Key: 'team', Value: 'blue' }] }));
      await expectDenied(
        () => u.iam.send(new TagUserCommand({ UserName: 'to-tag', Tags: [{ Key: 'team', Value: 'red' }] })),
        accessDenied(u.arn, 'iam:TagUser', iamArn('user/to-tag'), 'no-identity-allow'),
      );
      await expectDenied(
        () =>
          u.iam.send(
            new TagRoleCommand({
              RoleName: 'worker',
              Tags: [
                { Key: 'team', Value: 'blue' },
                { Key: 'env', Value: 'prod' },
              ],
            }),
          ),
        accessDenied(u.arn, 'iam:TagRole', iamArn('role/worker'), 'no-identity-allow'),
      );
    });

    it('UntagUser is decided by aws:TagKeys, the keys it removes', async () => {
      await t.iam().send(
        new CreateUserCommand({
          UserName: 'to-untag',
          Tags: [
            { Key: 'scratch', Value: '1' },
            { Key: 'owner', Value: 'x' },
          ],
        }),
      );
      const u = await makeUser(t, 'untagger', {
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: 'iam:UntagUser',
            Resource: '*',
            Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['scratch'] } },
          }),
        },
      });
      await expectDenied(
        () => u.iam.send(new UntagUserCommand({ UserName: 'to-untag', TagKeys: ['scratch', 'owner'] })),
        accessDenied(u.arn, 'iam:UntagUser', iamArn('user/to-untag'), 'no-identity-allow'),
      );
      await u.iam.send(new UntagUserCommand({ UserName: 'to-untag', TagKeys: ['scratch'] }));
    });
  });

  describe('aws:ResourceTag', () => {
    it('lets a user delete only the users tagged with its team', async () => {
      const root = t.iam();
      await root.send(new CreateUserCommand({ UserName: 'x-member', Tags: [{ Key: 'team', Value: 'x' }] }));
      await root.send(new CreateUserCommand({ UserName: 'y-member', Tags: [{ Key: 'team', Value: 'y' }] }));
      await root.send(new CreateUserCommand({ UserName: 'no-team' }));
      const u = await makeUser(t, 'x-lead', {
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: 'iam:DeleteUser',
            Resource: iamArn('user/*'),
            Condition: { StringEquals: { 'aws:ResourceTag/team': 'x' } },
          }),
        },
      });
      await expectDenied(
        () => u.iam.send(new DeleteUserCommand({ UserName: 'y-member' })),
        accessDenied(u.arn, 'iam:DeleteUser', iamArn('user/y-member'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new DeleteUserCommand({ UserName: 'no-team' })),
        accessDenied(u.arn, 'iam:DeleteUser', iamArn('user/no-team'), 'no-identity-allow'),
      );
      await u.iam.send(new DeleteUserCommand({ UserName: 'x-member' }));
      expect((await awsError(() => root.send(new GetUserCommand({ UserName: 'x-member' })))).code).toBe(
        'NoSuchEntity',
      );
    });

    it('matches on the principal tag through a policy variable (users of a team manage their team)', async () => {
      await t
        .iam()
        .send(new CreateUserCommand({ UserName: 'green-member', Tags: [{ Key: 'team', Value: 'green' }] }));
      const u = await makeUser(t, 'green-lead', {
        tags: { team: 'green' },
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: 'iam:GetUser',
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
          }),
        },
      });
      await u.iam.send(new GetUserCommand({ UserName: 'green-member' }));
      await u.iam.send(new GetUserCommand({}));
      await expectDenied(
        () => u.iam.send(new GetUserCommand({ UserName: 'y-member' })),
        accessDenied(u.arn, 'iam:GetUser', iamArn('user/y-member'), 'no-identity-allow'),
      );
    });

    it('reads role, policy and instance profile tags, and sees a tag change at the next call', async () => {
      const root = t.iam();
      await root.send(new CreateRoleCommand({ RoleName: 'tagged-role', AssumeRolePolicyDocument: TRUST }));
      const { Policy } = await root.send(
        new CreatePolicyCommand({ PolicyName: 'TaggedPolicy', PolicyDocument: policy(allow('iam:GetUser')) }),
      );
      await root.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'tagged-profile' }));
      const u = await makeUser(t, 'env-reader', {
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: ['iam:GetRole', 'iam:GetPolicy', 'iam:GetInstanceProfile'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } },
          }),
        },
      });
      await expectDenied(
        () => u.iam.send(new GetRoleCommand({ RoleName: 'tagged-role' })),
        accessDenied(u.arn, 'iam:GetRole', iamArn('role/tagged-role'), 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn! })),
        accessDenied(u.arn, 'iam:GetPolicy', Policy!.Arn!, 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'tagged-profile' })),
        accessDenied(
          u.arn,
          'iam:GetInstanceProfile',
          iamArn('instance-profile/tagged-profile'),
          'no-identity-allow',
        ),
      );
      const dev = [{ Key: 'env', Value: 'dev' }];
      await root.send(new TagRoleCommand({ RoleName: 'tagged-role', Tags: dev }));
      await root.send(new TagPolicyCommand({ PolicyArn: Policy!.Arn!, Tags: dev }));
      await root.send(new TagInstanceProfileCommand({ InstanceProfileName: 'tagged-profile', Tags: dev }));
      await u.iam.send(new GetRoleCommand({ RoleName: 'tagged-role' }));
      await u.iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn! }));
      await u.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'tagged-profile' }));
    });
  });

  describe('iam:PolicyARN', () => {
    it('limits which managed policies a user may attach and detach', async () => {
      await t.iam().send(new CreateUserCommand({ UserName: 'attach-target' }));
      const u = await makeUser(t, 'attacher', {
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: ['iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:AttachRolePolicy'],
            Resource: '*',
            Condition: { ArnEquals: { 'iam:PolicyARN': READ_ONLY } },
          }),
        },
      });
      await u.iam.send(new AttachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: READ_ONLY }));
      await u.iam.send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: READ_ONLY }));
      await expectDenied(
        () => u.iam.send(new AttachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: FULL_ACCESS })),
        accessDenied(u.arn, 'iam:AttachUserPolicy', iamArn('user/attach-target'), 'no-identity-allow'),
      );
      await t.iam().send(new AttachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: FULL_ACCESS }));
      await expectDenied(
        () => u.iam.send(new DetachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: FULL_ACCESS })),
        accessDenied(u.arn, 'iam:DetachUserPolicy', iamArn('user/attach-target'), 'no-identity-allow'),
      );
      await u.iam.send(new DetachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: READ_ONLY }));
    });
  });

  describe('global condition keys', () => {
    it('aws:SourceIp allows calls from the addresses it names (the test client is 127.0.0.1)', async () => {
      const u = await makeUser(t, 'from-loopback', {
        inline: {
          p: policy(
            {
              Effect: 'Allow',
              Action: 'iam:GetUser',
              Resource: '*',
              Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } },
            },
            {
              Effect: 'Allow',
              Action: 'iam:ListUsers',
              Resource: '*',
              Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
            },
          ),
        },
      });
      await u.iam.send(new GetUserCommand({}));
      await expectDenied(
        () => u.iam.send(new ListUsersCommand({})),
        accessDenied(u.arn, 'iam:ListUsers', iamArn('user/'), 'no-identity-allow'),
      );
    });

    it('aws:SourceIp in a Deny with NotIpAddress refuses calls from elsewhere', async () => {
      const u = await makeUser(t, 'office-only', {
        inline: {
          p: policy(allow('iam:GetUser'), {
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
          }),
        },
      });
      await expectDenied(
        () => u.iam.send(new GetUserCommand({})),
        accessDenied(u.arn, 'iam:GetUser', u.arn, 'identity-deny'),
      );
    });

    it('aws:CurrentTime with DateLessThan stops allowing once the time has passed', async () => {
      const until = new Date(Date.now() + 5 * 60_000);
      const u = await makeUser(t, 'until-soon', {
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: 'iam:GetUser',
            Resource: '*',
            Condition: {
              DateLessThan: { 'aws:CurrentTime': until.toISOString() },
              DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' },
            },
          }),
        },
      });
      try {
        await u.iam.send(new GetUserCommand({}));
        clock.offsetMs = 6 * 60_000; // within the signature clock skew AWS tolerates (15 minutes)
        await expectDenied(
          () => u.iam.send(new GetUserCommand({})),
          accessDenied(u.arn, 'iam:GetUser', u.arn, 'no-identity-allow'),
        );
      } finally {
        clock.offsetMs = 0;
      }
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
    it('aws:MultiFactorAuthPresent is absent for long-term keys: BoolIfExists false denies, Bool does not', async () => {
      const blockUnlessMfa: Statement = {
        Sid: 'BlockMostAccessUnlessSignedInWithMFA',
        Effect: 'Deny',
        NotAction: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:GetUser',
          'iam:ListMFADevices',
          'iam:ListVirtualMFADevices',
          'iam:ResyncMFADevice',
          'sts:GetSessionToken',
        ],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      };
      const strict = await makeUser(t, 'mfa-strict', {
        inline: { p: policy(allow('iam:*'), blockUnlessMfa) },
      });
      await strict.iam.send(new GetUserCommand({}));
      await expectDenied(
        () => strict.iam.send(new ListUsersCommand({})),
        accessDenied(strict.arn, 'iam:ListUsers', iamArn('user/'), 'identity-deny'),
      );

      const lax = await makeUser(t, 'mfa-lax', {
        inline: {
          p: policy(allow('iam:*'), {
            ...blockUnlessMfa,
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
          }),
        },
      });
      await lax.iam.send(new ListUsersCommand({}));

      const requireMfa = await makeUser(t, 'mfa-required', {
        inline: {
          p: policy({
            Effect: 'Allow',
            Action: 'iam:ListUsers',
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          }),
        },
      });
      await expectDenied(
        () => requireMfa.iam.send(new ListUsersCommand({})),
        accessDenied(requireMfa.arn, 'iam:ListUsers', iamArn('user/'), 'no-identity-allow'),
      );
    });
  });

  describe('policy variables', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-keys_required-permissions.html
    const manageOwnAccessKeys = policy({
      Sid: 'ManageOwnAccessKeys',
      Effect: 'Allow',
      Action: [
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:GetAccessKeyLastUsed',
        'iam:GetUser',
        'iam:ListAccessKeys',
        'iam:UpdateAccessKey',
        'iam:TagUser',
      ],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    });

    it("${aws:username} lets users manage their own access keys and nobody else's", async () => {
      const other = await makeUser(t, 'key-neighbour');
      const u = await makeUser(t, 'key-owner', { inline: { own: manageOwnAccessKeys } });
      const { AccessKey } = await u.iam.send(new CreateAccessKeyCommand({}));
      expect(AccessKey?.UserName).toBe('key-owner');
      const { AccessKeyMetadata } = await u.iam.send(new ListAccessKeysCommand({}));
      expect(AccessKeyMetadata).toHaveLength(2);
      await u.iam.send(new ListAccessKeysCommand({ UserName: 'key-owner' }));
      await u.iam.send(
        new UpdateAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId!, Status: 'Inactive' }),
      );
      const used = await u.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: u.creds.accessKeyId }));
      expect(used.UserName).toBe('key-owner');
      await u.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId! }));

      const theirs = iamArn('user/key-neighbour');
      await expectDenied(
        () => u.iam.send(new CreateAccessKeyCommand({ UserName: 'key-neighbour' })),
        accessDenied(u.arn, 'iam:CreateAccessKey', theirs, 'no-identity-allow'),
      );
      await expectDenied(
        () => u.iam.send(new ListAccessKeysCommand({ UserName: 'key-neighbour' })),
        accessDenied(u.arn, 'iam:ListAccessKeys', theirs, 'no-identity-allow'),
      );
      // GetAccessKeyLastUsed is authorized on the user who owns the key
      await expectDenied(
        () => u.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: other.creds.accessKeyId })),
        accessDenied(u.arn, 'iam:GetAccessKeyLastUsed', theirs, 'no-identity-allow'),
      );
      await expectDenied(
        () =>
          u.iam.send(
            new DeleteAccessKeyCommand({ UserName: 'key-neighbour', AccessKeyId: other.creds.accessKeyId }),
          ),
        accessDenied(u.arn, 'iam:DeleteAccessKey', theirs, 'no-identity-allow'),
      );
      // nothing happened to the neighbour's key
      const left = await t.iam().send(new ListAccessKeysCommand({ UserName: 'key-neighbour' }));
      expect(left.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([other.creds.accessKeyId]);
    });

    it('${aws:username} in user/${aws:username} does not match a user under another path', async () => {
      const u = await makeUser(t, 'pathed-owner', { path: '/team/', inline: { own: manageOwnAccessKeys } });
      await expectDenied(
        () => u.iam.send(new ListAccessKeysCommand({})),
        accessDenied(u.arn, 'iam:ListAccessKeys', iamArn('user/team/pathed-owner'), 'no-identity-allow'),
      );
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_credentials_console.html
    it('ChangePassword works for a user allowed iam:ChangePassword on its own user', async () => {
      const ownCredentials = policy(allow(['iam:ListUsers', 'iam:GetAccountPasswordPolicy']), {
        Effect: 'Allow',
        Action: ['iam:*AccessKey*', 'iam:ChangePassword', 'iam:GetUser'],
        Resource: ['arn:aws:iam::*:user/${aws:username}'],
      });
      const u = await makeUser(t, 'pw-changer', { inline: { own: ownCredentials } });
      const v = await makeUser(t, 'pw-unchanged');
      for (const UserName of ['pw-changer', 'pw-unchanged'])
        await t.iam().send(new CreateLoginProfileCommand({ UserName, Password: 'First-Password-1' }));
      await u.iam.send(
        new ChangePasswordCommand({ OldPassword: 'First-Password-1', NewPassword: 'Second-Password-2' }),
      );
      const wrongOld = await awsError(() =>
        u.iam.send(
          new ChangePasswordCommand({ OldPassword: 'First-Password-1', NewPassword: 'Third-Password-3' }),
        ),
      );
      expect(wrongOld).toMatchObject({ code: 'AccessDenied', message: 'The old password is incorrect.' });
      await expectDenied(
        () =>
          v.iam.send(
            new ChangePasswordCommand({ OldPassword: 'First-Password-1', NewPassword: 'Second-Password-2' }),
          ),
        accessDenied(v.arn, 'iam:ChangePassword', v.arn, 'no-identity-allow'),
      );
    });
  });
});
