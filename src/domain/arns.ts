// IAM ARNs: building them from account, path and name, and reading them back.

export type IamResourceType =
  | 'user'
  | 'group'
  | 'role'
  | 'policy'
  | 'instance-profile'
  | 'mfa'
  | 'oidc-provider'
  | 'saml-provider'
  | 'server-certificate';

export function iamArn(accountId: string, type: IamResourceType, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${type}${path}${name}`;
}

export const rootArn = (accountId: string) => `arn:aws:iam::${accountId}:root`;

export const AWS_MANAGED_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';

export interface ParsedIamArn {
  accountId: string;
  type: string;
  path: string;
  name: string;
}

/** Splits arn:aws:iam::ACCOUNT:TYPE/PATH/NAME; undefined when it is not an IAM ARN of that form. */
export function parseIamArn(arn: string): ParsedIamArn | undefined {
  const m = /^arn:aws:iam::(\d{12}|aws):([a-z-]+)(\/(?:[^/]*\/)*)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  return { accountId: m[1]!, type: m[2]!, path: m[3] ?? '/', name: m[4]! };
}
