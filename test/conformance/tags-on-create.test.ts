// Creating an entity with tags needs the tag action too (iam:TagUser for CreateUser …), decided with
// the request's aws:RequestTag/… and aws:TagKeys, as AWS's service authorization reference lists it
// as a dependent action of every Create* that takes Tags
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html,
// and "Permissions required for tagging IAM users/roles" in the IAM User Guide). Real AWS SDK v3
// clients, on each storage backend.
import {
  CreateInstanceProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GetInstanceProfileCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetSAMLProviderCommand,
  GetUserCommand,
  type IAMClient,
  ListVirtualMFADevicesCommand,
  type Tag,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDevIdp, idpMetadataXml } from '../../src/federation/saml/dev-idp.ts';
import {
  accessDenied,
  allow,
  deny,
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
const DOCUMENT = policy(allow('s3:GetObject'));
const SAML_METADATA = idpMetadataXml(generateDevIdp('https://idp.tags.example/saml'));

/** One Create* that takes Tags: how to call it, its tag action, and whether an entity exists. */
interface TaggableEntity {
  kind: string;
  createAction: string;
  tagAction: string;
  /** The ARN the create is authorized on, for an entity named `name`. */
  arn(name: string): string;
  create(iam: IAMClient, name: string, tags?: Tag[]): Promise<unknown>;
  exists(root: IAMClient, name: string): Promise<boolean>;
}

/** True when `call` succeeds, false when it fails with NoSuchEntity. */
async function found(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    expect((await awsError(() => Promise.reject(err))).code).toBe('NoSuchEntity');
    return false;
  }
}

const oidcUrl = (name: string) => `https://${name}.oidc.example`;

const ENTITIES: TaggableEntity[] = [
  {
    kind: 'user',
    createAction: 'iam:CreateUser',
    tagAction: 'iam:TagUser',
    arn: (name) => iamArn(`user/${name}`),
    create: (iam, UserName, Tags) => iam.send(new CreateUserCommand({ UserName, Tags })),
    exists: (root, UserName) => found(() => root.send(new GetUserCommand({ UserName }))),
  },
  {
    kind: 'role',
    createAction: 'iam:CreateRole',
    tagAction: 'iam:TagRole',
    arn: (name) => iamArn(`role/${name}`),
    create: (iam, RoleName, Tags) =>
      iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: TRUST, Tags })),
    exists: (root, RoleName) => found(() => root.send(new GetRoleCommand({ RoleName }))),
  },
  {
    kind: 'managed policy',
    createAction: 'iam:CreatePolicy',
    tagAction: 'iam:TagPolicy',
    arn: (name) => iamArn(`policy/${name}`),
    create: (iam, PolicyName, Tags) =>
      iam.send(new CreatePolicyCommand({ PolicyName, PolicyDocument: DOCUMENT, Tags })),
    exists: (root, name) =>
      found(() => root.send(new GetPolicyCommand({ PolicyArn: iamArn(`policy/${name}`) }))),
  },
  {
    kind: 'instance profile',
    createAction: 'iam:CreateInstanceProfile',
    tagAction: 'iam:TagInstanceProfile',
    arn: (name) => iamArn(`instance-profile/${name}`),
    create: (iam, InstanceProfileName, Tags) =>
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName, Tags })),
    exists: (root, InstanceProfileName) =>
      found(() => root.send(new GetInstanceProfileCommand({ InstanceProfileName }))),
  },
  {
    kind: 'OIDC provider',
    createAction: 'iam:CreateOpenIDConnectProvider',
    tagAction: 'iam:TagOpenIDConnectProvider',
    arn: (name) => iamArn(`oidc-provider/${name}.oidc.example`),
    create: (iam, name, Tags) =>
      iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: oidcUrl(name),
          ClientIDList: ['sts.amazonaws.com'],
          Tags,
        }),
      ),
    exists: (root, name) =>
      found(() =>
        root.send(
          new GetOpenIDConnectProviderCommand({
            OpenIDConnectProviderArn: iamArn(`oidc-provider/${name}.oidc.example`),
          }),
        ),
      ),
  },
  {
    kind: 'SAML provider',
    createAction: 'iam:CreateSAMLProvider',
    tagAction: 'iam:TagSAMLProvider',
    arn: (name) => iamArn(`saml-provider/${name}`),
    create: (iam, Name, Tags) =>
      iam.send(new CreateSAMLProviderCommand({ Name, SAMLMetadataDocument: SAML_METADATA, Tags })),
    exists: (root, name) =>
      found(() =>
        root.send(new GetSAMLProviderCommand({ SAMLProviderArn: iamArn(`saml-provider/${name}`) })),
      ),
  },
  {
    kind: 'virtual MFA device',
    createAction: 'iam:CreateVirtualMFADevice',
    tagAction: 'iam:TagMFADevice',
    arn: (name) => iamArn(`mfa/${name}`),
    create: (iam, VirtualMFADeviceName, Tags) =>
      iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName, Tags })),
    exists: async (root, name) => {
      const { VirtualMFADevices } = await root.send(new ListVirtualMFADevicesCommand({}));
      return (VirtualMFADevices ?? []).some((d) => d.SerialNumber === iamArn(`mfa/${name}`));
    },
  },
];

const TEAM_BLUE: Tag[] = [{ Key: 'team', Value: 'blue' }];

describe.each(BACKENDS)('tags given on create are authorized with the tag action on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  describe.each(ENTITIES.map((e, i) => [e.kind, e, i] as const))('%s', (_kind, entity, i) => {
    // names short and distinct per entity and backend run: user names are at most 64 characters
    const name = (what: string) => `e${i}-${what}`;

    it(`refuses a create with tags under an explicit Deny on the tag action, and creates nothing`, async () => {
      const u = await makeUser(t, name('tag-denied'), {
        inline: { p: policy(allow('iam:*'), deny(entity.tagAction)) },
      });
      await expectDenied(
        () => entity.create(u.iam, name('denied'), TEAM_BLUE),
        accessDenied(u.arn, entity.tagAction, entity.arn(name('denied')), 'identity-deny'),
      );
      expect(await entity.exists(t.iam(), name('denied'))).toBe(false);
      // the same create without tags is not a tagging request
      await entity.create(u.iam, name('untagged-ok'));
      expect(await entity.exists(t.iam(), name('untagged-ok'))).toBe(true);
    });

    it(`allows ${entity.createAction} alone to create without tags, but not with tags`, async () => {
      const u = await makeUser(t, name('create-only'), {
        inline: { p: policy(allow([entity.createAction, 'iam:Get*', 'iam:List*'])) },
      });
      await expectDenied(
        () => entity.create(u.iam, name('tagged'), TEAM_BLUE),
        accessDenied(u.arn, entity.tagAction, entity.arn(name('tagged')), 'no-identity-allow'),
      );
      expect(await entity.exists(t.iam(), name('tagged'))).toBe(false);
      await entity.create(u.iam, name('plain'));
      expect(await entity.exists(t.iam(), name('plain'))).toBe(true);
      // an empty Tags list is no tagging either
      await entity.create(u.iam, name('empty'), []);
      expect(await entity.exists(t.iam(), name('empty'))).toBe(true);
    });

    it(`honours aws:RequestTag and aws:TagKeys conditions on ${entity.tagAction}`, async () => {
      const blueOnly: Statement = {
        Effect: 'Allow',
        Action: entity.tagAction,
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:RequestTag/team': 'blue' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
        },
      };
      const u = await makeUser(t, name('blue-tagger'), {
        inline: { p: policy(allow(entity.createAction), blueOnly) },
      });
      await entity.create(u.iam, name('blue'), TEAM_BLUE);
      expect(await entity.exists(t.iam(), name('blue'))).toBe(true);
      await expectDenied(
        () => entity.create(u.iam, name('red'), [{ Key: 'team', Value: 'red' }]),
        accessDenied(u.arn, entity.tagAction, entity.arn(name('red')), 'no-identity-allow'),
      );
      await expectDenied(
        () => entity.create(u.iam, name('extra'), [...TEAM_BLUE, { Key: 'owner', Value: 'me' }]),
        accessDenied(u.arn, entity.tagAction, entity.arn(name('extra')), 'no-identity-allow'),
      );
      expect(await entity.exists(t.iam(), name('red'))).toBe(false);
      expect(await entity.exists(t.iam(), name('extra'))).toBe(false);
    });
  });

  it('names the create action, not the tag action, when the create itself is not allowed', async () => {
    const u = await makeUser(t, 'tag-only', { inline: { p: policy(allow('iam:TagUser')) } });
    await expectDenied(
      () => u.iam.send(new CreateUserCommand({ UserName: 'nope', Tags: TEAM_BLUE })),
      accessDenied(u.arn, 'iam:CreateUser', iamArn('user/nope'), 'no-identity-allow'),
    );
  });
});
