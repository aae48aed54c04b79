// PathPrefix in ListUsers, ListRoles, ListGroups, ListPolicies and ListInstanceProfiles matches the
// path's opening characters exactly, on both backends: case counts, and `_` is a character, not a
// wildcard (SQLite's LIKE, used before, ignored case and took both as wildcards).
import {
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListGroupsCommand,
  ListInstanceProfilesCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const PATHS = ['/team_a/', '/teamXa/', '/Team_a/', '/team-a/'];
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }],
});

describe.each(BACKENDS)('PathPrefix on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    for (const [i, Path] of PATHS.entries()) {
      await iam.send(new CreateUserCommand({ UserName: `u${i}`, Path }));
      await iam.send(new CreateRoleCommand({ RoleName: `r${i}`, Path, AssumeRolePolicyDocument: TRUST }));
      await iam.send(new CreateGroupCommand({ GroupName: `g${i}`, Path }));
      await iam.send(new CreatePolicyCommand({ PolicyName: `p${i}`, Path, PolicyDocument: POLICY }));
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: `i${i}`, Path }));
    }
  });
  afterAll(() => t.destroy());

  it('matches the prefix exactly: case counts, _ is a character', async () => {
    const iam = t.iam();
    const lists = async (PathPrefix: string) => ({
      users: (await iam.send(new ListUsersCommand({ PathPrefix }))).Users!.map((u) => u.UserName),
      roles: (await iam.send(new ListRolesCommand({ PathPrefix }))).Roles!.map((r) => r.RoleName),
      groups: (await iam.send(new ListGroupsCommand({ PathPrefix }))).Groups!.map((g) => g.GroupName),
      policies: (await iam.send(new ListPoliciesCommand({ PathPrefix, Scope: 'Local' }))).Policies!.map(
        (p) => p.PolicyName,
      ),
      profiles: (await iam.send(new ListInstanceProfilesCommand({ PathPrefix }))).InstanceProfiles!.map(
        (p) => p.InstanceProfileName,
      ),
    });
    expect(await lists('/team_a/')).toEqual({
      users: ['u0'],
      roles: ['r0'],
      groups: ['g0'],
      policies: ['p0'],
      profiles: ['i0'],
    });
    expect((await lists('/Team_a/')).users).toEqual(['u2']);
    expect((await lists('/team-a/')).roles).toEqual(['r3']);
  });
});
