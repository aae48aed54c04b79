// An Identity Center for sign-in tests, built through the real APIs: an organization with a member
// account, the organization's instance (enabled by ListInstances), a user of its identity store with a
// password and a TOTP device (set by the `tessera identity-center` commands, as an administrator
// would), a permission set assigned to the user in the member account (provisioned there), and the
// current TOTP code of the user's device.
import { CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  ListInstancesCommand,
  PutInlinePolicyToPermissionSetCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { createHmac } from 'node:crypto';
import { orgFixture } from './org-fixture.ts';
import { runTessera } from './tessera-cli.ts';
import type { TestServer } from './test-server.ts';

export const MEMBER = '222233334444';
export const PERMISSION_SET = 'ReadOnly';

export interface IdentityCenterFixture {
  identityStoreId: string;
  instanceArn: string;
  startUrl: string;
  userName: string;
  userId: string;
  password: string;
  /** The user's TOTP code for a time (now by default). */
  totp(at?: Date): string;
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret: what an authenticator app shows. */
export function totpCode(base32Secret: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32Secret.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, '0');
}

export async function identityCenterFixture(
  t: TestServer,
  userName = 'alice',
  options: { mfa?: boolean } = {},
): Promise<IdentityCenterFixture> {
  const org = await orgFixture(t);
  await org.member(MEMBER);
  const client = { endpoint: t.url, region: 'us-east-1', credentials: t.root, maxAttempts: 1 };
  const admin = new SSOAdminClient(client);
  const instance = (await admin.send(new ListInstancesCommand({}))).Instances![0]!;
  const identityStoreId = instance.IdentityStoreId!;
  const instanceArn = instance.InstanceArn!;
  const { UserId } = await new IdentitystoreClient(client).send(
    new CreateUserCommand({
      IdentityStoreId: identityStoreId,
      UserName: userName,
      DisplayName: 'Alice Example',
      Name: { GivenName: 'Alice', FamilyName: 'Example' },
      Emails: [{ Value: `${userName}@example.com`, Primary: true }],
    }),
  );
  const ps = (
    await admin.send(
      new CreatePermissionSetCommand({
        InstanceArn: instanceArn,
        Name: PERMISSION_SET,
        SessionDuration: 'PT2H',
      }),
    )
  ).PermissionSet!;
  await admin.send(
    new PutInlinePolicyToPermissionSetCommand({
      InstanceArn: instanceArn,
      PermissionSetArn: ps.PermissionSetArn,
      InlinePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }],
      }),
    }),
  );
  await admin.send(
    new CreateAccountAssignmentCommand({
      InstanceArn: instanceArn,
      TargetType: 'AWS_ACCOUNT',
      TargetId: MEMBER,
      PermissionSetArn: ps.PermissionSetArn,
      PrincipalType: 'USER',
      PrincipalId: UserId,
    }),
  );
  const password = 'Tessera-Sign-in-1!';
  const cli = (args: string[]) =>
    runTessera(['identity-center', ...args], t.config.dataDir, t.config.databaseUrl ?? '');
  const set = await cli(['set-password', userName, '--password', password, '--permanent']);
  if (set.status !== 0) throw new Error(`set-password failed: ${set.stderr}`);
  let secret = '';
  if (options.mfa !== false) {
    const mfa = await cli(['register-mfa', userName]);
    if (mfa.status !== 0) throw new Error(`register-mfa failed: ${mfa.stderr}`);
    secret = new URL(mfa.stdout.trim()).searchParams.get('secret')!;
  }
  return {
    identityStoreId,
    instanceArn,
    startUrl: `${t.url}/start/${identityStoreId}`,
    userName,
    userId: UserId!,
    password,
    totp: (at = new Date()) => totpCode(secret, at),
  };
}
