// Every IAM action is authorized on the IAM action and the resource type that AWS's service
// authorization reference gives it (users, groups, roles, policies, instance profiles, MFA devices,
// or "*" for account-wide actions), with the ARN built from the request. A new action must be
// classified here before this suite passes.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
import { describe, expect, it } from 'vitest';
import type { Action, ActionContext } from '../../src/api/action.ts';
import { iamActions } from '../../src/api/iam/index.ts';
import type { Principal } from '../../src/domain/principal.ts';

const ACCOUNT = '123456789012';
const arn = (rest: string) => `arn:aws:iam::${ACCOUNT}:${rest}`;

const CALLER: Principal = {
  type: 'user',
  accountId: ACCOUNT,
  arn: arn('user/team/alice'),
  id: 'AIDAALICE',
  userName: 'alice',
  path: '/team/',
};
const ctx = { accountId: ACCOUNT, caller: CALLER } as unknown as ActionContext;

const POLICY = arn('policy/ops/Deploy');
const MFA = arn('mfa/devices/token');
const OIDC = arn('oidc-provider/token.example.com/issuer');
const SAML = arn('saml-provider/corp-idp');
const SLR_SERVICE = 'elasticbeanstalk.amazonaws.com';
const SLR = arn(`role/aws-service-role/${SLR_SERVICE}/AWSServiceRoleForElasticBeanstalk`);

/** One request naming every kind of entity, so each action picks the member it is about. */
const INPUT = {
  UserName: 'bob',
  GroupName: 'devs',
  RoleName: 'app',
  InstanceProfileName: 'web',
  PolicyArn: POLICY,
  PolicyName: 'Deploy',
  SerialNumber: MFA,
  VirtualMFADeviceName: 'token',
  AWSServiceName: SLR_SERVICE,
  DeletionTaskId: `task/aws-service-role/${SLR_SERVICE}/AWSServiceRoleForElasticBeanstalk/0a1b2c3d`,
  AccountAlias: 'example',
  AccessKeyId: 'AKIAEXAMPLEEXAMPLE01',
  OpenIDConnectProviderArn: OIDC,
  Url: 'https://token.example.com/issuer',
  SAMLProviderArn: SAML,
  Name: 'corp-idp',
  PolicySourceArn: arn('user/team/carol'),
  Arn: arn('group/reviewers'),
  EntityPath: 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111',
  DelegationRequestId: '0123456789abcdef0123456789abcdef',
  EntityArn: arn('delegation-request/0123456789abcdef0123456789abcdef'),
  ServerCertificateName: 'www',
};

/** Expected resource ARN for each action, by the resource type AWS lists for it. */
const EXPECTED: Record<string, string[]> = {
  [arn('user/bob')]: [
    // SSH public keys and signing certificates belong to their user
    'DeleteSSHPublicKey',
    'DeleteSigningCertificate',
    'GetSSHPublicKey',
    'ListSSHPublicKeys',
    'ListSigningCertificates',
    'UpdateSSHPublicKey',
    'UpdateSigningCertificate',
    'UploadSSHPublicKey',
    'UploadSigningCertificate',
    // so do service-specific credentials
    'CreateServiceSpecificCredential',
    'DeleteServiceSpecificCredential',
    'ListServiceSpecificCredentials',
    'ResetServiceSpecificCredential',
    'UpdateServiceSpecificCredential',
    'AttachUserPolicy',
    'CreateAccessKey',
    'CreateLoginProfile',
    'CreateUser',
    'DeactivateMFADevice',
    'DeleteAccessKey',
    'DeleteLoginProfile',
    'DeleteUser',
    'DeleteUserPermissionsBoundary',
    'DeleteUserPolicy',
    'DetachUserPolicy',
    'EnableMFADevice',
    'GetLoginProfile',
    'GetMFADevice',
    'GetUser',
    'GetUserPolicy',
    'ListAccessKeys',
    'ListAttachedUserPolicies',
    'ListGroupsForUser',
    'ListMFADevices',
    'ListUserPolicies',
    'ListUserTags',
    'PutUserPermissionsBoundary',
    'PutUserPolicy',
    'ResyncMFADevice',
    'TagUser',
    'UntagUser',
    'UpdateAccessKey',
    'UpdateLoginProfile',
    'UpdateUser',
  ],
  [CALLER.arn]: ['ChangePassword'],
  [arn('group/devs')]: [
    'AddUserToGroup',
    'AttachGroupPolicy',
    'CreateGroup',
    'DeleteGroup',
    'DeleteGroupPolicy',
    'DetachGroupPolicy',
    'GetGroup',
    'GetGroupPolicy',
    'ListAttachedGroupPolicies',
    'ListGroupPolicies',
    'PutGroupPolicy',
    'RemoveUserFromGroup',
    'UpdateGroup',
  ],
  [arn('role/app')]: [
    'AttachRolePolicy',
    'CreateRole',
    'DeleteRole',
    'DeleteRolePermissionsBoundary',
    'DeleteRolePolicy',
    'DeleteServiceLinkedRole',
    'DetachRolePolicy',
    'GetRole',
    'GetRolePolicy',
    'ListAttachedRolePolicies',
    'ListInstanceProfilesForRole',
    'ListRolePolicies',
    'ListRoleTags',
    'PutRolePermissionsBoundary',
    'PutRolePolicy',
    'TagRole',
    'UntagRole',
    'UpdateAssumeRolePolicy',
    'UpdateRole',
    'UpdateRoleDescription',
  ],
  [SLR]: ['CreateServiceLinkedRole', 'GetServiceLinkedRoleDeletionStatus'],
  [arn('instance-profile/web')]: [
    'AddRoleToInstanceProfile',
    'CreateInstanceProfile',
    'DeleteInstanceProfile',
    'GetInstanceProfile',
    'ListInstanceProfileTags',
    'RemoveRoleFromInstanceProfile',
    'TagInstanceProfile',
    'UntagInstanceProfile',
  ],
  [POLICY]: [
    'CreatePolicyVersion',
    'DeletePolicy',
    'DeletePolicyVersion',
    'GetPolicy',
    'GetPolicyVersion',
    'ListEntitiesForPolicy',
    'ListPolicyTags',
    'ListPolicyVersions',
    'SetDefaultPolicyVersion',
    'TagPolicy',
    'UntagPolicy',
  ],
  [arn('policy/Deploy')]: ['CreatePolicy'],
  [arn('server-certificate/www')]: [
    'DeleteServerCertificate',
    'GetServerCertificate',
    'ListServerCertificateTags',
    'TagServerCertificate',
    'UntagServerCertificate',
    'UpdateServerCertificate',
    'UploadServerCertificate',
  ],
  [MFA]: ['DeleteVirtualMFADevice', 'ListMFADeviceTags', 'TagMFADevice', 'UntagMFADevice'],
  [arn('mfa/token')]: ['CreateVirtualMFADevice'],
  [OIDC]: [
    'AddClientIDToOpenIDConnectProvider',
    'CreateOpenIDConnectProvider',
    'DeleteOpenIDConnectProvider',
    'GetOpenIDConnectProvider',
    'ListOpenIDConnectProviderTags',
    'RemoveClientIDFromOpenIDConnectProvider',
    'TagOpenIDConnectProvider',
    'UntagOpenIDConnectProvider',
    'UpdateOpenIDConnectProviderThumbprint',
  ],
  [SAML]: [
    'CreateSAMLProvider',
    'DeleteSAMLProvider',
    'GetSAMLProvider',
    'ListSAMLProviderTags',
    'TagSAMLProvider',
    'UntagSAMLProvider',
    'UpdateSAMLProvider',
  ],
  // the user, group or role whose policies are simulated
  [arn('user/team/carol')]: ['GetContextKeysForPrincipalPolicy', 'SimulatePrincipalPolicy'],
  // the user, group, role (or, for the report, managed policy) a last accessed report is about
  [arn('group/reviewers')]: ['GenerateServiceLastAccessedDetails', 'ListPoliciesGrantingServiceAccess'],
  // the access report of an organization entity, named by its path
  [arn('access-report/o-a1b2c3d4e5/r-ab12/ou-ab12-11111111')]: ['GenerateOrganizationsAccessReport'],
  '*': [
    'CreateAccountAlias',
    'DeleteAccountAlias',
    'DeleteAccountPasswordPolicy',
    'GenerateCredentialReport',
    'GetAccountAuthorizationDetails',
    'GetAccountPasswordPolicy',
    'GetAccountSummary',
    'GetCredentialReport',
    'GetOrganizationsAccessReport',
    'GetServiceLastAccessedDetails',
    'GetServiceLastAccessedDetailsWithEntities',
    'ListAccountAliases',
    'ListOpenIDConnectProviders',
    'ListSAMLProviders',
    'GetContextKeysForCustomPolicy',
    'SimulateCustomPolicy',
    'ListVirtualMFADevices',
    'SetSecurityTokenServicePreferences',
    'UpdateAccountPasswordPolicy',
    // the organization's centralized root access
    'DisableOrganizationsRootCredentialsManagement',
    'DisableOrganizationsRootSessions',
    'EnableOrganizationsRootCredentialsManagement',
    'EnableOrganizationsRootSessions',
    'ListOrganizationsFeatures',
    // outbound web identity federation (the account's switch)
    'DisableOutboundWebIdentityFederation',
    'EnableOutboundWebIdentityFederation',
    'GetOutboundWebIdentityFederationInfo',
    // delegation requests: filing one, and listing those the account owns
    'CreateDelegationRequest',
    'ListDelegationRequests',
  ],
  // a delegation request, by its id (decided within the caller's account: see delegation-request-target.ts)
  [arn('delegation-request/0123456789abcdef0123456789abcdef')]: [
    'AcceptDelegationRequest',
    'AssociateDelegationRequest',
    'GetDelegationRequest',
    'GetHumanReadableSummary',
    'RejectDelegationRequest',
    'SendDelegationToken',
    'UpdateDelegationRequest',
  ],
  // list actions without resource-level permissions: AWS's AccessDenied names the type's ARN up to the
  // path prefix (ListUsers … on resource: arn:aws:iam::…:user/), or "policy path /" for ListPolicies
  [arn('user/')]: ['ListUsers'],
  [arn('group/')]: ['ListGroups'],
  [arn('role/')]: ['ListRoles'],
  [arn('instance-profile/')]: ['ListInstanceProfiles'],
  [arn('server-certificate/')]: ['ListServerCertificates'],
  'policy path /': ['ListPolicies'],
};

/** Actions authorized by their handler on a resource only the store knows (the key's owner). */
const HANDLER_AUTHORIZED = ['GetAccessKeyLastUsed'];

const byName = new Map<string, Action>(iamActions.map((a) => [a.name, a]));
const cases = Object.entries(EXPECTED).flatMap(([resource, names]) =>
  names.map((name) => [name, resource] as const),
);

describe('IAM action authorization metadata', () => {
  it('classifies every registered IAM action exactly once', () => {
    const classified = [...cases.map(([name]) => name), ...HANDLER_AUTHORIZED].sort();
    expect(classified).toEqual([...byName.keys()].sort());
  });

  it.each(cases)('authorizes %s as iam:<name> on %s', (name, resource) => {
    const action = byName.get(name)!;
    expect(action.iamAction).toBe(`iam:${name}`);
    expect(action.authorization).toBe('policy');
    expect(action.resource(INPUT, ctx)).toBe(resource);
  });

  it.each(HANDLER_AUTHORIZED)('%s is authorized by its handler under its own IAM action', (name) => {
    const action = byName.get(name)!;
    expect(action.iamAction).toBe(`iam:${name}`);
    expect(action.authorization).toBe('handler');
  });

  it.each([
    'CreateAccessKey',
    'DeleteAccessKey',
    'ListAccessKeys',
    'UpdateAccessKey',
    'GetUser',
    'GetLoginProfile',
    'CreateLoginProfile',
    'DeleteLoginProfile',
    'ListMFADevices',
    'DeactivateMFADevice',
    'GetMFADevice',
  ])('%s without a UserName is authorized on the calling user', (name) => {
    const { UserName: _omitted, ...withoutUser } = INPUT;
    expect(byName.get(name)!.resource(withoutUser, ctx)).toBe(CALLER.arn);
  });

  it('builds create and list ARNs with the requested path', () => {
    const withPath = { ...INPUT, Path: '/eng/', PathPrefix: '/eng/' };
    expect(byName.get('CreateUser')!.resource(withPath, ctx)).toBe(arn('user/eng/bob'));
    expect(byName.get('CreateRole')!.resource(withPath, ctx)).toBe(arn('role/eng/app'));
    expect(byName.get('CreateGroup')!.resource(withPath, ctx)).toBe(arn('group/eng/devs'));
    expect(byName.get('CreatePolicy')!.resource(withPath, ctx)).toBe(arn('policy/eng/Deploy'));
    expect(byName.get('CreateInstanceProfile')!.resource(withPath, ctx)).toBe(
      arn('instance-profile/eng/web'),
    );
    expect(byName.get('CreateVirtualMFADevice')!.resource(withPath, ctx)).toBe(arn('mfa/eng/token'));
    expect(byName.get('ListUsers')!.resource(withPath, ctx)).toBe(arn('user/eng/'));
    expect(byName.get('ListRoles')!.resource(withPath, ctx)).toBe(arn('role/eng/'));
    expect(byName.get('ListPolicies')!.resource(withPath, ctx)).toBe('policy path /eng/');
  });
});
