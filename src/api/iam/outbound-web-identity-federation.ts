// IAM's switch for outbound web identity federation: EnableOutboundWebIdentityFederation (answers the
// account's issuer URL, made the first time from the URL the request reached Tessera at),
// DisableOutboundWebIdentityFederation and GetOutboundWebIdentityFederationInfo.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOutboundWebIdentityFederation.html
import { defineAction, type ActionContext } from '../action.ts';
import {
  disableOutboundWebIdentity,
  enableOutboundWebIdentity,
  outboundWebIdentitySettings,
} from '../../domain/index.ts';

/** The URL the caller reached the server at: the issuer lives under it. */
function baseUrlOf(ctx: ActionContext): string {
  const scheme = ctx.request.secureTransport ? 'https' : 'http';
  const { host, port } = ctx.services.config;
  const fallback = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return `${scheme}://${ctx.request.host ?? fallback}`;
}

export const EnableOutboundWebIdentityFederation = defineAction({
  service: 'iam',
  name: 'EnableOutboundWebIdentityFederation',
  resource: () => '*',
  async handle(_input, ctx) {
    const issuer = await ctx.services.store.write(ctx.accountId, (repos) =>
      enableOutboundWebIdentity(repos, ctx.accountId, baseUrlOf(ctx), ctx.now),
    );
    return { IssuerIdentifier: issuer };
  },
});

export const DisableOutboundWebIdentityFederation = defineAction({
  service: 'iam',
  name: 'DisableOutboundWebIdentityFederation',
  resource: () => '*',
  async handle(_input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      disableOutboundWebIdentity(repos, ctx.accountId, ctx.now),
    );
  },
});

export const GetOutboundWebIdentityFederationInfo = defineAction({
  service: 'iam',
  name: 'GetOutboundWebIdentityFederationInfo',
  resource: () => '*',
  async handle(_input, ctx) {
    const settings = await ctx.services.store.read((repos) =>
      outboundWebIdentitySettings(repos, ctx.accountId),
    );
    return { IssuerIdentifier: settings.issuerUrl, JwtVendingEnabled: settings.enabled };
  },
});
