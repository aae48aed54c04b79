// Credentials of IAM users over HTTP with the real AWS SDK v3: login profiles (console passwords),
// the account password policy and access keys, on each storage backend. Error codes, statuses and
// messages are AWS's (the IAM API reference, and responses recorded against AWS).
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../src/api/action.ts';
import { ChangePassword } from '../../src/api/iam/change-password.ts';
import { verifyPassword } from '../../src/crypto/password-hash.ts';
import { AwsError } from '../../src/errors.ts';
import type { Principal } from '../../src/domain/principal.ts';
import {
  awsError,
  BACKENDS,
  ROOT,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const GOOD_PASSWORD = 'Correct-Horse-42';
const VIOLATION = 'Password does not conform to the account password policy.';

describe.each(BACKENDS)('user credentials on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const name of ['pat', 'kim', 'lee', 'sam', 'max', 'gone'])
      await t.iam().send(new CreateUserCommand({ UserName: name }));
  });
  afterAll(() => t.destroy());

  const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

  async function keyOf(userName: string): Promise<Credentials> {
    const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({ UserName: userName }));
    return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  }

  async function storedHash(userName: string): Promise<string> {
    return t.server.store.read(async (repos) => {
      const user = await repos.users.byName(ACCOUNT, userName);
      const profile = await repos.loginProfiles.get(user!.user_id);
      return profile!.password_hash;
    });
  }

  describe('login profiles', () => {
    it('creates a login profile and reads it back without any password in the response', async () => {
      const created = await t.iam().send(
        new CreateLoginProfileCommand({
          UserName: 'pat',
          Password: GOOD_PASSWORD,
          PasswordResetRequired: true,
        }),
      );
      expect(created.LoginProfile).toEqual({
        UserName: 'pat',
        CreateDate: expect.any(Date) as Date,
        PasswordResetRequired: true,
      });
      const got = await t.iam().send(new GetLoginProfileCommand({ UserName: 'PAT' }));
      expect(got.LoginProfile).toEqual(created.LoginProfile);
      expect(JSON.stringify(got)).not.toContain(GOOD_PASSWORD);
      expect(await verifyPassword(GOOD_PASSWORD, await storedHash('pat'))).toBe(true);
    });

    it('refuses a second login profile with EntityAlreadyExists', async () => {
      const e = await awsError(() =>
        t.iam().send(new CreateLoginProfileCommand({ UserName: 'pat', Password: 'Another-Pass-43' })),
      );
      expect(e).toMatchObject({
        code: 'EntityAlreadyExists',
        status: 409,
        message: 'Login Profile for user pat already exists.',
      });
      expect(await verifyPassword(GOOD_PASSWORD, await storedHash('pat'))).toBe(true);
    });

    it('answers NoSuchEntity for an unknown user and for a user without a password', async () => {
      const noUser = await awsError(() =>
        t.iam().send(new CreateLoginProfileCommand({ UserName: 'nobody', Password: GOOD_PASSWORD })),
      );
      expect(noUser).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The user with name nobody cannot be found.',
      });
      for (const send of [
        () => t.iam().send(new GetLoginProfileCommand({ UserName: 'kim' })),
        () => t.iam().send(new UpdateLoginProfileCommand({ UserName: 'kim', PasswordResetRequired: true })),
        () => t.iam().send(new DeleteLoginProfileCommand({ UserName: 'kim' })),
      ]) {
        const e = await awsError(send);
        expect(e).toMatchObject({
          code: 'NoSuchEntity',
          status: 404,
          message: 'Login Profile for User kim cannot be found.',
        });
      }
    });

    it("applies AWS's default password policy when the account has none", async () => {
      // default: at least 8 characters and three of uppercase, lowercase, numbers and symbols
      for (const weak of ['Ab1!', 'alllowercase', 'lowercase123']) {
        const e = await awsError(() =>
          t.iam().send(new CreateLoginProfileCommand({ UserName: 'kim', Password: weak })),
        );
        expect(e).toMatchObject({ code: 'PasswordPolicyViolation', status: 400, message: VIOLATION });
      }
      const none = await awsError(() => t.iam().send(new GetLoginProfileCommand({ UserName: 'kim' })));
      expect(none.code).toBe('NoSuchEntity');
    });

    it('updates the password and the reset flag', async () => {
      await t.iam().send(
        new UpdateLoginProfileCommand({
          UserName: 'pat',
          Password: 'Brand-New-Pass-7',
          PasswordResetRequired: false,
        }),
      );
      const got = await t.iam().send(new GetLoginProfileCommand({ UserName: 'pat' }));
      expect(got.LoginProfile?.PasswordResetRequired).toBe(false);
      const hash = await storedHash('pat');
      expect(await verifyPassword('Brand-New-Pass-7', hash)).toBe(true);
      expect(await verifyPassword(GOOD_PASSWORD, hash)).toBe(false);
      await t.iam().send(new UpdateLoginProfileCommand({ UserName: 'pat', PasswordResetRequired: true }));
      const flagged = await t.iam().send(new GetLoginProfileCommand({ UserName: 'pat' }));
      expect(flagged.LoginProfile?.PasswordResetRequired).toBe(true);
      expect(await storedHash('pat')).toBe(hash);
    });

    it('refuses a login-profile request without UserName from the root with ValidationError', async () => {
      const e = await awsError(() => t.iam().send(new GetLoginProfileCommand({})));
      expect(e).toMatchObject({
        code: 'ValidationError',
        status: 400,
        message: 'Must specify userName when calling with non-User credentials',
      });
      const c = await awsError(() =>
        t.iam().send(new CreateLoginProfileCommand({ Password: GOOD_PASSWORD })),
      );
      expect(c.code).toBe('ValidationError');
    });

    it('refuses CreateLoginProfile without a password with ValidationError', async () => {
      const e = await awsError(() => t.iam().send(new CreateLoginProfileCommand({ UserName: 'kim' })));
      expect(e).toMatchObject({
        code: 'ValidationError',
        status: 400,
        message:
          "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
      });
    });

    it('deletes a login profile', async () => {
      await t.iam().send(new CreateLoginProfileCommand({ UserName: 'lee', Password: GOOD_PASSWORD }));
      await t.iam().send(new DeleteLoginProfileCommand({ UserName: 'lee' }));
      const e = await awsError(() => t.iam().send(new GetLoginProfileCommand({ UserName: 'lee' })));
      expect(e).toMatchObject({
        code: 'NoSuchEntity',
        message: 'Login Profile for User lee cannot be found.',
      });
    });
  });

  describe('the account password policy', () => {
    afterEach(async () => {
      await t
        .iam()
        .send(new DeleteAccountPasswordPolicyCommand({}))
        .catch(() => undefined);
    });

    it('answers NoSuchEntity for an account without a policy, for Get and for Delete', async () => {
      const get = await awsError(() => t.iam().send(new GetAccountPasswordPolicyCommand({})));
      expect(get).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The Password Policy with domain name 123456789012 cannot be found.',
      });
      const del = await awsError(() => t.iam().send(new DeleteAccountPasswordPolicyCommand({})));
      expect(del).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The account policy with name PasswordPolicy cannot be found.',
      });
    });

    it("stores AWS's defaults for every parameter left out", async () => {
      await t.iam().send(new UpdateAccountPasswordPolicyCommand({}));
      const got = await t.iam().send(new GetAccountPasswordPolicyCommand({}));
      expect(got.PasswordPolicy).toEqual({
        AllowUsersToChangePassword: false,
        ExpirePasswords: false,
        MinimumPasswordLength: 6,
        RequireLowercaseCharacters: false,
        RequireNumbers: false,
        RequireSymbols: false,
        RequireUppercaseCharacters: false,
      });
    });

    it('stores every custom value, and replaces the whole policy on the next update', async () => {
      await t.iam().send(
        new UpdateAccountPasswordPolicyCommand({
          AllowUsersToChangePassword: true,
          HardExpiry: true,
          MaxPasswordAge: 60,
          MinimumPasswordLength: 10,
          PasswordReusePrevention: 3,
          RequireLowercaseCharacters: true,
          RequireNumbers: true,
          RequireSymbols: true,
          RequireUppercaseCharacters: true,
        }),
      );
      const got = await t.iam().send(new GetAccountPasswordPolicyCommand({}));
      expect(got.PasswordPolicy).toEqual({
        AllowUsersToChangePassword: true,
        ExpirePasswords: true,
        HardExpiry: true,
        MaxPasswordAge: 60,
        MinimumPasswordLength: 10,
        PasswordReusePrevention: 3,
        RequireLowercaseCharacters: true,
        RequireNumbers: true,
        RequireSymbols: true,
        RequireUppercaseCharacters: true,
      });
      await t.iam().send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12 }));
      const replaced = await t.iam().send(new GetAccountPasswordPolicyCommand({}));
      expect(replaced.PasswordPolicy).toMatchObject({ MinimumPasswordLength: 12, RequireSymbols: false });
      expect(replaced.PasswordPolicy?.MaxPasswordAge).toBeUndefined();
    });

    it('rejects out-of-range values with ValidationError and keeps no policy', async () => {
      for (const input of [
        { MinimumPasswordLength: 5 },
        { MinimumPasswordLength: 129 },
        { MaxPasswordAge: 1096 },
      ]) {
        const e = await awsError(() => t.iam().send(new UpdateAccountPasswordPolicyCommand(input)));
        expect(e).toMatchObject({ code: 'ValidationError', status: 400 });
      }
      const e = await awsError(() =>
        t.iam().send(new UpdateAccountPasswordPolicyCommand({ PasswordReusePrevention: 25 })),
      );
      expect(e.message).toContain(
        "at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24",
      );
      expect((await awsError(() => t.iam().send(new GetAccountPasswordPolicyCommand({})))).code).toBe(
        'NoSuchEntity',
      );
    });

    it('enforces the policy when a password is created or updated', async () => {
      await t.iam().send(
        new UpdateAccountPasswordPolicyCommand({
          MinimumPasswordLength: 10,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
        }),
      );
      for (const weak of ['nouppercase-1', 'NOLOWERCASE-1', 'NoNumbers-here', 'NoSymbols123']) {
        const e = await awsError(() =>
          t.iam().send(new CreateLoginProfileCommand({ UserName: 'sam', Password: weak })),
        );
        expect(e).toMatchObject({ code: 'PasswordPolicyViolation', status: 400, message: VIOLATION });
      }
      const short = await awsError(() =>
        t.iam().send(new CreateLoginProfileCommand({ UserName: 'sam', Password: 'Sh0rt!pas' })),
      );
      expect(short).toMatchObject({ code: 'PasswordPolicyViolation', message: VIOLATION });
      await t.iam().send(new CreateLoginProfileCommand({ UserName: 'sam', Password: 'Sh0rt!pass' }));
      const upd = await awsError(() =>
        t.iam().send(new UpdateLoginProfileCommand({ UserName: 'sam', Password: 'weakpassword' })),
      );
      expect(upd).toMatchObject({ code: 'PasswordPolicyViolation', status: 400, message: VIOLATION });
      expect(await verifyPassword('Sh0rt!pass', await storedHash('sam'))).toBe(true);
    });

    it('with a relaxed custom policy, accepts what the default policy would refuse', async () => {
      await t.iam().send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 6 }));
      await t.iam().send(new UpdateLoginProfileCommand({ UserName: 'sam', Password: 'simple' }));
      expect(await verifyPassword('simple', await storedHash('sam'))).toBe(true);
    });

    it('refuses a password among the last PasswordReusePrevention ones', async () => {
      await t.iam().send(new UpdateAccountPasswordPolicyCommand({ PasswordReusePrevention: 2 }));
      await t.iam().send(new UpdateLoginProfileCommand({ UserName: 'sam', Password: 'first-pw' }));
      await t.iam().send(new UpdateLoginProfileCommand({ UserName: 'sam', Password: 'second-pw' }));
      await t.iam().send(new UpdateLoginProfileCommand({ UserName: 'sam', Password: 'third-pw' }));
      for (const reused of ['third-pw', 'second-pw']) {
        const e = await awsError(() =>
          t.iam().send(new UpdateLoginProfileCommand({ UserName: 'sam', Password: reused })),
        );
        expect(e).toMatchObject({ code: 'PasswordPolicyViolation', status: 400 });
      }
      // two back is the limit: the one before may be used again
      await t.iam().send(new UpdateLoginProfileCommand({ UserName: 'sam', Password: 'first-pw' }));
      expect(await verifyPassword('first-pw', await storedHash('sam'))).toBe(true);
    });
  });

  describe('ChangePassword', () => {
    it('denies an IAM user calling with their own key at the authorization step (AccessDenied)', async () => {
      const key = await keyOf('pat');
      const e = await awsError(() =>
        t
          .iam(key)
          .send(new ChangePasswordCommand({ OldPassword: 'Brand-New-Pass-7', NewPassword: 'Next-Pass-99' })),
      );
      expect(e).toMatchObject({
        code: 'AccessDenied',
        status: 403,
        message:
          'User: arn:aws:iam::123456789012:user/pat is not authorized to perform: iam:ChangePassword on resource: ' +
          'arn:aws:iam::123456789012:user/pat because no identity-based policy allows the iam:ChangePassword action',
      });
      expect(await verifyPassword('Brand-New-Pass-7', await storedHash('pat'))).toBe(true);
      await t.iam().send(new DeleteAccessKeyCommand({ UserName: 'pat', AccessKeyId: key.accessKeyId }));
    });

    it('refuses the account root with InvalidUserType', async () => {
      const e = await awsError(() =>
        t.iam().send(new ChangePasswordCommand({ OldPassword: 'whatever1', NewPassword: 'Next-Pass-99' })),
      );
      expect(e).toMatchObject({ code: 'InvalidUserType', status: 400 });
    });

    // Once authorized (by the policy engine), the handler itself does the work:
    const asUser = (name: string): ActionContext => {
      const caller: Principal = {
        type: 'user',
        accountId: ACCOUNT,
        arn: userArn(name),
        id: '',
        userName: name,
        path: '/',
      };
      return {
        requestId: 'test',
        now: new Date(),
        caller,
        accountId: ACCOUNT,
        sourceIp: '127.0.0.1',
        request: { now: new Date(), sourceIp: '127.0.0.1', secureTransport: false, region: 'us-east-1' },
        services: t.server.services,
      };
    };

    /** The AwsError a handler throws (called directly, there is no wire to read the code from). */
    async function handlerError(fn: () => Promise<unknown>): Promise<AwsError> {
      const err = await fn().then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(err instanceof AwsError)) throw new Error(`expected an AwsError, got ${String(err)}`);
      return err;
    }

    it("changes the caller's own password after checking the old one, and clears the reset flag", async () => {
      const wrong = await handlerError(() =>
        ChangePassword.handle({ OldPassword: 'not-it-1', NewPassword: 'Next-Pass-99' }, asUser('pat')),
      );
      expect(wrong.code).toBe('AccessDenied');
      const weak = await handlerError(() =>
        ChangePassword.handle({ OldPassword: 'Brand-New-Pass-7', NewPassword: 'weak' }, asUser('pat')),
      );
      expect(weak).toMatchObject({ code: 'PasswordPolicyViolation', message: VIOLATION });
      await ChangePassword.handle(
        { OldPassword: 'Brand-New-Pass-7', NewPassword: 'Next-Pass-99' },
        asUser('pat'),
      );
      expect(await verifyPassword('Next-Pass-99', await storedHash('pat'))).toBe(true);
      const got = await t.iam().send(new GetLoginProfileCommand({ UserName: 'pat' }));
      expect(got.LoginProfile?.PasswordResetRequired).toBe(false);
    });

    it('answers NoSuchEntity to a user without a login profile', async () => {
      const e = await handlerError(() =>
        ChangePassword.handle({ OldPassword: 'anything-1', NewPassword: 'Next-Pass-99' }, asUser('kim')),
      );
      expect(e).toMatchObject({
        code: 'NoSuchEntity',
        message: 'Login Profile for User kim cannot be found.',
      });
    });
  });

  describe('access keys', () => {
    it('creates a key whose secret is returned once, and lists it without the secret', async () => {
      const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({ UserName: 'max' }));
      expect(AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(AccessKey?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
      expect(AccessKey).toMatchObject({
        UserName: 'max',
        Status: 'Active',
        CreateDate: expect.any(Date) as Date,
      });
      const list = await t.iam().send(new ListAccessKeysCommand({ UserName: 'max' }));
      expect(list.AccessKeyMetadata).toEqual([
        {
          UserName: 'max',
          AccessKeyId: AccessKey!.AccessKeyId,
          Status: 'Active',
          CreateDate: AccessKey!.CreateDate,
        },
      ]);
      expect(list.IsTruncated).toBe(false);
      expect(JSON.stringify(list)).not.toContain(AccessKey!.SecretAccessKey!);
    });

    it('lists an empty set for a user without keys and NoSuchEntity for an unknown user', async () => {
      const list = await t.iam().send(new ListAccessKeysCommand({ UserName: 'kim' }));
      expect(list.AccessKeyMetadata).toEqual([]);
      for (const send of [
        () => t.iam().send(new ListAccessKeysCommand({ UserName: 'nobody' })),
        () => t.iam().send(new CreateAccessKeyCommand({ UserName: 'nobody' })),
      ]) {
        const e = await awsError(send);
        expect(e).toMatchObject({
          code: 'NoSuchEntity',
          status: 404,
          message: 'The user with name nobody cannot be found.',
        });
      }
    });

    it('refuses a third key with LimitExceeded', async () => {
      await t.iam().send(new CreateAccessKeyCommand({ UserName: 'max' }));
      const e = await awsError(() => t.iam().send(new CreateAccessKeyCommand({ UserName: 'max' })));
      expect(e).toMatchObject({
        code: 'LimitExceeded',
        status: 409,
        message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      });
      const list = await t.iam().send(new ListAccessKeysCommand({ UserName: 'max' }));
      expect(list.AccessKeyMetadata).toHaveLength(2);
    });

    it('pages through keys with MaxItems and Marker', async () => {
      const first = await t.iam().send(new ListAccessKeysCommand({ UserName: 'max', MaxItems: 1 }));
      expect(first.AccessKeyMetadata).toHaveLength(1);
      expect(first.IsTruncated).toBe(true);
      const second = await t
        .iam()
        .send(new ListAccessKeysCommand({ UserName: 'max', MaxItems: 1, Marker: first.Marker }));
      expect(second.AccessKeyMetadata).toHaveLength(1);
      expect(second.IsTruncated).toBe(false);
      expect(second.AccessKeyMetadata![0]!.AccessKeyId).not.toBe(first.AccessKeyMetadata![0]!.AccessKeyId);
    });

    it("authenticates as the key's user", async () => {
      const key = await keyOf('lee');
      const id = await t.sts(key).send(new GetCallerIdentityCommand({}));
      expect(id).toMatchObject({ Account: ACCOUNT, Arn: userArn('lee') });
      const user = await t.iam().send(new GetUserCommand({ UserName: 'lee' }));
      expect(id.UserId).toBe(user.User?.UserId);
    });

    it("reports a key's last use at once, and N/A before its first use", async () => {
      const key = await keyOf('kim');
      const before = await t.iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }));
      expect(before.UserName).toBe('kim');
      expect(before.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
      const usedAt = Date.now();
      await t.sts(key).send(new GetCallerIdentityCommand({}));
      const after = await t.iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }));
      expect(after.UserName).toBe('kim');
      expect(after.AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: 'us-east-1' });
      expect(after.AccessKeyLastUsed!.LastUsedDate!.getTime()).toBeGreaterThanOrEqual(usedAt - 1000);
      // and still after the buffer has been written to the store
      await new Promise((r) => setTimeout(r, 1300));
      const flushed = await t.iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }));
      expect(flushed.AccessKeyLastUsed).toEqual(after.AccessKeyLastUsed);
    });

    it('answers AccessDenied for the last use of a key that does not exist', async () => {
      const e = await awsError(() =>
        t.iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
      );
      expect(e).toMatchObject({
        code: 'AccessDenied',
        status: 403,
        message:
          'User: arn:aws:iam::123456789012:root is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIAIOSFODNN7EXAMPLE',
      });
    });

    it('deactivates a key so that it fails authentication, and reactivates it', async () => {
      const key = await keyOf('sam');
      await t
        .iam()
        .send(
          new UpdateAccessKeyCommand({ UserName: 'sam', AccessKeyId: key.accessKeyId, Status: 'Inactive' }),
        );
      const list = await t.iam().send(new ListAccessKeysCommand({ UserName: 'sam' }));
      expect(list.AccessKeyMetadata?.[0]?.Status).toBe('Inactive');
      const e = await awsError(() => t.sts(key).send(new GetCallerIdentityCommand({})));
      expect(e).toMatchObject({
        code: 'InvalidClientTokenId',
        status: 403,
        message: 'The security token included in the request is invalid.',
      });
      await t
        .iam()
        .send(
          new UpdateAccessKeyCommand({ UserName: 'sam', AccessKeyId: key.accessKeyId, Status: 'Active' }),
        );
      const id = await t.sts(key).send(new GetCallerIdentityCommand({}));
      expect(id.Arn).toBe(userArn('sam'));
    });

    it('rejects an unknown status with ValidationError and Expired with InvalidInput', async () => {
      const [key] = (await t.iam().send(new ListAccessKeysCommand({ UserName: 'sam' }))).AccessKeyMetadata!;
      const bogus = await awsError(() =>
        t.iam().send(
          new UpdateAccessKeyCommand({
            UserName: 'sam',
            AccessKeyId: key!.AccessKeyId!,
            Status: 'Bogus' as 'Active',
          }),
        ),
      );
      expect(bogus).toMatchObject({ code: 'ValidationError', status: 400 });
      expect(bogus.message).toContain('Member must satisfy enum value set: [Active, Inactive, Expired]');
      const expired = await awsError(() =>
        t.iam().send(
          new UpdateAccessKeyCommand({
            UserName: 'sam',
            AccessKeyId: key!.AccessKeyId!,
            Status: 'Expired',
          }),
        ),
      );
      expect(expired).toMatchObject({ code: 'InvalidInput', status: 400 });
    });

    it("answers NoSuchEntity for a key id that is unknown or is another user's", async () => {
      const [samKey] = (await t.iam().send(new ListAccessKeysCommand({ UserName: 'sam' })))
        .AccessKeyMetadata!;
      for (const [userName, id] of [
        ['sam', 'AKIAIOSFODNN7EXAMPLE'],
        ['kim', samKey!.AccessKeyId!],
      ] as const) {
        for (const send of [
          () =>
            t
              .iam()
              .send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: id, Status: 'Inactive' })),
          () => t.iam().send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: id })),
        ]) {
          const e = await awsError(send);
          expect(e).toMatchObject({
            code: 'NoSuchEntity',
            status: 404,
            message: `The Access Key with id ${id} cannot be found.`,
          });
        }
      }
      const still = await t.iam().send(new ListAccessKeysCommand({ UserName: 'sam' }));
      expect(still.AccessKeyMetadata?.[0]?.Status).toBe('Active');
    });

    it('deletes a key, which then no longer authenticates', async () => {
      const key = await keyOf('gone');
      await t.iam().send(new DeleteAccessKeyCommand({ UserName: 'gone', AccessKeyId: key.accessKeyId }));
      expect((await t.iam().send(new ListAccessKeysCommand({ UserName: 'gone' }))).AccessKeyMetadata).toEqual(
        [],
      );
      const e = await awsError(() => t.sts(key).send(new GetCallerIdentityCommand({})));
      expect(e).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
    });

    it("manages the root's own keys when UserName is omitted", async () => {
      const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({}));
      expect(AccessKey?.AccessKeyId).toMatch(/^AKIA/);
      const list = await t.iam().send(new ListAccessKeysCommand({}));
      expect(list.AccessKeyMetadata?.map((k) => k.AccessKeyId).sort()).toEqual(
        [ROOT.accessKeyId, AccessKey!.AccessKeyId!].sort(),
      );
      const rootKey = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
      const id = await t.sts(rootKey).send(new GetCallerIdentityCommand({}));
      expect(id.Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
      const third = await awsError(() => t.iam().send(new CreateAccessKeyCommand({})));
      expect(third).toMatchObject({
        code: 'LimitExceeded',
        message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      });
      // a user's key is not the root's
      const [samKey] = (await t.iam().send(new ListAccessKeysCommand({ UserName: 'sam' })))
        .AccessKeyMetadata!;
      const notRoots = await awsError(() =>
        t.iam().send(new DeleteAccessKeyCommand({ AccessKeyId: samKey!.AccessKeyId! })),
      );
      expect(notRoots.code).toBe('NoSuchEntity');
      await t.iam().send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId! }));
      const after = await t.iam().send(new ListAccessKeysCommand({}));
      expect(after.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([ROOT.accessKeyId]);
    });
  });

  it('refuses DeleteUser while a password or keys remain, and deletes once they are gone', async () => {
    await t.iam().send(new CreateLoginProfileCommand({ UserName: 'gone', Password: GOOD_PASSWORD }));
    const key = await keyOf('gone');
    const withProfile = await awsError(() => t.iam().send(new DeleteUserCommand({ UserName: 'gone' })));
    expect(withProfile).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete login profile first.',
    });
    await t.iam().send(new DeleteLoginProfileCommand({ UserName: 'gone' }));
    const withKey = await awsError(() => t.iam().send(new DeleteUserCommand({ UserName: 'gone' })));
    expect(withKey).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete access keys first.',
    });
    await t.iam().send(new DeleteAccessKeyCommand({ UserName: 'gone', AccessKeyId: key.accessKeyId }));
    await t.iam().send(new DeleteUserCommand({ UserName: 'gone' }));
    const e = await awsError(() => t.iam().send(new GetUserCommand({ UserName: 'gone' })));
    expect(e.code).toBe('NoSuchEntity');
  });
});
