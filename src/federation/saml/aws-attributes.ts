// The attributes AWS reads from a SAML assertion (https://aws.amazon.com/SAML/Attributes/…): the
// Role pairs, RoleSessionName, SessionDuration, PrincipalTag:*, TransitiveTagKeys and
// SourceIdentity; the saml:* condition keys a trust policy can test; and the NameQualifier hash.
import { createHash } from 'node:crypto';
import type { ContextInput } from '../../policy/index.ts';
import type { AssertionClaims } from './assertion.ts';
import { invalidToken } from './verify-response.ts';

const AWS_ATTR = 'https://aws.amazon.com/SAML/Attributes/';
export const ROLE_ATTRIBUTE = `${AWS_ATTR}Role`;
export const ROLE_SESSION_NAME_ATTRIBUTE = `${AWS_ATTR}RoleSessionName`;
export const SESSION_DURATION_ATTRIBUTE = `${AWS_ATTR}SessionDuration`;
export const PRINCIPAL_TAG_PREFIX = `${AWS_ATTR}PrincipalTag:`;
export const TRANSITIVE_TAG_KEYS_ATTRIBUTE = `${AWS_ATTR}TransitiveTagKeys`;
export const SOURCE_IDENTITY_ATTRIBUTE = `${AWS_ATTR}SourceIdentity`;

export interface RolePair {
  roleArn: string;
  providerArn: string;
}

export interface AwsSamlAttributes {
  roles: RolePair[];
  roleSessionName: string;
  sessionDuration?: number;
  tags: { Key: string; Value: string }[];
  transitiveTagKeys: string[];
  sourceIdentity?: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.-]+$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

/** "roleArn,providerArn" in either order, as IdPs write the Role attribute. */
export function parseRolePair(value: string): RolePair | undefined {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2) return undefined;
  const [a, b] = parts as [string, string];
  if (ROLE_ARN.test(a) && PROVIDER_ARN.test(b)) return { roleArn: a, providerArn: b };
  if (ROLE_ARN.test(b) && PROVIDER_ARN.test(a)) return { roleArn: b, providerArn: a };
  return undefined;
}

function single(claims: AssertionClaims, name: string): string | undefined {
  const values = claims.attributes.get(name);
  if (!values || values.length === 0) return undefined;
  if (values.length > 1)
    throw invalidToken(`${name.slice(AWS_ATTR.length)} in AuthnResponse must have one value`);
  return values[0];
}

/** Reads and checks AWS's attributes; throws InvalidIdentityToken for one that is malformed. */
export function readAwsAttributes(claims: AssertionClaims): AwsSamlAttributes {
  const roles: RolePair[] = [];
  for (const v of claims.attributes.get(ROLE_ATTRIBUTE) ?? []) {
    const pair = parseRolePair(v);
    if (pair) roles.push(pair);
  }
  const roleSessionName = single(claims, ROLE_SESSION_NAME_ATTRIBUTE);
  if (roleSessionName === undefined) throw invalidToken('RoleSessionName is required in AuthnResponse');
  if (!SESSION_NAME.test(roleSessionName))
    throw invalidToken('RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');
  const durationText = single(claims, SESSION_DURATION_ATTRIBUTE);
  let sessionDuration: number | undefined;
  if (durationText !== undefined) {
    sessionDuration = /^\d{1,6}$/.test(durationText) ? Number(durationText) : NaN;
    if (!(sessionDuration >= 900 && sessionDuration <= 43_200))
      throw invalidToken('SessionDuration in AuthnResponse must be between 900 and 43200 seconds');
  }
  const tags: { Key: string; Value: string }[] = [];
  const seen = new Set<string>();
  for (const [name, values] of claims.attributes) {
    if (!name.startsWith(PRINCIPAL_TAG_PREFIX)) continue;
    const key = name.slice(PRINCIPAL_TAG_PREFIX.length);
    if (
      values.length !== 1 ||
      !TAG_KEY.test(key) ||
      !TAG_VALUE.test(values[0]!) ||
      key.toLowerCase().startsWith('aws:')
    )
      throw invalidToken(`PrincipalTag:${key} in AuthnResponse is not a valid session tag`);
    if (seen.has(key.toLowerCase())) throw invalidToken(`PrincipalTag:${key} in AuthnResponse is duplicated`);
    seen.add(key.toLowerCase());
    tags.push({ Key: key, Value: values[0]! });
  }
  if (tags.length > 50) throw invalidToken('AuthnResponse carries more than 50 session tags');
  const transitiveTagKeys = claims.attributes.get(TRANSITIVE_TAG_KEYS_ATTRIBUTE) ?? [];
  for (const k of transitiveTagKeys)
    if (!seen.has(k.toLowerCase()))
      throw invalidToken(`TransitiveTagKeys in AuthnResponse names ${k}, which is not a PrincipalTag`);
  const sourceIdentity = single(claims, SOURCE_IDENTITY_ATTRIBUTE);
  if (
    sourceIdentity !== undefined &&
    (!SOURCE_IDENTITY.test(sourceIdentity) || /^aws:/i.test(sourceIdentity))
  )
    throw invalidToken('SourceIdentity in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');
  return {
    roles,
    roleSessionName,
    ...(sessionDuration !== undefined ? { sessionDuration } : {}),
    tags,
    transitiveTagKeys,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
  };
}

/** AWS's NameQualifier: BASE64(SHA1(Issuer + AccountId + "/" + ProviderName)). */
export function nameQualifier(issuer: string, accountId: string, providerName: string): string {
  return createHash('sha1').update(`${issuer}${accountId}/${providerName}`).digest('base64');
}

/** The assertion attributes AWS maps to saml:* keys (by attribute name, OID form). */
const ATTRIBUTE_KEYS: Readonly<Record<string, string>> = {
  'urn:oid:2.5.4.3': 'saml:cn',
  'urn:oid:2.5.4.42': 'saml:givenName',
  'urn:oid:2.5.4.4': 'saml:surname',
  'urn:oid:2.5.4.41': 'saml:name',
  'urn:oid:2.5.4.45': 'saml:x500UniqueIdentifier',
  'urn:oid:0.9.2342.19200300.100.1.1': 'saml:uid',
  'urn:oid:0.9.2342.19200300.100.1.3': 'saml:mail',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': 'saml:edupersonaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.2': 'saml:edupersonnickname',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.3': 'saml:edupersonorgdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.4': 'saml:edupersonorgunitdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.5': 'saml:edupersonprimaryaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.6': 'saml:edupersonprincipalname',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.7': 'saml:edupersonentitlement',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.8': 'saml:edupersonprimaryorgunitdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': 'saml:edupersonscopedaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.10': 'saml:edupersontargetedid',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.11': 'saml:edupersonassurance',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.2': 'saml:eduorghomepageuri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.3': 'saml:eduorgidentityauthnpolicyuri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.4': 'saml:eduorglegalname',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.5': 'saml:eduorgsuperioruri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.6': 'saml:eduorgwhitepagesuri',
};

const MULTIVALUED = new Set([
  'saml:cn',
  'saml:edupersonaffiliation',
  'saml:edupersonnickname',
  'saml:edupersonorgunitdn',
  'saml:edupersonentitlement',
  'saml:edupersonscopedaffiliation',
  'saml:edupersontargetedid',
  'saml:edupersonassurance',
  'saml:eduorghomepageuri',
  'saml:eduorgidentityauthnpolicyuri',
  'saml:eduorglegalname',
  'saml:eduorgsuperioruri',
  'saml:eduorgwhitepagesuri',
]);

/** The saml:* condition keys of a verified assertion for the provider `accountId/providerName`. */
export function samlConditionKeys(
  claims: AssertionClaims,
  accountId: string,
  providerName: string,
): Record<string, ContextInput> {
  const keys: Record<string, ContextInput> = {
    'saml:aud': claims.recipient,
    'saml:iss': claims.issuer,
    'saml:sub': claims.subject,
    'saml:sub_type': claims.subjectType,
    'saml:namequalifier': nameQualifier(claims.issuer, accountId, providerName),
    'saml:doc': `${accountId}/${providerName}`,
  };
  for (const [name, values] of claims.attributes) {
    const key = ATTRIBUTE_KEYS[name];
    if (!key || values.length === 0) continue;
    keys[key] = MULTIVALUED.has(key) ? values : values[0]!;
  }
  return keys;
}
