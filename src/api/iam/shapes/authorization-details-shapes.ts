// AWS's shapes of GetAccountAuthorizationDetails' lists: UserDetail, GroupDetail, RoleDetail and
// ManagedPolicyDetail, policy documents URL-encoded as IAM returns them.
import type {
  AttachedPolicy,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  UserDetail,
} from '../../../protocol/index.ts';
import {
  type GroupAuthorizationDetail,
  type PolicyAuthorizationDetail,
  type RoleAuthorizationDetail,
  type UserAuthorizationDetail,
  versionId,
} from '../../../domain/index.ts';
import type { AttachedPolicyEntry, InlinePolicyEntry } from '../../../store/index.ts';
import { instanceProfileShape } from './instance-profile-shapes.ts';
import { roleLastUsedShape } from './role-shapes.ts';
import { boundaryShape } from './user-shapes.ts';

const inlinePolicyShape = (p: InlinePolicyEntry): PolicyDetail => ({
  PolicyName: p.policyName,
  PolicyDocument: encodeURIComponent(p.document),
});

const attachedShape = (p: AttachedPolicyEntry): AttachedPolicy => ({
  PolicyName: p.policyName,
  PolicyArn: p.policyArn,
});

export function userAuthorizationDetailShape(d: UserAuthorizationDetail): UserDetail {
  const r = d.user;
  return {
    Path: r.path,
    UserName: r.user_name,
    UserId: r.user_id,
    Arn: r.arn,
    CreateDate: new Date(r.created_at),
    UserPolicyList: d.inlinePolicies.map(inlinePolicyShape),
    GroupList: d.groupNames,
    AttachedManagedPolicies: d.attachedPolicies.map(attachedShape),
    PermissionsBoundary: boundaryShape(r.permissions_boundary),
    Tags: d.tags.length ? d.tags : undefined,
  };
}

export function groupAuthorizationDetailShape(d: GroupAuthorizationDetail): GroupDetail {
  const r = d.group;
  return {
    Path: r.path,
    GroupName: r.group_name,
    GroupId: r.group_id,
    Arn: r.arn,
    CreateDate: new Date(r.created_at),
    GroupPolicyList: d.inlinePolicies.map(inlinePolicyShape),
    AttachedManagedPolicies: d.attachedPolicies.map(attachedShape),
  };
}

export function roleAuthorizationDetailShape(d: RoleAuthorizationDetail): RoleDetail {
  const r = d.role;
  return {
    Path: r.path,
    RoleName: r.role_name,
    RoleId: r.role_id,
    Arn: r.arn,
    CreateDate: new Date(r.created_at),
    AssumeRolePolicyDocument: encodeURIComponent(r.assume_role_policy),
    InstanceProfileList: d.instanceProfiles.map((p) => instanceProfileShape(p.profile, p.roles)),
    RolePolicyList: d.inlinePolicies.map(inlinePolicyShape),
    AttachedManagedPolicies: d.attachedPolicies.map(attachedShape),
    PermissionsBoundary: boundaryShape(r.permissions_boundary),
    Tags: d.tags.length ? d.tags : undefined,
    RoleLastUsed: roleLastUsedShape(r),
  };
}

export function policyAuthorizationDetailShape(d: PolicyAuthorizationDetail): ManagedPolicyDetail {
  const r = d.policy;
  return {
    PolicyName: r.policy_name,
    PolicyId: r.policy_id,
    Arn: r.arn,
    Path: r.path,
    DefaultVersionId: versionId(r.default_version),
    AttachmentCount: d.attachmentCount,
    PermissionsBoundaryUsageCount: d.boundaryUsageCount,
    IsAttachable: true,
    ...(r.description !== null ? { Description: r.description } : {}),
    CreateDate: new Date(r.created_at),
    UpdateDate: new Date(r.updated_at),
    PolicyVersionList: d.versions.map((v) => ({
      Document: encodeURIComponent(v.document),
      VersionId: versionId(v.version),
      IsDefaultVersion: v.version === r.default_version,
      CreateDate: new Date(v.created_at),
    })),
  };
}
