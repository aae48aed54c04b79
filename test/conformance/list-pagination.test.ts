// Marker/MaxItems/IsTruncated on the List actions no other suite pages through: walking one item at
// a time returns every item once, in the same order as one unpaged call, on each storage backend.
import {
  AddRoleToInstanceProfileCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListInstanceProfilesForRoleCommand,
  ListPolicyTagsCommand,
  TagPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

interface Page<T> {
  items: T[];
  IsTruncated?: boolean;
  Marker?: string;
}

/** Walks every page with MaxItems 1, checking that each page but the last says IsTruncated with a Marker. */
async function walk<T>(fetchPage: (marker?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetchPage(marker);
    expect(page.items.length).toBeLessThanOrEqual(1);
    all.push(...page.items);
    if (!page.IsTruncated) {
      expect(page.Marker).toBeUndefined();
      return all;
    }
    expect(page.Marker).toBeTruthy();
    marker = page.Marker;
  }
  throw new Error('pagination did not end');
}

describe.each(BACKENDS)('paging list actions on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    for (const p of ['P1', 'P2', 'P3'])
      await iam.send(new CreatePolicyCommand({ PolicyName: p, PolicyDocument: DOC }));
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: TRUST }));
    for (const p of ['P1', 'P2', 'P3']) {
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: policyArn(p) }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: policyArn(p) }));
    }
    for (const u of ['u1', 'u2']) {
      await iam.send(new CreateUserCommand({ UserName: u }));
      await iam.send(new AttachUserPolicyCommand({ UserName: u, PolicyArn: policyArn('P1') }));
    }
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: policyArn('P1') }));
  });
  afterAll(() => t.destroy());

  it('pages ListAttachedGroupPolicies and ListAttachedRolePolicies one policy at a time', async () => {
    const iam = t.iam();
    const group = await walk(async (Marker) => {
      const r = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'g', MaxItems: 1, Marker }));
      return { ...r, items: (r.AttachedPolicies ?? []).map((p) => p.PolicyName) };
    });
    expect(group).toEqual(['P1', 'P2', 'P3']);
    const role = await walk(async (Marker) => {
      const r = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r', MaxItems: 1, Marker }));
      return { ...r, items: (r.AttachedPolicies ?? []).map((p) => p.PolicyName) };
    });
    expect(role).toEqual(['P1', 'P2', 'P3']);
  });

  it('pages ListEntitiesForPolicy across its users, groups and roles', async () => {
    const iam = t.iam();
    const whole = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('P1') }));
    const names = [
      ...(whole.PolicyUsers ?? []).map((u) => `user:${u.UserName}`),
      ...(whole.PolicyGroups ?? []).map((g) => `group:${g.GroupName}`),
      ...(whole.PolicyRoles ?? []).map((r) => `role:${r.RoleName}`),
    ];
    expect(names.sort()).toEqual(['group:g', 'role:r', 'user:u1', 'user:u2']);
    const paged = await walk(async (Marker) => {
      const r = await iam.send(
        new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('P1'), MaxItems: 1, Marker }),
      );
      return {
        ...r,
        items: [
          ...(r.PolicyUsers ?? []).map((u) => `user:${u.UserName}`),
          ...(r.PolicyGroups ?? []).map((g) => `group:${g.GroupName}`),
          ...(r.PolicyRoles ?? []).map((x) => `role:${x.RoleName}`),
        ],
      };
    });
    expect(paged.sort()).toEqual(names.sort());
  });

  it('pages ListInstanceProfilesForRole and ListPolicyTags', async () => {
    const iam = t.iam();
    for (const p of ['ip1', 'ip2']) {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: p }));
      await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: p, RoleName: 'r' }));
    }
    const profiles = await walk(async (Marker) => {
      const r = await iam.send(
        new ListInstanceProfilesForRoleCommand({ RoleName: 'r', MaxItems: 1, Marker }),
      );
      return { ...r, items: (r.InstanceProfiles ?? []).map((p) => p.InstanceProfileName) };
    });
    expect(profiles).toEqual(['ip1', 'ip2']);
    const tags = [
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
      { Key: 'c', Value: '3' },
    ];
    await iam.send(new TagPolicyCommand({ PolicyArn: policyArn('P2'), Tags: tags }));
    const pagedTags = await walk(async (Marker) => {
      const r = await iam.send(
        new ListPolicyTagsCommand({ PolicyArn: policyArn('P2'), MaxItems: 1, Marker }),
      );
      return { ...r, items: r.Tags ?? [] };
    });
    expect(pagedTags).toEqual(tags);
  });
});
