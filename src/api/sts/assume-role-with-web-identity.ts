// AssumeRoleWithWebIdentity: a role session for the bearer of an OIDC token, as in AWS an unsigned
// request. The token is verified against the role account's OIDC provider for its issuer (signature
// by a key of the issuer, algorithm, iss, aud, exp/nbf/iat); then the role's trust policy alone
// decides, for a WebIdentityUser principal of that provider, with the token's condition keys.
import { defineAction, type ActionContext } from '../action.ts';
import { authorizeFederated, type FederatedAuthorizationRequest } from '../../authz/federated-decision.ts';
import { parseIamArn } from '../../domain/arns.ts';
import { clientIdsOf, hostAndPathOf, providerArnForIssuer } from '../../domain/oidc-providers.ts';
import { keySourceFor } from '../../federation/oidc/key-source.ts';
import { verifyWebIdentityToken } from '../../federation/oidc/verify-web-identity-token.ts';
import type { ContextInput } from '../../policy/index.ts';
import { AwsError } from '../../protocol/aws-error.ts';
import type {
  AssumeRoleWithWebIdentityRequest,
  AssumeRoleWithWebIdentityResponse,
} from '../../protocol/models/sts-types.ts';
import type { RoleRow } from '../../store/repos/index.ts';
import { issueRoleSession } from '../../sts/issue-session.ts';
import {
  checkSessionPolicies,
  checkSessionTags,
  packedPolicyPercent,
  roleSessionDuration,
} from '../../sts/session-rules.ts';

const ACTION = 'sts:AssumeRoleWithWebIdentity';
/** AWS's words: they say nothing of whether the role exists or why its trust policy refused. */
const NOT_AUTHORIZED = `Not authorized to perform ${ACTION}`;

async function findRole(ctx: ActionContext, roleArn: string): Promise<RoleRow | undefined> {
  const parsed = parseIamArn(roleArn);
  if (!parsed || parsed.type !== 'role' || parsed.accountId === 'aws') return undefined;
  const row = await ctx.services.store.read((r) => r.roles.byName(parsed.accountId, parsed.name));
  return row && row.arn === roleArn ? row : undefined;
}

export const AssumeRoleWithWebIdentity = defineAction<
  AssumeRoleWithWebIdentityRequest,
  AssumeRoleWithWebIdentityResponse
>({
  service: 'sts',
  name: 'AssumeRoleWithWebIdentity',
  resource: (input) => input.RoleArn,
  authentication: 'none',
  authorization: 'handler',
  redact: ['WebIdentityToken'],
  async handle(input, ctx) {
    const { services } = ctx;
    if (input.ProviderId !== undefined)
      throw new AwsError(
        'InvalidParameterValue',
        'ProviderId is only for OAuth 2.0 access tokens of Login with Amazon and Facebook, which Tessera does not accept.',
      );
    const role = await findRole(ctx, input.RoleArn);
    if (!role) throw new AwsError('AccessDenied', NOT_AUTHORIZED);

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

    const durationSeconds = roleSessionDuration(input.DurationSeconds, role.max_session_duration, false);
    const { tags, transitiveTagKeys, sourceIdentity } = verified;
    checkSessionTags(tags, transitiveTagKeys);
    const policies = await checkSessionPolicies(services, input.Policy, input.PolicyArns);
    const hasPacked = input.Policy !== undefined || (input.PolicyArns?.length ?? 0) > 0 || tags.length > 0;
    const packed = packedPolicyPercent(
      policies,
      tags.map((t) => [t.Key, t.Value]),
    );

    // the trust policy decides, for a web identity of this provider
    const providerArn = verified.provider.arn;
    const keys: Record<string, ContextInput> = {
      ...verified.conditionKeys,
      'sts:RoleSessionName': input.RoleSessionName,
    };
    if (sourceIdentity !== undefined) keys['sts:SourceIdentity'] = sourceIdentity;
    if (transitiveTagKeys.length) keys['sts:TransitiveTagKeys'] = transitiveTagKeys;
    const requestTags = tags.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
    const request = (action: string): FederatedAuthorizationRequest => ({
      principal: { type: 'WebIdentityUser', federatedProvider: providerArn },
      action,
      resource: role.arn,
      resourceAccountId: role.account_id,
      trustPolicy: { document: role.assume_role_policy, id: role.arn },
      keys,
      ...(requestTags ? { requestTags } : {}),
      request: ctx.request,
    });
    authorizeFederated(request(ACTION), NOT_AUTHORIZED);
    // session tags from the token need sts:TagSession, a source identity sts:SetSourceIdentity
    if (tags.length) authorizeFederated(request('sts:TagSession'), NOT_AUTHORIZED);
    if (sourceIdentity !== undefined) authorizeFederated(request('sts:SetSourceIdentity'), NOT_AUTHORIZED);

    const issued = await issueRoleSession(services, {
      role,
      sessionName: input.RoleSessionName,
      durationSeconds,
      now: ctx.now,
      region: ctx.request.region,
      federatedProvider: providerArn,
      ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
      ...(tags.length ? { tags } : {}),
      ...(transitiveTagKeys.length ? { transitiveTagKeys } : {}),
      ...(policies.sessionPolicy !== undefined ? { sessionPolicy: policies.sessionPolicy } : {}),
      ...(policies.policyArns ? { policyArns: policies.policyArns } : {}),
    });
    const { AssumedRoleUser, ...credentials } = issued;
    return {
      Credentials: credentials,
      SubjectFromWebIdentityToken: verified.subject,
      AssumedRoleUser,
      ...(hasPacked ? { PackedPolicySize: packed } : {}),
      Provider: providerArn,
      Audience: verified.audience,
      ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});
