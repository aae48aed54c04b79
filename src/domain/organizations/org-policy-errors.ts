// Organizations' refusals about policies, policy types and tags, in the words of AWS's API reference
// (each exception's own description; ConstraintViolationException and InvalidInputException with the
// Reason AWS gives and that reason's description).
import { AwsError } from '../../errors.ts';
import { constraintViolation, invalidOrgInput } from './org-errors.ts';

export const rootNotFound = (): AwsError =>
  new AwsError('RootNotFoundException', "We can't find a root with the RootId that you specified.");

export const policyTypeAlreadyEnabled = (): AwsError =>
  new AwsError(
    'PolicyTypeAlreadyEnabledException',
    'The specified policy type is already enabled in the specified root.',
  );

export const policyTypeNotEnabled = (): AwsError =>
  new AwsError(
    'PolicyTypeNotEnabledException',
    "The specified policy type isn't currently enabled in this root. You can't attach policies of the " +
      'specified type to entities in a root until you enable that type in the root.',
  );

export const policyTypeNotAvailable = (): AwsError =>
  new AwsError(
    'PolicyTypeNotAvailableForOrganizationException',
    "You can't use the specified policy type with the feature set currently enabled for this organization.",
  );

export const notInAllFeaturesMode = (): AwsError =>
  constraintViolation(
    'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
    'You attempted to perform an operation that requires the organization to be configured to support ' +
      "all features. An organization that supports only consolidated billing features can't perform " +
      'this operation.',
  );

export const duplicatePolicy = (): AwsError =>
  new AwsError('DuplicatePolicyException', 'A policy with the same name already exists.');

export const duplicatePolicyAttachment = (): AwsError =>
  new AwsError(
    'DuplicatePolicyAttachmentException',
    'The selected policy is already attached to the specified target.',
  );

export const policyNotAttached = (): AwsError =>
  new AwsError(
    'PolicyNotAttachedException',
    "The policy isn't attached to the specified target in the specified root.",
  );

export const policyInUse = (): AwsError =>
  new AwsError(
    'PolicyInUseException',
    'The policy is attached to one or more entities. You must detach it from all roots, OUs, and ' +
      'accounts before performing this operation.',
  );

export const malformedOrgPolicy = (detail: string): AwsError =>
  new AwsError('MalformedPolicyDocumentException', detail);

export const policyContentLimitExceeded = (): AwsError =>
  constraintViolation(
    'POLICY_CONTENT_LIMIT_EXCEEDED',
    'You attempted to create a policy that is larger than the maximum size.',
  );

export const policyNumberLimitExceeded = (): AwsError =>
  constraintViolation(
    'POLICY_NUMBER_LIMIT_EXCEEDED',
    'You attempted to exceed the number of policies that you can have in an organization.',
  );

export const maxAttachmentsExceeded = (): AwsError =>
  constraintViolation(
    'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    'You attempted to exceed the number of policies of a certain type that can be attached to an entity ' +
      'at one time.',
  );

export const minAttachmentsExceeded = (): AwsError =>
  constraintViolation(
    'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    'You attempted to detach a policy from an entity that would cause the entity to have fewer than the ' +
      'minimum number of policies of a certain type required.',
  );

export const immutablePolicy = (): AwsError =>
  invalidOrgInput('IMMUTABLE_POLICY', "You specified a policy that is managed by AWS and can't be modified.");

export const nonDetachablePolicy = (): AwsError =>
  invalidOrgInput('NON_DETACHABLE_POLICY', "You can't detach this AWS Managed Policy.");

export const targetNotSupported = (): AwsError =>
  invalidOrgInput('TARGET_NOT_SUPPORTED', "You can't perform the specified operation on that target entity.");

export const duplicateTagKey = (): AwsError =>
  invalidOrgInput('DUPLICATE_TAG_KEY', 'Tag keys must be unique among the tags attached to the same entity.');

export const systemTagKey = (): AwsError =>
  invalidOrgInput(
    'INVALID_SYSTEM_TAGS_PARAMETER',
    "You specified a tag key that is a system tag. You can't add, edit, or delete system tag keys " +
      "because they're reserved for AWS use.",
  );

export const maxTagLimitExceeded = (): AwsError =>
  constraintViolation(
    'MAX_TAG_LIMIT_EXCEEDED',
    'You have exceeded the number of tags allowed on this resource.',
  );

/** TargetNotFoundException as TagResource and its kin answer it: a policy is a target there too. */
export const taggableTargetNotFound = (): AwsError =>
  new AwsError(
    'TargetNotFoundException',
    "We can't find a root, OU, account, or policy with the TargetId that you specified.",
  );

export const effectivePolicyNotFound = (policyType: string): AwsError =>
  new AwsError(
    'EffectivePolicyNotFoundException',
    `The account has no effective policy of type ${policyType}: that policy type is not enabled in the organization.`,
  );
