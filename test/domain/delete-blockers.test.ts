// What keeps an IAM entity from being deleted, against a SQLite store: DeleteUser while the user
// has access keys, a login profile, an MFA device, a group, attached or inline policies; DeleteGroup
// with members or policies; DeleteRole in an instance profile, with policies, or service-linked;
// DeletePolicy while in use or with other versions; DeleteInstanceProfile with a role. Each refusal
// is AWS's DeleteConflict message and changes nothing; once the blocker is gone the deletion works.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { createAccessKey, deleteAccessKey, type KeyOwner } from '../../src/domain/access-keys.ts';
import {
  addUserToGroup,
  createGroup,
  deleteGroup,
  groupAsInlineOwner,
  removeUserFromGroup,
} from '../../src/domain/groups.ts';
import { deleteInlinePolicy, putInlinePolicy, userAsInlineOwner } from '../../src/domain/inline-policies.ts';
import {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  removeRoleFromInstanceProfile,
} from '../../src/domain/instance-profiles.ts';
import { createLoginProfile, deleteLoginProfile } from '../../src/domain/login-profiles.ts';
import {
  createPolicy,
  createPolicyVersion,
  deletePolicy,
  deletePolicyVersion,
} from '../../src/domain/managed-policies.ts';
import { deactivateMfaDevice, deleteVirtualMfaDevice } from '../../src/domain/mfa-devices.ts';
import {
  attachPolicy,
  detachPolicy,
  groupTarget,
  roleTarget,
  userTarget,
} from '../../src/domain/policy-attachments.ts';
import type { RootPrincipal } from '../../src/domain/principal.ts';
import { createRole, deleteRole, roleOwner, setRoleBoundary } from '../../src/domain/roles.ts';
import { createServiceLinkedRole } from '../../src/domain/service-linked-roles.ts';
import { addTags } from '../../src/domain/tags.ts';
import { createUser, deleteUser, setUserBoundary } from '../../src/domain/users.ts';
import type { Repos } from '../../src/store/index.ts';
import { enableNewMfaDevice, NOW, openDomainStore, type DomainStore } from '../support/domain-store.ts';

const Q = DEFAULT_QUOTAS;
const DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const conflict = (message: string) => ({ code: 'DeleteConflict', message });

describe('delete blockers', () => {
  let db: DomainStore;
  let acct: string;
  beforeAll(async () => {
    db = await openDomainStore('delete-blockers');
  });
  beforeEach(async () => {
    acct = await db.newAccount();
  });
  afterAll(() => db.close());

  const root = (): RootPrincipal => ({
    type: 'root',
    accountId: acct,
    arn: `arn:aws:iam::${acct}:root`,
    id: acct,
  });
  const write = <T>(fn: (repos: Repos) => Promise<T>) => db.write(acct, fn);
  // entities carry a tag, which deletion removes: a refused deletion must keep it
  const Tags = [{ Key: 'team', Value: 'a' }];
  const newUser = (name = 'alice') => write((r) => createUser(r, acct, { UserName: name, Tags }, Q, NOW));
  const newRole = (name = 'app') =>
    write((r) => createRole(r, acct, { RoleName: name, AssumeRolePolicyDocument: TRUST, Tags }, Q, NOW));
  const newPolicy = (name = 'reader') =>
    write((r) => createPolicy(r, acct, { PolicyName: name, PolicyDocument: DOCUMENT, Tags }, Q, NOW));
  const policyRow = (arn: string) =>
    db.read(async (r) => {
      const row = await r.managedPolicies.byArn(arn);
      if (!row) throw new Error(`no policy ${arn}`);
      return row;
    });
  const userExists = (name: string) => db.read(async (r) => (await r.users.byName(acct, name)) !== undefined);
  const roleExists = (name: string) => db.read(async (r) => (await r.roles.byName(acct, name)) !== undefined);

  describe('DeleteUser', () => {
    const deleteAlice = (r: Repos) => deleteUser(r, acct, 'alice');

    it('refuses a user with an access key until the key is deleted', async () => {
      const user = await newUser();
      const owner: KeyOwner = { accountId: acct, userId: user.user_id, userName: 'alice' };
      const { row } = await write((r) => createAccessKey(r, db.sealer, owner, Q.accessKeysPerUser, NOW));
      expect(await db.refuses(acct, deleteAlice)).toEqual(
        conflict('Cannot delete entity, must delete access keys first.'),
      );
      await write((r) => deleteAccessKey(r, owner, row.access_key_id));
      await write(deleteAlice);
      expect(await userExists('alice')).toBe(false);
    });

    it('refuses a user with a login profile until the profile is deleted', async () => {
      await newUser();
      await write((r) =>
        createLoginProfile(
          r,
          acct,
          {
            userName: 'alice',
            password: 'Correct-Horse-9',
            passwordHash: 'scrypt$unused',
            resetRequired: false,
          },
          NOW,
        ),
      );
      expect(await db.refuses(acct, deleteAlice)).toEqual(
        conflict('Cannot delete entity, must delete login profile first.'),
      );
      await write((r) => deleteLoginProfile(r, acct, 'alice'));
      await write(deleteAlice);
      expect(await userExists('alice')).toBe(false);
    });

    it('refuses a user with an enabled MFA device until the device is deactivated', async () => {
      await newUser();
      const { serialNumber } = await enableNewMfaDevice(db, acct, 'alice', 'phone');
      expect(await db.refuses(acct, deleteAlice)).toEqual(
        conflict('Cannot delete entity, must delete MFA device first.'),
      );
      await write((r) =>
        deactivateMfaDevice(r, acct, root(), { UserName: 'alice', SerialNumber: serialNumber }),
      );
      await write(deleteAlice);
      expect(await userExists('alice')).toBe(false);
      // the device outlives the user it was enabled for, unassigned, and can then be deleted
      await write((r) => deleteVirtualMfaDevice(r, acct, serialNumber));
    });

    it('refuses a member of a group until the user is removed from it', async () => {
      await newUser();
      await write((r) => createGroup(r, acct, { GroupName: 'devs' }, Q, NOW));
      await write((r) => addUserToGroup(r, acct, 'devs', 'alice', Q, NOW));
      expect(await db.refuses(acct, deleteAlice)).toEqual(
        conflict('Cannot delete entity, must remove users from group first.'),
      );
      await write((r) => removeUserFromGroup(r, acct, 'devs', 'alice'));
      await write(deleteAlice);
      expect(await userExists('alice')).toBe(false);
    });

    it('refuses a user with an attached managed policy until it is detached', async () => {
      await newUser();
      const policy = await newPolicy();
      await write(async (r) => attachPolicy(r, acct, await userTarget(r, acct, 'alice'), policy.arn, Q, NOW));
      expect(await db.refuses(acct, deleteAlice)).toEqual(
        conflict('Cannot delete entity, must detach all policies first.'),
      );
      await write(async (r) => detachPolicy(r, acct, await userTarget(r, acct, 'alice'), policy.arn));
      await write(deleteAlice);
      expect(await userExists('alice')).toBe(false);
    });

    it('refuses a user with an inline policy until it is deleted', async () => {
      await newUser();
      await write(async (r) =>
        putInlinePolicy(
          r,
          await userAsInlineOwner(r, acct, 'alice'),
          'read',
          DOCUMENT,
          Q.userInlinePolicySize,
        ),
      );
      expect(await db.refuses(acct, deleteAlice)).toEqual(
        conflict('Cannot delete entity, must delete policies first.'),
      );
      await write(async (r) => deleteInlinePolicy(r, await userAsInlineOwner(r, acct, 'alice'), 'read'));
      await write(deleteAlice);
      expect(await userExists('alice')).toBe(false);
    });

    it('deletes a user whose only belongings are tags and a permissions boundary, and the tags with it', async () => {
      const user = await newUser();
      const boundary = await newPolicy('boundary');
      await write((r) =>
        addTags(
          r,
          { accountId: acct, entity: 'user', id: user.user_id },
          'user',
          user.user_id,
          [{ Key: 'team', Value: 'a' }],
          Q.tagsPerResource,
        ),
      );
      await write((r) => setUserBoundary(r, acct, 'alice', boundary.arn));
      await write(deleteAlice);
      expect(await userExists('alice')).toBe(false);
      expect(await db.read((r) => r.tags.list('user', user.user_id))).toEqual([]);
    });

    it('refuses a user that does not exist with NoSuchEntity', async () => {
      expect(await db.refuses(acct, (r) => deleteUser(r, acct, 'nobody'))).toEqual({
        code: 'NoSuchEntity',
        message: 'The user with name nobody cannot be found.',
      });
    });
  });

  describe('DeleteGroup', () => {
    beforeEach(async () => {
      await write((r) => createGroup(r, acct, { GroupName: 'devs' }, Q, NOW));
    });
    const deleteDevs = (r: Repos) => deleteGroup(r, acct, 'devs');
    const groupExists = () => db.read(async (r) => (await r.groups.byName(acct, 'devs')) !== undefined);

    it('refuses a group with a member until the member is removed', async () => {
      await newUser();
      await write((r) => addUserToGroup(r, acct, 'devs', 'alice', Q, NOW));
      expect(await db.refuses(acct, deleteDevs)).toEqual(
        conflict('Cannot delete entity, must remove users from group first.'),
      );
      await write((r) => removeUserFromGroup(r, acct, 'devs', 'alice'));
      await write(deleteDevs);
      expect(await groupExists()).toBe(false);
    });

    it('refuses a group with an attached managed policy until it is detached', async () => {
      const policy = await newPolicy();
      await write(async (r) => attachPolicy(r, acct, await groupTarget(r, acct, 'devs'), policy.arn, Q, NOW));
      expect(await db.refuses(acct, deleteDevs)).toEqual(
        conflict('Cannot delete entity, must detach all policies first.'),
      );
      await write(async (r) => detachPolicy(r, acct, await groupTarget(r, acct, 'devs'), policy.arn));
      await write(deleteDevs);
      expect(await groupExists()).toBe(false);
    });

    it('refuses a group with an inline policy until it is deleted', async () => {
      await write(async (r) =>
        putInlinePolicy(
          r,
          await groupAsInlineOwner(r, acct, 'devs'),
          'read',
          DOCUMENT,
          Q.groupInlinePolicySize,
        ),
      );
      expect(await db.refuses(acct, deleteDevs)).toEqual(
        conflict('Cannot delete entity, must delete policies first.'),
      );
      await write(async (r) => deleteInlinePolicy(r, await groupAsInlineOwner(r, acct, 'devs'), 'read'));
      await write(deleteDevs);
      expect(await groupExists()).toBe(false);
    });
  });

  describe('DeleteRole', () => {
    const deleteApp = (r: Repos) => deleteRole(r, acct, 'app');

    it('refuses a role in an instance profile until it is removed from it', async () => {
      await newRole();
      await write((r) => createInstanceProfile(r, acct, { InstanceProfileName: 'web' }, Q, NOW));
      await write((r) => addRoleToInstanceProfile(r, acct, 'web', 'app'));
      expect(await db.refuses(acct, deleteApp)).toEqual(
        conflict('Cannot delete entity, must remove roles from instance profile first.'),
      );
      await write((r) => removeRoleFromInstanceProfile(r, acct, 'web', 'app'));
      await write(deleteApp);
      expect(await roleExists('app')).toBe(false);
    });

    it('refuses a role with an attached managed policy until it is detached', async () => {
      await newRole();
      const policy = await newPolicy();
      await write(async (r) => attachPolicy(r, acct, await roleTarget(r, acct, 'app'), policy.arn, Q, NOW));
      expect(await db.refuses(acct, deleteApp)).toEqual(
        conflict('Cannot delete entity, must detach all policies first.'),
      );
      await write(async (r) => detachPolicy(r, acct, await roleTarget(r, acct, 'app'), policy.arn));
      await write(deleteApp);
      expect(await roleExists('app')).toBe(false);
    });

    it('refuses a role with an inline policy until it is deleted', async () => {
      const role = await newRole();
      await write((r) => putInlinePolicy(r, roleOwner(role), 'read', DOCUMENT, Q.roleInlinePolicySize));
      expect(await db.refuses(acct, deleteApp)).toEqual(
        conflict('Cannot delete entity, must delete policies first.'),
      );
      await write((r) => deleteInlinePolicy(r, roleOwner(role), 'read'));
      await write(deleteApp);
      expect(await roleExists('app')).toBe(false);
    });

    it('refuses a service-linked role as only modifiable by AWS', async () => {
      const role = await write((r) =>
        createServiceLinkedRole(r, acct, { AWSServiceName: 'elasticbeanstalk.amazonaws.com' }, Q, NOW),
      );
      expect(await db.refuses(acct, (r) => deleteRole(r, acct, role.role_name))).toEqual({
        code: 'UnmodifiableEntity',
        message: `Cannot perform the operation on the protected role '${role.role_name}' - this role is only modifiable by AWS`,
      });
    });
  });

  describe('DeletePolicy', () => {
    const refusesDelete = (arn: string) =>
      db.refuses(acct, async (r) => deletePolicy(r, acct, await policyRowIn(r, arn)));
    const policyRowIn = async (r: Repos, arn: string) => {
      const row = await r.managedPolicies.byArn(arn);
      if (!row) throw new Error(`no policy ${arn}`);
      return row;
    };
    const policyExists = (arn: string) =>
      db.read(async (r) => (await r.managedPolicies.byArn(arn)) !== undefined);
    const attached = conflict('Cannot delete a policy attached to entities.');

    it.each([
      ['user', userTarget],
      ['group', groupTarget],
      ['role', roleTarget],
    ] as const)('refuses a policy attached to a %s until it is detached', async (type, target) => {
      if (type === 'user') await newUser('e');
      if (type === 'group') await write((r) => createGroup(r, acct, { GroupName: 'e' }, Q, NOW));
      if (type === 'role') await newRole('e');
      const policy = await newPolicy();
      await write(async (r) => attachPolicy(r, acct, await target(r, acct, 'e'), policy.arn, Q, NOW));
      expect(await refusesDelete(policy.arn)).toEqual(attached);
      await write(async (r) => detachPolicy(r, acct, await target(r, acct, 'e'), policy.arn));
      await write(async (r) => deletePolicy(r, acct, await policyRowIn(r, policy.arn)));
      expect(await policyExists(policy.arn)).toBe(false);
    });

    it('refuses a policy that is a user’s permissions boundary until the boundary is removed', async () => {
      await newUser();
      const policy = await newPolicy();
      await write((r) => setUserBoundary(r, acct, 'alice', policy.arn));
      expect(await refusesDelete(policy.arn)).toEqual(attached);
      await write((r) => setUserBoundary(r, acct, 'alice', null));
      await write(async (r) => deletePolicy(r, acct, await policyRowIn(r, policy.arn)));
      expect(await policyExists(policy.arn)).toBe(false);
    });

    it('refuses a policy that is a role’s permissions boundary', async () => {
      await newRole();
      const policy = await newPolicy();
      await write((r) => setRoleBoundary(r, acct, 'app', policy.arn));
      expect(await refusesDelete(policy.arn)).toEqual(attached);
    });

    it('refuses a policy with a version besides the default until that version is deleted', async () => {
      const policy = await newPolicy();
      await write((r) => createPolicyVersion(r, acct, policy, DOCUMENT, false, Q, NOW));
      expect(await refusesDelete(policy.arn)).toEqual(
        conflict(
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
        ),
      );
      await write(async (r) => deletePolicyVersion(r, acct, await policyRowIn(r, policy.arn), 'v2'));
      await write(async (r) => deletePolicy(r, acct, await policyRowIn(r, policy.arn)));
      expect(await policyExists(policy.arn)).toBe(false);
    });

    it('refuses to delete the default version of a policy', async () => {
      const policy = await newPolicy();
      await write((r) => createPolicyVersion(r, acct, policy, DOCUMENT, true, Q, NOW));
      const withV2Default = await policyRow(policy.arn);
      expect(await db.refuses(acct, (r) => deletePolicyVersion(r, acct, withV2Default, 'v2'))).toEqual(
        conflict('Cannot delete the default version of a policy.'),
      );
      // the version that is no longer the default can go
      await write((r) => deletePolicyVersion(r, acct, withV2Default, 'v1'));
    });
  });

  describe('DeleteInstanceProfile', () => {
    it('refuses an instance profile holding a role until the role is removed', async () => {
      await newRole();
      await write((r) => createInstanceProfile(r, acct, { InstanceProfileName: 'web' }, Q, NOW));
      await write((r) => addRoleToInstanceProfile(r, acct, 'web', 'app'));
      expect(await db.refuses(acct, (r) => deleteInstanceProfile(r, acct, 'web'))).toEqual(
        conflict('Cannot delete entity, must remove roles from instance profile first.'),
      );
      await write((r) => removeRoleFromInstanceProfile(r, acct, 'web', 'app'));
      await write((r) => deleteInstanceProfile(r, acct, 'web'));
      expect(await db.read((r) => r.instanceProfiles.byName(acct, 'web'))).toBeUndefined();
      expect(await roleExists('app')).toBe(true);
    });
  });
});
