// Owns the accepted forms of principal values in Principal / NotPrincipal, per AWS's principal reference:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
import type { PrincipalType } from './policy-tree.ts';

export const PRINCIPAL_TYPES: ReadonlySet<string> = new Set<PrincipalType>([
  'AWS',
  'Service',
  'Federated',
  'CanonicalUser',
]);

export const PARTITIONS: ReadonlySet<string> = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

const ACCOUNT_ID = /^\d{12}$/;
const NAME_PATH = /^[\w+=,.@/-]+$/;
// IAM principal ARNs: the account root, users, roles, assumed-role sessions and federated users.
const AWS_PRINCIPAL_ARN =
  /^arn:([a-z-]+):(iam|sts)::(\d{12}):(root|user\/.+|role\/.+|assumed-role\/.+|federated-user\/.+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$/;
const PROVIDER_ARN = /^arn:([a-z-]+):iam::\d{12}:(saml-provider|oidc-provider)\/.+$/;
const FEDERATION_HOST = /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(\/.*)?$/i;
const CANONICAL_USER = /^[0-9a-f]{64}$/;
/** A user's or role's unique id: what a policy shows once the entity it named was deleted. */
const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{12,}$/;

function awsPrincipalOk(value: string): boolean {
  if (value === '*' || ACCOUNT_ID.test(value) || UNIQUE_ID.test(value)) return true;
  const m = AWS_PRINCIPAL_ARN.exec(value);
  if (!m || !PARTITIONS.has(m[1] ?? '')) return false;
  const service = m[2];
  const rest = m[4] ?? '';
  if (rest.includes('*') || rest.includes('?')) return false;
  if (service === 'sts') return rest.startsWith('assumed-role/') || rest.startsWith('federated-user/');
  if (rest === 'root') return true;
  const slash = rest.indexOf('/');
  return NAME_PATH.test(rest.slice(slash + 1));
}

const CHECKS: Readonly<Record<PrincipalType, (value: string) => boolean>> = {
  AWS: awsPrincipalOk,
  Service: (v) => SERVICE_PRINCIPAL.test(v),
  Federated: (v) => {
    const m = PROVIDER_ARN.exec(v);
    if (m) return PARTITIONS.has(m[1] ?? '');
    return !v.startsWith('arn:') && FEDERATION_HOST.test(v);
  },
  CanonicalUser: (v) => CANONICAL_USER.test(v),
};

/** Whether a principal value is acceptable for its type. Unknown types are never acceptable. */
export function principalValueIsValid(type: string, value: string): boolean {
  const check = (CHECKS as Readonly<Record<string, (value: string) => boolean>>)[type];
  return check ? check(value) : false;
}
