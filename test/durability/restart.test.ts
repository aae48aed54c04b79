// A server stopped and started again on the same configuration serves back everything it stored,
// on each storage backend.
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAccountAliasesCommand,
  ListInstanceProfilesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import {
  awsError,
  BACKENDS,
  dropData,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });

/**
 * Creates users (paths, tags, a rename, an access key, a login profile, an inline policy), a group
 * with a member, a role with an inline and a managed policy (two versions), an instance profile
 * and an account alias. Returns the access key, to sign with after the restart.
 */
async function populate(iam: IAMClient): Promise<Credentials> {
  for (let i = 0; i < 12; i++)
    await iam.send(
      new CreateUserCommand({
        UserName: `user${i}`,
        Path: i % 2 ? '/ops/' : '/',
        Tags: [
          { Key: 'index', Value: String(i) },
          { Key: 'team', Value: i % 3 ? 'core' : 'edge' },
        ],
      }),
    );
  await iam.send(new UpdateUserCommand({ UserName: 'user3', NewUserName: 'renamed3', NewPath: '/moved/' }));
  await iam.send(new TagUserCommand({ UserName: 'user4', Tags: [{ Key: 'extra', Value: 'yes' }] }));
  await iam.send(new UntagUserCommand({ UserName: 'user5', TagKeys: ['team'] }));

  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'user0' }));
  const second = await iam.send(new CreateAccessKeyCommand({ UserName: 'user0' }));
  await iam.send(
    new UpdateAccessKeyCommand({
      UserName: 'user0',
      AccessKeyId: second.AccessKey!.AccessKeyId,
      Status: 'Inactive',
    }),
  );
  await iam.send(
    new CreateLoginProfileCommand({
      UserName: 'user1',
      Password: 'Corr3ct-Horse-Battery!',
      PasswordResetRequired: true,
    }),
  );
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'user2',
      PolicyName: 'own-keys',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListAccessKeys', Resource: '*' }),
    }),
  );
  await iam.send(new CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'user0' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'renamed3' }));

  await iam.send(
    new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: TRUST, Description: 'App' }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'app',
      PolicyName: 'read-bucket',
      PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }),
    }),
  );
  const { Policy } = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'describe',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }),
    }),
  );
  await iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: Policy!.Arn,
      PolicyDocument: doc({ Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:Get*'], Resource: '*' }),
      SetAsDefault: true,
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: Policy!.Arn }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app' }),
  );
  await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'tessera-restart' }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

/** Everything a client can read back about the account. */
async function snapshot(iam: IAMClient) {
  const users = (await iam.send(new ListUsersCommand({ MaxItems: 1000 }))).Users ?? [];
  const details = [];
  for (const u of users) {
    const got = await iam.send(new GetUserCommand({ UserName: u.UserName }));
    const tags = await iam.send(new ListUserTagsCommand({ UserName: u.UserName }));
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: u.UserName }));
    details.push({ user: got.User, tags: tags.Tags, keys: keys.AccessKeyMetadata });
  }
  const login = await iam.send(new GetLoginProfileCommand({ UserName: 'user1' }));
  const { $metadata: _metadata, ...authorization } = await iam.send(
    new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000 }),
  );
  const profiles = await iam.send(new ListInstanceProfilesCommand({}));
  const aliases = await iam.send(new ListAccountAliasesCommand({}));
  return {
    users,
    details,
    login: login.LoginProfile,
    authorization,
    profiles: profiles.InstanceProfiles,
    aliases: aliases.AccountAliases,
  };
}

describe.each(BACKENDS)('restart on %s', (backend) => {
  it('serves back every user, key, group, role, policy and profile after a stop and start', async () => {
    let first: TestServer | undefined = await startTestServer(backend);
    const config = first.config;
    try {
      const key = await populate(first.iam());
      const before = await snapshot(first.iam());
      expect(before.users).toHaveLength(12);
      expect(before.authorization.RoleDetailList).toHaveLength(1);
      expect(before.aliases).toEqual(['tessera-restart']);
      await first.stop();
      first = undefined;

      const second = await startTestServer(backend, { reuse: config });
      try {
        const after = await snapshot(second.iam());
        expect(after).toEqual(before);
        expect(after.details.find((d) => d.user?.UserName === 'renamed3')?.user?.Path).toBe('/moved/');
        expect(after.details.find((d) => d.user?.UserName === 'user5')?.tags).toEqual([
          { Key: 'index', Value: '5' },
        ]);
        expect(after.details.find((d) => d.user?.UserName === 'user0')?.keys?.map((k) => k.Status)).toEqual(
          expect.arrayContaining(['Active', 'Inactive']),
        );
        expect(after.authorization.GroupDetailList?.[0]?.GroupName).toBe('devs');
        expect(after.profiles?.[0]?.Roles?.[0]?.RoleName).toBe('app');
        // The user's access key still signs: its sealed secret and the master key survived.
        const asUser0 = await second.sts(key).send(new GetCallerIdentityCommand({}));
        expect(asUser0.Arn).toBe(`arn:aws:iam::${config.accountId}:user/user0`);
        // The root credentials and the case-insensitive name index survive too.
        const me = await second.sts().send(new GetCallerIdentityCommand({}));
        expect(me.Arn).toBe(`arn:aws:iam::${config.accountId}:root`);
        const dup = await awsError(() => second.iam().send(new CreateUserCommand({ UserName: 'USER0' })));
        expect(dup).toMatchObject({ code: 'EntityAlreadyExists', status: 409 });
      } finally {
        await second.stop();
      }
    } finally {
      await first?.stop();
      await dropData(config);
    }
  });
});
