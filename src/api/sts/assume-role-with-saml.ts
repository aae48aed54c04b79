// AssumeRoleWithSAML: a role session for the bearer of a SAML Response, as in AWS an unsigned
// request. The response must carry a valid signature by a certificate of the provider named by
// PrincipalArn (over the Response or the Assertion); only the signed assertion is read, and its
// Issuer, audience, recipient and validity are checked. Its Role attribute must pair the requested
// role with that provider; then the role's trust policy alone decides, for a SAMLUser of the
// provider, with the saml:* condition keys.
import { defineAction, type ActionContext } from '../action.ts';
import { authorizeFederated, type FederatedAuthorizationRequest } from '../../authz/federated-decision.ts';
import { parseIamArn } from '../../domain/arns.ts';
import { unknownSamlProvider } from '../../domain/saml-providers.ts';
import { readAssertion } from '../../federation/saml/assertion.ts';
import { nameQualifier, readAwsAttributes, samlConditionKeys } from '../../federation/saml/aws-attributes.ts';
import { parseSamlMetadata } from '../../federation/saml/metadata.ts';
import { invalidToken, verifySamlResponse } from '../../federation/saml/verify-response.ts';
import type { ContextInput } from '../../policy/index.ts';
import { AwsError } from '../../protocol/aws-error.ts';
import type {
  AssumeRoleWithSAMLRequest,
  AssumeRoleWithSAMLResponse,
} from '../../protocol/models/sts-types.ts';
import type { RoleRow } from '../../store/repos/index.ts';
import type { SamlProviderRow } from '../../store/repos/saml-providers.ts';
import { issueRoleSession } from '../../sts/issue-session.ts';
import {
  checkSessionPolicies,
  checkSessionTags,
  packedPolicyPercent,
  roleSessionDuration,
} from '../../sts/session-rules.ts';

const ACTION = 'sts:AssumeRoleWithSAML';
/** AWS's words: they say nothing of whether the role exists or why its trust policy refused. */
const NOT_AUTHORIZED = `Not authorized to perform ${ACTION}`;

async function findRole(ctx: ActionContext, roleArn: string): Promise<RoleRow | undefined> {
  const parsed = parseIamArn(roleArn);
  if (!parsed || parsed.type !== 'role' || parsed.accountId === 'aws') return undefined;
  const row = await ctx.services.store.read((r) => r.roles.byName(parsed.accountId, parsed.name));
  return row && row.arn === roleArn ? row : undefined;
}

async function findProvider(ctx: ActionContext, providerArn: string): Promise<SamlProviderRow> {
  const parsed = parseIamArn(providerArn);
  if (!parsed || parsed.type !== 'saml-provider' || parsed.accountId === 'aws') throw unknownSamlProvider();
  const row = await ctx.services.store.read((r) => r.samlProviders.byName(parsed.accountId, parsed.name));
  if (!row || row.arn !== providerArn) throw unknownSamlProvider();
  return row;
}

/** The SAMLResponse's XML, from strict base64. */
function decodeResponse(assertion: string): string {
  const b64 = assertion.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0)
    throw invalidToken('Invalid SAML response: SAMLAssertion is not base64');
  return Buffer.from(b64, 'base64').toString('utf8');
}

export const AssumeRoleWithSAML = defineAction<AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse>({
  service: 'sts',
  name: 'AssumeRoleWithSAML',
  resource: (input) => input.RoleArn,
  authentication: 'none',
  authorization: 'handler',
  redact: ['SAMLAssertion'],
  async handle(input, ctx) {
    const { services } = ctx;
    const xml = decodeResponse(input.SAMLAssertion);

    // verify the response with the certificates of the provider named by PrincipalArn
    const provider = await findProvider(ctx, input.PrincipalArn);
    if (ctx.now.getTime() >= Date.parse(provider.valid_until))
      throw invalidToken('The metadata of the specified provider is no longer valid (ValidUntil has passed)');
    const metadata = parseSamlMetadata(provider.metadata);
    const verified = verifySamlResponse(xml, metadata.signingCertificates);
    const claims = readAssertion(verified.assertion, {
      entityId: provider.entity_id,
      now: ctx.now,
      ...(verified.destination !== undefined ? { destination: verified.destination } : {}),
    });
    const attributes = readAwsAttributes(claims);

    // the signed Role attribute must pair the requested role with this provider
    if (!attributes.roles.some((r) => r.roleArn === input.RoleArn && r.providerArn === provider.arn))
      throw new AwsError('AccessDenied', NOT_AUTHORIZED);
    const role = await findRole(ctx, input.RoleArn);
    if (!role) throw new AwsError('AccessDenied', NOT_AUTHORIZED);

    const requested = input.DurationSeconds ?? attributes.sessionDuration;
    let durationSeconds = roleSessionDuration(requested, role.max_session_duration, false);
    if (claims.sessionNotOnOrAfter) {
      const left = Math.floor((claims.sessionNotOnOrAfter.getTime() - ctx.now.getTime()) / 1000);
      if (left <= 0)
        throw new AwsError('ExpiredTokenException', 'The SAML session (SessionNotOnOrAfter) has ended');
      durationSeconds = Math.min(durationSeconds, left);
    }
    const { tags, transitiveTagKeys, sourceIdentity } = attributes;
    checkSessionTags(tags, transitiveTagKeys);
    const policies = await checkSessionPolicies(services, input.Policy, input.PolicyArns);
    const hasPacked = input.Policy !== undefined || (input.PolicyArns?.length ?? 0) > 0 || tags.length > 0;
    const packed = packedPolicyPercent(
      policies,
      tags.map((t) => [t.Key, t.Value]),
    );

    // the trust policy decides, for a SAML user of this provider
    const keys: Record<string, ContextInput> = {
      ...samlConditionKeys(claims, provider.account_id, provider.name),
      'sts:RoleSessionName': attributes.roleSessionName,
    };
    if (sourceIdentity !== undefined) keys['sts:SourceIdentity'] = sourceIdentity;
    if (transitiveTagKeys.length) keys['sts:TransitiveTagKeys'] = transitiveTagKeys;
    const requestTags = tags.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
    const request = (action: string): FederatedAuthorizationRequest => ({
      principal: { type: 'SAMLUser', federatedProvider: provider.arn },
      action,
      resource: role.arn,
      resourceAccountId: role.account_id,
      trustPolicy: { document: role.assume_role_policy, id: role.arn },
      keys,
      ...(requestTags ? { requestTags } : {}),
      request: ctx.request,
    });
    authorizeFederated(request(ACTION), NOT_AUTHORIZED);
    // session tags from the assertion need sts:TagSession, a source identity sts:SetSourceIdentity
    if (tags.length) authorizeFederated(request('sts:TagSession'), NOT_AUTHORIZED);
    if (sourceIdentity !== undefined) authorizeFederated(request('sts:SetSourceIdentity'), NOT_AUTHORIZED);

    const issued = await issueRoleSession(services, {
      role,
      sessionName: attributes.roleSessionName,
      durationSeconds,
      now: ctx.now,
      region: ctx.request.region,
      federatedProvider: provider.arn,
      ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
      ...(tags.length ? { tags } : {}),
      ...(transitiveTagKeys.length ? { transitiveTagKeys } : {}),
      ...(policies.sessionPolicy !== undefined ? { sessionPolicy: policies.sessionPolicy } : {}),
      ...(policies.policyArns ? { policyArns: policies.policyArns } : {}),
    });
    const { AssumedRoleUser, ...credentials } = issued;
    return {
      Credentials: credentials,
      AssumedRoleUser,
      ...(hasPacked ? { PackedPolicySize: packed } : {}),
      Subject: claims.subject,
      SubjectType: claims.subjectType,
      Issuer: claims.issuer,
      Audience: claims.recipient,
      NameQualifier: nameQualifier(claims.issuer, provider.account_id, provider.name),
      ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});
