// AssumeRoleWithSAML: a role session for the bearer of a SAML Response, as in AWS an unsigned
// request. The response must carry a valid signature by a certificate of the provider named by
// PrincipalArn (over the Response or the Assertion); only the signed assertion is read, and its
// Issuer, audience, recipient and validity are checked. Its Role attribute must pair the requested
// role with that provider; then the role's trust policy alone decides, for a SAMLUser of the
// provider, with the saml:* condition keys. An assertion is redeemed once (a replay cache in the
// store, shared by every node, until its NotOnOrAfter).
import { defineAction, type ActionContext } from '../action.ts';
import { parseIamArn, unknownSamlProvider } from '../../domain/index.ts';
import {
  readAssertion,
  nameQualifier,
  readAwsAttributes,
  samlConditionKeys,
  parseSamlMetadata,
  invalidToken,
  verifySamlResponse,
} from '../../federation/index.ts';
import { AwsError } from '../../errors.ts';
import { samlUser } from '../../audit/index.ts';
import {
  notePrincipalTags,
  noteRole,
  findRoleByExactArn,
  issueFederatedSession,
  roleSessionDuration,
} from '../../sts/index.ts';
import type { SamlProviderRow } from '../../store/index.ts';

const ACTION = 'sts:AssumeRoleWithSAML';
/** AWS's words: they say nothing of whether the role exists or why its trust policy refused. */
const NOT_AUTHORIZED = `Not authorized to perform ${ACTION}`;
const REPLAYED_MESSAGE = 'Invalid SAML response: this assertion has already been used';

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

export const AssumeRoleWithSAML = defineAction({
  service: 'sts',
  name: 'AssumeRoleWithSAML',
  resource: (input) => input.RoleArn,
  authentication: 'none',
  authorization: 'handler',
  async handle(input, ctx) {
    const xml = decodeResponse(input.SAMLAssertion);

    // verify the response with the certificates of the provider named by PrincipalArn
    const provider = await findProvider(ctx, input.PrincipalArn);
    ctx.audit?.alsoRecordIn(provider.account_id);
    ctx.audit?.identify({ type: 'SAMLUser', identityProvider: provider.arn });
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
    // CloudTrail records the assertion's id, never the assertion
    ctx.audit?.requestParameter('sAMLAssertionID', claims.id);
    // an assertion is redeemed once, on whichever node (the store keeps it until it expires)
    const fresh = await ctx.services.store.writeRecords((r) =>
      r.samlAssertionUses.redeem(provider.arn, claims.id, claims.notOnOrAfter, ctx.now),
    );
    if (!fresh) throw invalidToken(REPLAYED_MESSAGE);
    notePrincipalTags(ctx, attributes.tags, attributes.transitiveTagKeys);
    ctx.audit?.identify(
      samlUser(nameQualifier(claims.issuer, provider.account_id, provider.name), claims.subject),
    );

    // the signed Role attribute must pair the requested role with this provider
    if (!attributes.roles.some((r) => r.roleArn === input.RoleArn && r.providerArn === provider.arn))
      throw new AwsError('AccessDenied', NOT_AUTHORIZED);
    const role = await findRoleByExactArn(ctx, input.RoleArn);
    if (!role) throw new AwsError('AccessDenied', NOT_AUTHORIZED);
    noteRole(ctx, role);

    const requested = input.DurationSeconds ?? attributes.sessionDuration;
    let durationSeconds = roleSessionDuration(requested, role.max_session_duration, false);
    if (claims.sessionNotOnOrAfter) {
      const left = Math.floor((claims.sessionNotOnOrAfter.getTime() - ctx.now.getTime()) / 1000);
      if (left <= 0)
        throw new AwsError('ExpiredTokenException', 'The SAML session (SessionNotOnOrAfter) has ended');
      durationSeconds = Math.min(durationSeconds, left);
    }
    const { tags, transitiveTagKeys, sourceIdentity } = attributes;
    const { packedPolicySize, AssumedRoleUser, ...credentials } = await issueFederatedSession(ctx, {
      role,
      caller: { type: 'SAMLUser', federatedProvider: provider.arn },
      action: ACTION,
      notAuthorized: NOT_AUTHORIZED,
      sessionName: attributes.roleSessionName,
      durationSeconds,
      conditionKeys: samlConditionKeys(claims, provider.account_id, provider.name),
      tags,
      transitiveTagKeys,
      sourceIdentity,
      policy: input.Policy,
      policyArns: input.PolicyArns,
    });
    return {
      Credentials: credentials,
      AssumedRoleUser,
      ...(packedPolicySize !== undefined ? { PackedPolicySize: packedPolicySize } : {}),
      Subject: claims.subject,
      SubjectType: claims.subjectType,
      Issuer: claims.issuer,
      Audience: claims.recipient,
      NameQualifier: nameQualifier(claims.issuer, provider.account_id, provider.name),
      ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});
