// The fixes the advisor prints: policy documents (trust policies for an OIDC role, a cross-account
// role with an external ID, a narrowed iam:PassRole statement) and the AWS CLI commands that apply
// them. Names go into commands single-quoted, so a command can be pasted into a shell as printed.
import { createHash } from 'node:crypto';

const VERSION = '2012-10-17';

/** A value as one shell word. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=@,+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** An AWS CLI command line: `aws SERVICE COMMAND --option value …`, each value one shell word. */
export function aws(
  service: string,
  command: string,
  options: Readonly<Record<string, string>> = {},
): string {
  const words = Object.entries(options).flatMap(([k, v]) => [`--${k}`, shellWord(v)]);
  return ['aws', service, command, ...words].join(' ');
}

/** A file name derived from an entity name (IAM names may hold `+=,.@-`). */
export function fileName(name: string, suffix: string): string {
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '-')}-${suffix}.json`;
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** The trust policy of a role for GitHub Actions, pinned to one repository's branch by its `sub`. */
export function githubActionsTrustPolicy(accountId: string, subject: string): Record<string, unknown> {
  return {
    Version: VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
            [`${GITHUB_OIDC_HOST}:sub`]: subject,
          },
        },
      },
    ],
  };
}

/** A stable external ID for a pair of accounts (not a secret: it only has to be unique per trust). */
export function externalIdFor(trusting: string, trusted: string): string {
  return `tessera-${createHash('sha256').update(`${trusting}:${trusted}`).digest('hex').slice(0, 24)}`;
}

/** A trust policy allowing another account's principals to assume a role only with an external ID. */
export function externalIdTrustPolicy(principalArn: string, externalId: string): Record<string, unknown> {
  return {
    Version: VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principalArn },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

/** A trust policy for an account's own principals that requires MFA (a role to hold admin rights). */
export function mfaTrustPolicy(accountId: string): Record<string, unknown> {
  return {
    Version: VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'sts:AssumeRole',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
    ],
  };
}

/** An iam:PassRole statement narrowed to named roles and the service they are passed to. */
export function narrowPassRolePolicy(accountId: string): Record<string, unknown> {
  return {
    Version: VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${accountId}:role/ROLE_TO_PASS`,
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
    ],
  };
}

/** Denies everything but setting up MFA until the caller signed in with MFA. */
export function requireMfaPolicy(): Record<string, unknown> {
  return {
    Version: VERSION,
    Statement: [
      {
        Sid: 'DenyAllExceptMfaSetupWithoutMfa',
        Effect: 'Deny',
        NotAction: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:GetUser',
          'iam:ListMFADevices',
          'iam:ListVirtualMFADevices',
          'iam:ResyncMFADevice',
          'sts:GetSessionToken',
        ],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  };
}

/** An inline policy's name from its source id (the holder's ARN, `/`, the name). */
export const inlineName = (sourceId: string) => sourceId.slice(sourceId.lastIndexOf('/') + 1);

/** The commands that give a role a user's policies: attach the managed ones, copy the inline ones. */
export function copyPoliciesCommands(
  roleName: string,
  policies: readonly { sourceId: string; kind: 'inline' | 'managed' }[],
): string[] {
  return policies.map((p) =>
    p.kind === 'managed'
      ? aws('iam', 'attach-role-policy', { 'role-name': roleName, 'policy-arn': p.sourceId })
      : aws('iam', 'put-role-policy', {
          'role-name': roleName,
          'policy-name': inlineName(p.sourceId),
          'policy-document': `file://${fileName(inlineName(p.sourceId), 'policy')}`,
        }),
  );
}
