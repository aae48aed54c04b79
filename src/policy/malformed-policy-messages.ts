// Owns AWS IAM's MalformedPolicyDocument message texts, word for word as IAM returns them.
// Sources: messages observed from IAM's CreatePolicy / PutUserPolicy / CreateRole / UpdateAssumeRolePolicy
// (as recorded by moto's and LocalStack's IAM policy validators and in public bug reports).

export const MALFORMED = {
  syntax: 'Syntax errors in policy.',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacyParsing: 'The policy failed legacy parsing',
  duplicateSid: 'Statement IDs (SID) in a single policy must be unique.',
  missingActions: 'Policy statement must contain actions.',
  missingResources: 'Policy statement must contain resources.',
  principalNotAllowed: 'Policy document should not specify a principal.',
  /** PutBucketPolicy-style resource policies (S3 returns it as MalformedPolicy). */
  missingPrincipal: 'Missing required field Principal',
  /** CreateRole / UpdateAssumeRolePolicy without a Principal. */
  trustWithoutPrincipal:
    'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
  trustActions:
    'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
  trustResource: 'Has prohibited field Resource.',
  actionWithoutVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionColons: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string): string => `Vendor ${vendor} is not valid`,
  resourceNotArn: (resource: string): string => `Resource ${resource} must be in ARN format or "*".`,
  partitionInvalid: (partition: string, rebuilt: string): string =>
    `Partition "${partition}" is not valid for resource "${rebuilt}".`,
  vendorNotQualified: 'Resource vendor must be fully qualified and cannot contain regexes.',
  iamRegion: (resource: string): string => `IAM resource ${resource} cannot contain region information.`,
  s3Region: (resource: string): string => `Resource ${resource} can not contain region information.`,
  iamPath: (starts: readonly string[]): string =>
    `IAM resource path must either be "*" or start with ${starts.join(', ')}.`,
  invalidPrincipal: (type: string, value: string): string =>
    `Invalid principal in policy: "${type.toUpperCase()}":"${value}"`,
} as const;
