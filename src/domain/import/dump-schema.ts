// The shape of what `aws iam get-account-authorization-details` prints, as zod schemas built from
// AWS's model (iam.json: GetAccountAuthorizationDetailsResponse, UserDetail, GroupDetail, RoleDetail,
// ManagedPolicyDetail, InstanceProfile, PolicyVersion): names, paths and ids with the model's patterns
// and lengths, dates as ISO strings (the CLI) or epoch seconds, and policy documents as objects (the
// CLI decodes them) or strings (URL-encoded, as the API returns them), each checked by IAM's grammar.
// Members the import does not use (AttachmentCount, IsAttachable, IsTruncated …) are ignored.
import { z } from 'zod';
import type { PolicyKind } from '../../policy/index.ts';
import { checkedDocumentText } from './policy-document-text.ts';

const missing = (v: unknown) => v === undefined || v === null;

/** An IAM name: the model's `[\w+=,.@-]+` of at most `max` characters. */
const iamName = (max: number) =>
  z
    .string({ error: (i) => (missing(i.input) ? 'is missing' : 'expected a string') })
    .min(1, 'is empty')
    .max(max, `is longer than ${max} characters`)
    .regex(/^[\w+=,.@-]+$/, 'may hold only letters, digits and _+=,.@-');

/** pathType: `/` or `/…/` of printable ASCII, at most 512 characters. */
const entityPath = z
  .string({ error: (i) => (missing(i.input) ? 'is missing' : 'expected a string') })
  .max(512, 'is longer than 512 characters')
  .regex(/^\/(?:[\x21-\x7e]+\/)?$/, 'must start and end with /');

/** policyPathType: `/`, or segments of letters, digits and .,+@=_- between slashes. */
const policyPath = z
  .string({ error: (i) => (missing(i.input) ? 'is missing' : 'expected a string') })
  .max(512, 'is longer than 512 characters')
  .regex(
    /^(?:\/[A-Za-z0-9.,+@=_-]+)*\/$/,
    'must start and end with / and hold only letters, digits and .,+@=_-',
  );

/** idType: 16 to 128 word characters (AIDA…, AGPA…, AROA…, ANPA…, AIPA…). */
const uniqueId = z
  .string({ error: (i) => (missing(i.input) ? 'is missing' : 'expected a string') })
  .regex(/^\w{16,128}$/, 'is not an IAM unique id (16 to 128 letters and digits)');

const arn = z
  .string({ error: (i) => (missing(i.input) ? 'is missing' : 'expected a string') })
  .min(20, 'is not an ARN')
  .max(2048, 'is longer than 2048 characters');

/** dateType: an ISO 8601 string (the CLI) or epoch seconds, kept as ISO 8601 with milliseconds. */
const date = z.unknown().transform((v, ctx) => {
  if (missing(v)) {
    ctx.addIssue('is missing');
    return z.NEVER;
  }
  const at = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    ctx.addIssue('is not a date');
    return z.NEVER;
  }
  return at.toISOString();
});

/** policyDocumentType: the document's text, once IAM's grammar for `kind` accepts it. */
const policyDocument = (kind: PolicyKind) =>
  z.unknown().transform((v, ctx) => {
    if (missing(v)) {
      ctx.addIssue('is missing');
      return z.NEVER;
    }
    const text = checkedDocumentText(v, kind);
    if (!text.ok) {
      ctx.addIssue(text.problem);
      return z.NEVER;
    }
    return text.text;
  });

/** tagListType: at most 50 by AWS's quota is the import's business (quotas); keys unique in any case. */
const tags = z
  .array(
    z.object({
      Key: z.string({ error: 'is missing' }).min(1, 'is empty').max(128, 'is longer than 128 characters'),
      Value: z.string({ error: 'is missing' }).max(256, 'is longer than 256 characters'),
    }),
  )
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const key = t.Key.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: `repeats the key ${t.Key}`, path: [i, 'Key'] });
      seen.add(key);
    });
  })
  .default([]);

/** PolicyDetail: an inline policy. */
const inlinePolicy = z.object({ PolicyName: iamName(128), PolicyDocument: policyDocument('identity') });

/** AttachedPolicy: a managed policy attached to a user, group or role. */
const attachedPolicy = z.object({ PolicyName: z.string().optional(), PolicyArn: arn });

/** AttachedPermissionsBoundary. */
const boundary = z.object({
  PermissionsBoundaryType: z
    .literal('PermissionsBoundaryPolicy', { error: 'must be PermissionsBoundaryPolicy' })
    .optional(),
  PermissionsBoundaryArn: arn,
});

const maxSessionDuration = z
  .number({ error: 'expected a number of seconds' })
  .int('expected a whole number of seconds')
  .min(3600, 'is below 3600 seconds')
  .max(43200, 'is above 43200 seconds');

const roleDescription = z.string({ error: 'expected a string' }).max(1000, 'is longer than 1000 characters');

const inlinePolicies = z.array(inlinePolicy).default([]);
const attachedPolicies = z.array(attachedPolicy).default([]);

export const userDetail = z.object({
  Path: entityPath,
  UserName: iamName(64),
  UserId: uniqueId,
  Arn: arn,
  CreateDate: date,
  UserPolicyList: inlinePolicies,
  GroupList: z.array(iamName(128)).default([]),
  AttachedManagedPolicies: attachedPolicies,
  PermissionsBoundary: boundary.optional(),
  Tags: tags,
});

export const groupDetail = z.object({
  Path: entityPath,
  GroupName: iamName(128),
  GroupId: uniqueId,
  Arn: arn,
  CreateDate: date,
  GroupPolicyList: inlinePolicies,
  AttachedManagedPolicies: attachedPolicies,
});

/** InstanceProfile, as a role's InstanceProfileList holds it: its roles are named by id. */
export const instanceProfile = z.object({
  Path: entityPath,
  InstanceProfileName: iamName(128),
  InstanceProfileId: uniqueId,
  Arn: arn,
  CreateDate: date,
  Roles: z
    .array(
      z.object({
        RoleId: uniqueId,
        RoleName: z.string().optional(),
        Description: roleDescription.optional(),
        MaxSessionDuration: maxSessionDuration.optional(),
      }),
    )
    .default([]),
  Tags: tags,
});

export const roleDetail = z.object({
  Path: entityPath,
  RoleName: iamName(64),
  RoleId: uniqueId,
  Arn: arn,
  CreateDate: date,
  AssumeRolePolicyDocument: policyDocument('trust'),
  /** Not in RoleDetail; taken when a dump has it (GetRole's shape, or a hand-made dump). */
  Description: roleDescription.optional(),
  /** Likewise: GetRole's, when present. */
  MaxSessionDuration: maxSessionDuration.optional(),
  InstanceProfileList: z.array(instanceProfile).default([]),
  RolePolicyList: inlinePolicies,
  AttachedManagedPolicies: attachedPolicies,
  PermissionsBoundary: boundary.optional(),
  Tags: tags,
  RoleLastUsed: z.object({ LastUsedDate: date.optional(), Region: z.string().optional() }).optional(),
});

export const policyVersion = z.object({
  Document: policyDocument('identity'),
  VersionId: z
    .string({ error: (i) => (missing(i.input) ? 'is missing' : 'expected a string') })
    .regex(/^v[1-9][0-9]{0,8}$/, 'is not a version id such as v1'),
  IsDefaultVersion: z.boolean({ error: 'expected true or false' }).optional(),
  CreateDate: date,
});

export const managedPolicyDetail = z.object({
  PolicyName: iamName(128),
  PolicyId: uniqueId,
  Arn: arn,
  Path: policyPath,
  DefaultVersionId: z
    .string({ error: (i) => (missing(i.input) ? 'is missing' : 'expected a string') })
    .regex(/^v[1-9][0-9]{0,8}$/, 'is not a version id such as v1'),
  Description: z
    .string({ error: 'expected a string' })
    .max(1000, 'is longer than 1000 characters')
    .optional(),
  CreateDate: date,
  UpdateDate: date.optional(),
  PolicyVersionList: z.array(policyVersion).min(1, 'holds no version'),
});

/** GetAccountAuthorizationDetailsResponse, every page merged (as the CLI prints it). */
export const authorizationDetailsDump = z.object(
  {
    UserDetailList: z.array(userDetail).default([]),
    GroupDetailList: z.array(groupDetail).default([]),
    RoleDetailList: z.array(roleDetail).default([]),
    Policies: z.array(managedPolicyDetail).default([]),
  },
  { error: 'expected the JSON object that get-account-authorization-details prints' },
);

export type AuthorizationDetailsDump = z.output<typeof authorizationDetailsDump>;
export type UserDetailEntry = z.output<typeof userDetail>;
export type GroupDetailEntry = z.output<typeof groupDetail>;
export type RoleDetailEntry = z.output<typeof roleDetail>;
export type InstanceProfileEntry = z.output<typeof instanceProfile>;
export type ManagedPolicyEntry = z.output<typeof managedPolicyDetail>;
