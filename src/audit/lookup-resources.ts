// The resources LookupEvents lists for an event (ResourceType, ResourceName), read from the call's
// parameters: the IAM entities it names by name or ARN, typed as CloudFormation types, as CloudTrail
// lists them for IAM and STS calls.
import type { LookupResource } from './audit-rows.ts';

/** Input members that name a resource, and the resource's type. */
const RESOURCE_MEMBERS: Readonly<Record<string, string>> = {
  UserName: 'AWS::IAM::User',
  NewUserName: 'AWS::IAM::User',
  GroupName: 'AWS::IAM::Group',
  NewGroupName: 'AWS::IAM::Group',
  RoleName: 'AWS::IAM::Role',
  RoleArn: 'AWS::IAM::Role',
  PolicyArn: 'AWS::IAM::Policy',
  PermissionsBoundary: 'AWS::IAM::Policy',
  InstanceProfileName: 'AWS::IAM::InstanceProfile',
  AccessKeyId: 'AWS::IAM::AccessKey',
  SerialNumber: 'AWS::IAM::MFADevice',
  VirtualMFADeviceName: 'AWS::IAM::MFADevice',
  OpenIDConnectProviderArn: 'AWS::IAM::OIDCProvider',
  SAMLProviderArn: 'AWS::IAM::SAMLProvider',
  PolicySourceArn: 'AWS::IAM::Policy',
};

/** The resources a call's (validated, AWS-named) input names, in member order, without repeats. */
export function lookupResourcesOf(input: unknown): LookupResource[] {
  if (input === null || typeof input !== 'object') return [];
  const out: LookupResource[] = [];
  const seen = new Set<string>();
  for (const [member, value] of Object.entries(input as Record<string, unknown>)) {
    const type = Object.hasOwn(RESOURCE_MEMBERS, member) ? RESOURCE_MEMBERS[member] : undefined;
    if (type === undefined || typeof value !== 'string' || value === '') continue;
    const key = `${type}\0${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type, name: value });
  }
  return out;
}
