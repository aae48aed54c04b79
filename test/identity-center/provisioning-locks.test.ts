// Identity Center writes roles into member accounts under those accounts' write locks, not only
// under the management account's: while another transaction holds a member's lock (as an IAM write
// there would, counting its roles against the quota), CreateAccountAssignment, ProvisionPermissionSet
// and DeleteAccountAssignment for that account wait for it. PostgreSQL only: SQLite has one
// database-wide write lock, so no two writers ever overlap there.
import { CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  ListInstancesCommand,
  ProvisionPermissionSetCommand,
  SSOAdminClient,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgFixture } from '../support/org-fixture.ts';
import { BACKENDS, type Credentials, startTestServer, type TestServer } from '../support/test-server.ts';

const MEMBER = '222233334444';

describe.runIf(BACKENDS.includes('postgres'))('Identity Center provisioning locks on postgres', () => {
  let t: TestServer;
  let admin: SSOAdminClient;
  let member: Credentials;
  let instanceArn: string;
  let permissionSetArn: string;
  let userId: string;

  beforeAll(async () => {
    t = await startTestServer('postgres');
    const org = await orgFixture(t);
    member = await org.member(MEMBER);
    const client = { endpoint: t.url, region: 'us-east-1', credentials: t.root, maxAttempts: 1 };
    admin = new SSOAdminClient(client);
    const instance = (await admin.send(new ListInstancesCommand({}))).Instances![0]!;
    instanceArn = instance.InstanceArn!;
    permissionSetArn = (
      await admin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Ops' }))
    ).PermissionSet!.PermissionSetArn!;
    userId = (
      await new IdentitystoreClient(client).send(
        new CreateUserCommand({
          IdentityStoreId: instance.IdentityStoreId!,
          UserName: 'ops',
          DisplayName: 'Ops',
          Name: { GivenName: 'O', FamilyName: 'Ps' },
        }),
      )
    ).UserId!;
  });
  afterAll(() => t.destroy());

  const assignment = () => ({
    InstanceArn: instanceArn,
    TargetType: 'AWS_ACCOUNT' as const,
    TargetId: MEMBER,
    PermissionSetArn: permissionSetArn,
    PrincipalType: 'USER' as const,
    PrincipalId: userId,
  });
  const memberRoles = async () =>
    (await t.iam(member).send(new ListRolesCommand({ PathPrefix: '/aws-reserved/' }))).Roles!.map(
      (r) => r.RoleName,
    );

  /**
   * Holds the member account's write lock (the row lock Tessera's writers take) in a transaction of
   * its own while `request` runs; resolves with what happened first: the request finishing, or a
   * backend waiting to take the account's write lock (not merely an insert's foreign-key check on
   * the account row, which comes after the quota count). Then releases the lock and lets the
   * request finish.
   */
  async function whileMemberLocked(request: () => Promise<unknown>): Promise<'waited' | 'finished'> {
    const url = new URL(t.config.databaseUrl!);
    const schema = url.searchParams.get('schema')!;
    url.searchParams.delete('schema');
    const holder = new pg.Client({ connectionString: url.toString() });
    const watcher = new pg.Client({ connectionString: url.toString() });
    await Promise.all([holder.connect(), watcher.connect()]);
    try {
      await holder.query(`set search_path to ${schema}`);
      await holder.query('begin');
      await holder.query('select account_id from accounts where account_id = $1 for update', [MEMBER]);
      const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      let done = false;
      const running = request().finally(() => (done = true));
      let first: 'waited' | 'finished' | undefined;
      for (let i = 0; i < 600 && !first; i++) {
        const { rows } = await watcher.query<{ query: string }>(
          'select query from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
          [pid],
        );
        if (rows.length > 0) {
          expect(rows.map((r) => r.query)).toEqual([
            expect.stringMatching(/from "?accounts"? .*for update/i),
          ]);
          first = 'waited';
        } else if (done) first = 'finished';
        else await new Promise((r) => setTimeout(r, 25));
      }
      await holder.query('commit');
      await running;
      return first ?? 'finished';
    } finally {
      await Promise.all([holder.end(), watcher.end()]);
    }
  }

  it('CreateAccountAssignment waits for the member account’s lock, then provisions the role', async () => {
    expect(await whileMemberLocked(() => admin.send(new CreateAccountAssignmentCommand(assignment())))).toBe(
      'waited',
    );
    expect(await memberRoles()).toEqual([expect.stringMatching(/^AWSReservedSSO_Ops_[0-9a-f]{16}$/)]);
  });

  it('ProvisionPermissionSet to every provisioned account waits for each account’s lock', async () => {
    await admin.send(
      new UpdatePermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: permissionSetArn,
        SessionDuration: 'PT4H',
      }),
    );
    const outcome = await whileMemberLocked(() =>
      admin.send(
        new ProvisionPermissionSetCommand({
          InstanceArn: instanceArn,
          PermissionSetArn: permissionSetArn,
          TargetType: 'ALL_PROVISIONED_ACCOUNTS',
        }),
      ),
    );
    expect(outcome).toBe('waited');
    const role = (await t.iam(member).send(new ListRolesCommand({ PathPrefix: '/aws-reserved/' })))
      .Roles![0]!;
    expect(role.MaxSessionDuration).toBe(4 * 3600);
  });

  it('DeleteAccountAssignment waits for the member account’s lock, then removes the role', async () => {
    expect(await whileMemberLocked(() => admin.send(new DeleteAccountAssignmentCommand(assignment())))).toBe(
      'waited',
    );
    expect(await memberRoles()).toEqual([]);
  });
});
