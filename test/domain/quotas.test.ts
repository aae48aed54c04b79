// IAM's quotas as the domain enforces them, against a SQLite store: the per-account ones as the
// configuration gives them (users, roles, groups, customer managed policies, instance profiles,
// virtual MFA devices), and the fixed or default ones (2 access keys per user, 5 versions per
// policy, 10 managed policies per entity, 10 groups per user, 50 tags per resource, 8 MFA devices
// per user, 1 role per instance profile, policy sizes). Each refusal is LimitExceeded with the
// message the domain writes and changes nothing; the call one below the quota works.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS, type Quotas } from '../../src/config/defaults.ts';
import { base32Decode } from '../../src/crypto/totp.ts';
import { createAccessKey, deleteAccessKey, type KeyOwner } from '../../src/domain/access-keys.ts';
import { credentialLockout } from '../../src/domain/credential-lockout.ts';
import { addUserToGroup, createGroup } from '../../src/domain/groups.ts';
import { putInlinePolicy, userAsInlineOwner } from '../../src/domain/inline-policies.ts';
import { addRoleToInstanceProfile, createInstanceProfile } from '../../src/domain/instance-profiles.ts';
import {
  createPolicy,
  createPolicyVersion,
  deletePolicyVersion,
  versionId,
} from '../../src/domain/managed-policies.ts';
import {
  createVirtualMfaDevice,
  enableMfaDevice,
  MFA_DEVICES_PER_USER,
} from '../../src/domain/mfa-devices.ts';
import {
  attachPolicy,
  groupTarget,
  roleTarget,
  userTarget,
  type AttachmentTarget,
} from '../../src/domain/policy-attachments.ts';
import { createRole } from '../../src/domain/roles.ts';
import { addTags, type Tag } from '../../src/domain/tags.ts';
import { createUser } from '../../src/domain/users.ts';
import { policySizeWithoutWhitespace } from '../../src/policy/index.ts';
import type { Repos } from '../../src/store/index.ts';
import {
  consecutiveCodes,
  enableNewMfaDevice,
  NO_LOCKOUT,
  NOW,
  openDomainStore,
  type DomainStore,
} from '../support/domain-store.ts';

const Q = DEFAULT_QUOTAS;
const with_ = (change: Partial<Quotas>): Quotas => ({ ...DEFAULT_QUOTAS, ...change });
const document = (action = 's3:GetObject') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const limit = (message: string) => ({ code: 'LimitExceeded', message });
const tags = (n: number, prefix = 'k'): Tag[] =>
  Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: String(i) }));

describe('quotas', () => {
  let db: DomainStore;
  let acct: string;
  beforeAll(async () => {
    db = await openDomainStore('quotas');
  });
  beforeEach(async () => {
    acct = await db.newAccount();
  });
  afterAll(() => db.close());

  const write = <T>(fn: (repos: Repos) => Promise<T>) => db.write(acct, fn);
  const newUser = (name: string, quotas = Q) =>
    write((r) => createUser(r, acct, { UserName: name }, quotas, NOW));
  const newRole = (name: string, quotas = Q) =>
    write((r) => createRole(r, acct, { RoleName: name, AssumeRolePolicyDocument: TRUST }, quotas, NOW));
  const newPolicy = (name: string, quotas = Q) =>
    write((r) => createPolicy(r, acct, { PolicyName: name, PolicyDocument: document() }, quotas, NOW));
  const count = (table: 'users' | 'roles' | 'groups' | 'managed_policies' | 'instance_profiles') =>
    db.store.rawRows(table).then((rows) => rows.filter((row) => row['account_id'] === acct).length);

  describe('per account, as configured', () => {
    it('refuses a user beyond UsersPerAccount, counting only the account’s own', async () => {
      const quotas = with_({ usersPerAccount: 2 });
      await newUser('u1', quotas);
      await newUser('u2', quotas);
      expect(await db.refuses(acct, (r) => createUser(r, acct, { UserName: 'u3' }, quotas, NOW))).toEqual(
        limit('Cannot exceed quota for UsersPerAccount: 2'),
      );
      expect(await count('users')).toBe(2);
      const other = await db.newAccount();
      await db.write(other, (r) => createUser(r, other, { UserName: 'u3' }, quotas, NOW));
    });

    it('refuses a role beyond RolesPerAccount', async () => {
      const quotas = with_({ rolesPerAccount: 2 });
      await newRole('r1', quotas);
      await newRole('r2', quotas);
      expect(
        await db.refuses(acct, (r) =>
          createRole(r, acct, { RoleName: 'r3', AssumeRolePolicyDocument: TRUST }, quotas, NOW),
        ),
      ).toEqual(limit('Cannot exceed quota for RolesPerAccount: 2'));
      expect(await count('roles')).toBe(2);
    });

    it('refuses a group beyond GroupsPerAccount', async () => {
      const quotas = with_({ groupsPerAccount: 1 });
      await write((r) => createGroup(r, acct, { GroupName: 'g1' }, quotas, NOW));
      expect(await db.refuses(acct, (r) => createGroup(r, acct, { GroupName: 'g2' }, quotas, NOW))).toEqual(
        limit('Cannot exceed quota for GroupsPerAccount: 1'),
      );
    });

    it('refuses a customer managed policy beyond PoliciesPerAccount', async () => {
      const quotas = with_({ customerManagedPoliciesPerAccount: 2 });
      await newPolicy('p1', quotas);
      await newPolicy('p2', quotas);
      expect(
        await db.refuses(acct, (r) =>
          createPolicy(r, acct, { PolicyName: 'p3', PolicyDocument: document() }, quotas, NOW),
        ),
      ).toEqual(limit('Cannot exceed quota for PoliciesPerAccount: 2'));
      expect(await count('managed_policies')).toBe(2);
    });

    it('refuses an instance profile beyond InstanceProfilesPerAccount', async () => {
      const quotas = with_({ instanceProfilesPerAccount: 1 });
      await write((r) => createInstanceProfile(r, acct, { InstanceProfileName: 'ip1' }, quotas, NOW));
      expect(
        await db.refuses(acct, (r) =>
          createInstanceProfile(r, acct, { InstanceProfileName: 'ip2' }, quotas, NOW),
        ),
      ).toEqual(limit('Cannot exceed quota for InstanceProfilesPerAccount: 1'));
    });

    it('refuses a virtual MFA device beyond the account’s user quota, assigned or not', async () => {
      const quotas = with_({ usersPerAccount: 2 });
      for (const name of ['d1', 'd2'])
        await write((r) =>
          createVirtualMfaDevice(r, db.sealer, acct, { VirtualMFADeviceName: name }, quotas, NOW),
        );
      expect(
        await db.refuses(acct, (r) =>
          createVirtualMfaDevice(r, db.sealer, acct, { VirtualMFADeviceName: 'd3' }, quotas, NOW),
        ),
      ).toEqual(limit('Cannot exceed quota for VirtualMFADevicesPerAccount: 2'));
    });
  });

  describe('access keys', () => {
    it('refuses a third access key for a user, and allows one again after a key is deleted', async () => {
      const user = await newUser('alice');
      const owner: KeyOwner = { accountId: acct, userId: user.user_id, userName: 'alice' };
      const create = (r: Repos) => createAccessKey(r, db.sealer, owner, Q.accessKeysPerUser, NOW);
      expect(Q.accessKeysPerUser).toBe(2);
      const first = await write(create);
      await write(create);
      expect(await db.refuses(acct, create)).toEqual(limit('Cannot exceed quota for AccessKeysPerUser: 2'));
      await write((r) => deleteAccessKey(r, owner, first.row.access_key_id));
      await write(create);
    });

    it('counts each owner’s keys apart: another user’s and the root’s keys do not use up the quota', async () => {
      const alice = await newUser('alice');
      const bob = await newUser('bob');
      const owners: KeyOwner[] = [
        { accountId: acct, userId: alice.user_id, userName: 'alice' },
        { accountId: acct, userId: bob.user_id, userName: 'bob' },
        { accountId: acct, userId: null, userName: acct },
      ];
      for (const owner of owners)
        for (let i = 0; i < 2; i++)
          await write((r) => createAccessKey(r, db.sealer, owner, Q.accessKeysPerUser, NOW));
      expect(
        await db.refuses(acct, (r) => createAccessKey(r, db.sealer, owners[2]!, Q.accessKeysPerUser, NOW)),
      ).toEqual(limit('Cannot exceed quota for AccessKeysPerUser: 2'));
    });
  });

  describe('policy versions', () => {
    it('refuses a sixth version, and numbers the next one on after a version is deleted', async () => {
      expect(Q.versionsPerPolicy).toBe(5);
      const policy = await newPolicy('p');
      // read inside the write's own transaction: SQLite has one connection, held by the write
      const latest = async (r: Repos) => {
        const row = await r.managedPolicies.byArn(policy.arn);
        if (!row) throw new Error('policy gone');
        return row;
      };
      for (let i = 2; i <= 5; i++)
        await write(async (r) =>
          createPolicyVersion(r, acct, await latest(r), document(`s3:Get${i}`), false, Q, NOW),
        );
      expect(
        await db.refuses(acct, async (r) =>
          createPolicyVersion(r, acct, await latest(r), document(), false, Q, NOW),
        ),
      ).toEqual(
        limit(
          'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
        ),
      );
      await write(async (r) => deletePolicyVersion(r, acct, await latest(r), 'v3'));
      const sixth = await write(async (r) =>
        createPolicyVersion(r, acct, await latest(r), document(), false, Q, NOW),
      );
      expect(versionId(sixth.version)).toBe('v6');
    });
  });

  describe('managed policies per entity', () => {
    const targets: [string, string, (r: Repos, a: string, n: string) => Promise<AttachmentTarget>][] = [
      ['user', 'PoliciesPerUser', userTarget],
      ['group', 'PoliciesPerGroup', groupTarget],
      ['role', 'PoliciesPerRole', roleTarget],
    ];

    it.each(targets)(
      'refuses an eleventh policy on a %s as %s: 10, and re-attaching one at the quota changes nothing',
      async (type, quotaName, target) => {
        expect(Q.managedPoliciesPerEntity).toBe(10);
        if (type === 'user') await newUser('e');
        if (type === 'group') await write((r) => createGroup(r, acct, { GroupName: 'e' }, Q, NOW));
        if (type === 'role') await newRole('e');
        const arns: string[] = [];
        for (let i = 0; i < 11; i++) arns.push((await newPolicy(`p${i}`)).arn);
        for (const arn of arns.slice(0, 10))
          await write(async (r) => attachPolicy(r, acct, await target(r, acct, 'e'), arn, Q, NOW));
        const attach =
          (arn: string, quotas = Q) =>
          async (r: Repos) =>
            attachPolicy(r, acct, await target(r, acct, 'e'), arn, quotas, NOW);
        expect(await db.refuses(acct, attach(arns[10]!))).toEqual(
          limit(`Cannot exceed quota for ${quotaName}: 10`),
        );
        await write(attach(arns[0]!));
        // the quota is raisable (AWS: up to 20)
        await write(attach(arns[10]!, with_({ managedPoliciesPerEntity: 20 })));
      },
    );
  });

  describe('groups per user', () => {
    it('refuses an eleventh group for a user, and adding a member again at the quota changes nothing', async () => {
      expect(Q.groupsPerUser).toBe(10);
      await newUser('alice');
      for (let i = 0; i <= 10; i++) await write((r) => createGroup(r, acct, { GroupName: `g${i}` }, Q, NOW));
      for (let i = 0; i < 10; i++) await write((r) => addUserToGroup(r, acct, `g${i}`, 'alice', Q, NOW));
      expect(await db.refuses(acct, (r) => addUserToGroup(r, acct, 'g10', 'alice', Q, NOW))).toEqual(
        limit('Cannot exceed quota for GroupsPerUser: 10'),
      );
      await write((r) => addUserToGroup(r, acct, 'g0', 'alice', Q, NOW));
    });
  });

  describe('tags per resource', () => {
    const tagUser = (userId: string, list: Tag[]) => (r: Repos) =>
      addTags(r, { accountId: acct, entity: 'user', id: userId }, 'user', userId, list, Q.tagsPerResource);

    it('refuses a fifty-first tag, but takes a new value for a key it has, whatever its case', async () => {
      expect(Q.tagsPerResource).toBe(50);
      const user = await newUser('alice');
      await write(tagUser(user.user_id, tags(50)));
      expect(await db.refuses(acct, tagUser(user.user_id, [{ Key: 'one-more', Value: 'x' }]))).toEqual(
        limit('The number of tags has reached the maximum limit of 50.'),
      );
      await write(tagUser(user.user_id, [{ Key: 'K0', Value: 'changed' }]));
      expect(await db.read((r) => r.tags.list('user', user.user_id))).toHaveLength(50);
    });

    it('refuses a user created with fifty-one tags, and creates no user', async () => {
      expect(
        await db.refuses(acct, (r) => createUser(r, acct, { UserName: 'alice', Tags: tags(51) }, Q, NOW), {
          rollback: true,
        }),
      ).toEqual(limit('The number of tags has reached the maximum limit of 50.'));
      expect(await count('users')).toBe(0);
    });
  });

  describe('MFA devices per user', () => {
    it('refuses enabling a ninth device for a user', async () => {
      expect(MFA_DEVICES_PER_USER).toBe(8);
      await newUser('alice');
      for (let i = 0; i < 8; i++) await enableNewMfaDevice(db, acct, 'alice', `d${i}`);
      const ninth = await write((r) =>
        createVirtualMfaDevice(r, db.sealer, acct, { VirtualMFADeviceName: 'd8' }, Q, NOW),
      );
      const codes = consecutiveCodes(base32Decode(ninth.base32Seed), NOW);
      expect(
        await db.refuses(acct, (r) =>
          enableMfaDevice(
            r,
            db.sealer,
            acct,
            { UserName: 'alice', SerialNumber: ninth.row.serial_number, ...codes },
            NOW,
            credentialLockout(r, acct, NO_LOCKOUT, NOW),
          ),
        ),
      ).toEqual(limit('Cannot exceed quota for MFADevicesPerUser: 8'));
    });
  });

  describe('roles per instance profile', () => {
    it('refuses a second role in an instance profile', async () => {
      await newRole('a');
      await newRole('b');
      await write((r) => createInstanceProfile(r, acct, { InstanceProfileName: 'web' }, Q, NOW));
      await write((r) => addRoleToInstanceProfile(r, acct, 'web', 'a'));
      expect(await db.refuses(acct, (r) => addRoleToInstanceProfile(r, acct, 'web', 'b'))).toEqual(
        limit('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1'),
      );
      // the same role again is refused the same way: a profile holds one role, once
      expect(await db.refuses(acct, (r) => addRoleToInstanceProfile(r, acct, 'web', 'a'))).toEqual(
        limit('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1'),
      );
    });
  });

  describe('policy sizes, white space not counted', () => {
    it('refuses a trust policy above ACLSizePerRole and takes one exactly at it, however spaced', async () => {
      const size = policySizeWithoutWhitespace(TRUST);
      const tight = with_({ trustPolicySize: size });
      const spaced = JSON.stringify(JSON.parse(TRUST), null, 4);
      await write((r) =>
        createRole(r, acct, { RoleName: 'fits', AssumeRolePolicyDocument: spaced }, tight, NOW),
      );
      const below = with_({ trustPolicySize: size - 1 });
      expect(
        await db.refuses(acct, (r) =>
          createRole(r, acct, { RoleName: 'big', AssumeRolePolicyDocument: TRUST }, below, NOW),
        ),
      ).toEqual(limit(`Cannot exceed quota for ACLSizePerRole: ${size - 1}`));
    });

    it('refuses a managed policy document above PolicySize', async () => {
      const size = policySizeWithoutWhitespace(document());
      const below = with_({ managedPolicySize: size - 1 });
      expect(
        await db.refuses(acct, (r) =>
          createPolicy(r, acct, { PolicyName: 'p', PolicyDocument: document() }, below, NOW),
        ),
      ).toEqual(limit(`Cannot exceed quota for PolicySize: ${size - 1}`));
      await newPolicy('p', with_({ managedPolicySize: size }));
    });

    it('refuses inline policies whose sizes together pass the owner’s quota, counting a replaced one once', async () => {
      await newUser('alice');
      const one = policySizeWithoutWhitespace(document());
      const put = (name: string) => async (r: Repos) =>
        putInlinePolicy(r, await userAsInlineOwner(r, acct, 'alice'), name, document(), one * 2);
      await write(put('a'));
      await write(put('b'));
      await write(put('a'));
      expect(await db.refuses(acct, put('c'))).toEqual(
        limit(`Maximum policy size of ${one * 2} bytes exceeded for user alice`),
      );
    });
  });
});
