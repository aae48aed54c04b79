// AWS's shapes of managed policies: Policy (as listed; as CreatePolicy gives it, with its tags; as
// GetPolicy gives it, with its Description and Tags), PolicyVersion, and AttachedPolicy.
import type { AttachedPolicy, Policy, PolicyVersion } from '../../../protocol/index.ts';
import type {
  ManagedPolicyRow,
  AttachedPolicyRow,
  ManagedPolicyUsage,
  PolicyVersionRow,
} from '../../../store/index.ts';
import { versionId, type Tag } from '../../../domain/index.ts';

/** A policy in AWS's Policy shape, as ListPolicies gives it (no Description, no Tags). */
export function policyShape(row: ManagedPolicyRow, usage: ManagedPolicyUsage): Policy {
  return {
    PolicyName: row.policy_name,
    PolicyId: row.policy_id,
    Arn: row.arn,
    Path: row.path,
    DefaultVersionId: versionId(row.default_version),
    AttachmentCount: usage.attachmentCount,
    PermissionsBoundaryUsageCount: usage.permissionsBoundaryUsageCount,
    IsAttachable: true,
    CreateDate: new Date(row.created_at),
    UpdateDate: new Date(row.updated_at),
  };
}

/** A policy as CreatePolicy gives it: with the tags it was created with, but no Description. */
export function createdPolicyShape(
  row: ManagedPolicyRow,
  usage: ManagedPolicyUsage,
  tags: readonly Tag[],
): Policy {
  return { ...policyShape(row, usage), ...(tags.length ? { Tags: [...tags] } : {}) };
}

/** A policy as GetPolicy gives it: with its Description, and its Tags (an empty list when it has none). */
export function policyDetailShape(
  row: ManagedPolicyRow,
  usage: ManagedPolicyUsage,
  tags: readonly Tag[],
): Policy {
  return {
    ...policyShape(row, usage),
    ...(row.description !== null ? { Description: row.description } : {}),
    Tags: [...tags],
  };
}

/**
 * A version in AWS's PolicyVersion shape. Only GetPolicyVersion carries the Document, which IAM
 * returns URL-encoded (RFC 3986), as the AWS CLI and SDK users expect to decode it.
 */
export function policyVersionShape(
  row: PolicyVersionRow,
  policy: ManagedPolicyRow,
  withDocument = false,
): PolicyVersion {
  return {
    ...(withDocument ? { Document: encodeURIComponent(row.document) } : {}),
    VersionId: versionId(row.version),
    IsDefaultVersion: row.version === policy.default_version,
    CreateDate: new Date(row.created_at),
  };
}

/** A policy attached to a user, group or role, as ListAttached*Policies list it. */
export const attachedPolicyShape = (r: AttachedPolicyRow): AttachedPolicy => ({
  PolicyName: r.policy_name,
  PolicyArn: r.arn,
});
