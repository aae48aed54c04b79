// GetWebIdentityToken: a signed JWT naming the caller, for an external service that trusts the
// account's issuer (outbound web identity federation, which the account must have enabled). Decided
// by the caller's policies with sts:IdentityTokenAudience, sts:DurationSeconds, sts:SigningAlgorithm
// and the request's tags (aws:RequestTag/…, aws:TagKeys); Tags need sts:TagGetWebIdentityToken too.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetWebIdentityToken.html
import { defineAction } from '../action.ts';
import type { ContextInput } from '../../policy/index.ts';
import { DEFAULT_WEB_IDENTITY_TOKEN_SECONDS, issueWebIdentityToken } from '../../sts/index.ts';

export const GetWebIdentityToken = defineAction({
  service: 'sts',
  name: 'GetWebIdentityToken',
  resource: () => '*',
  tagAction: 'sts:TagGetWebIdentityToken',
  authorizationTarget(input) {
    const keys: Record<string, ContextInput> = {
      'sts:IdentityTokenAudience': input.Audience,
      'sts:DurationSeconds': input.DurationSeconds ?? DEFAULT_WEB_IDENTITY_TOKEN_SECONDS,
      'sts:SigningAlgorithm': input.SigningAlgorithm,
    };
    return Promise.resolve({ arn: '*', keys });
  },
  async handle(input, ctx) {
    const issued = await issueWebIdentityToken(ctx.services, ctx.caller, {
      audience: input.Audience,
      ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
      signingAlgorithm: input.SigningAlgorithm,
      ...(input.Tags ? { tags: input.Tags } : {}),
      region: ctx.request.region,
      now: ctx.now,
    });
    return { WebIdentityToken: issued.token, Expiration: issued.expiration };
  },
});
