// AssumeRoleWithWebIdentity: a role session for the bearer of an OIDC token, as in AWS an unsigned
// request. The token is verified against the role account's OIDC provider for its issuer (signature
// by a key of the issuer, algorithm, iss, aud, exp/nbf/iat); then the role's trust policy alone
// decides, for a WebIdentityUser principal of that provider, with the token's condition keys.
import { defineAction } from '../action.ts';
import { clientIdsOf, hostAndPathOf, providerArnForIssuer } from '../../domain/index.ts';
import { keySourceFor, verifyWebIdentityToken } from '../../federation/index.ts';
import { AwsError } from '../../errors.ts';
import { webIdentityUser } from '../../audit/index.ts';
import {
  notePrincipalTags,
  noteRole,
  noteWebIdentityCaller,
  findRoleByExactArn,
  issueFederatedSession,
  roleSessionDuration,
} from '../../sts/index.ts';

const ACTION = 'sts:AssumeRoleWithWebIdentity';
/** AWS's words: they say nothing of whether the role exists or why its trust policy refused. */
const NOT_AUTHORIZED = `Not authorized to perform ${ACTION}`;

export const AssumeRoleWithWebIdentity = defineAction({
  service: 'sts',
  name: 'AssumeRoleWithWebIdentity',
  resource: (input) => input.RoleArn,
  authentication: 'none',
  authorization: 'handler',
  async handle(input, ctx) {
    const { services } = ctx;
    if (input.ProviderId !== undefined)
      throw new AwsError(
        'InvalidParameterValue',
        'ProviderId is only for OAuth 2.0 access tokens of Login with Amazon and Facebook, which Tessera does not accept.',
      );
    const role = await findRoleByExactArn(ctx, input.RoleArn);
    if (!role) throw new AwsError('AccessDenied', NOT_AUTHORIZED);
    noteRole(ctx, role);
    // the caller as the token names it; replaced by the verified subject once the token verifies
    noteWebIdentityCaller(ctx, input.WebIdentityToken);

    // verify the token against the role account's OIDC provider for its issuer
    const accountId = role.account_id;
    const verified = await verifyWebIdentityToken(input.WebIdentityToken, {
      keys: keySourceFor(services),
      now: ctx.now,
      async findProvider(issuer) {
        const arn = providerArnForIssuer(accountId, issuer);
        const row = arn && (await services.store.read((r) => r.oidcProviders.get(accountId, arn)));
        return row
          ? { arn: row.arn, url: row.url, hostAndPath: hostAndPathOf(row), clientIds: clientIdsOf(row) }
          : undefined;
      },
    });

    ctx.audit?.identify(webIdentityUser(verified.provider.hostAndPath, verified.subject));
    const { tags, transitiveTagKeys, sourceIdentity } = verified;
    notePrincipalTags(ctx, tags, transitiveTagKeys);
    const providerArn = verified.provider.arn;
    const { packedPolicySize, AssumedRoleUser, ...credentials } = await issueFederatedSession(ctx, {
      role,
      caller: { type: 'WebIdentityUser', federatedProvider: providerArn },
      action: ACTION,
      notAuthorized: NOT_AUTHORIZED,
      sessionName: input.RoleSessionName,
      durationSeconds: roleSessionDuration(input.DurationSeconds, role.max_session_duration, false),
      conditionKeys: verified.conditionKeys,
      tags,
      transitiveTagKeys,
      sourceIdentity,
      policy: input.Policy,
      policyArns: input.PolicyArns,
    });
    return {
      Credentials: credentials,
      SubjectFromWebIdentityToken: verified.subject,
      AssumedRoleUser,
      ...(packedPolicySize !== undefined ? { PackedPolicySize: packedPolicySize } : {}),
      Provider: providerArn,
      Audience: verified.audience,
      ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});
