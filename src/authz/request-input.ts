// The engine's view of a request: the principal (with its tags, session tags winning), the action
// and resource, and the global condition keys from the request and the session (MFA, token issue
// time, source identity, federated provider, whether AssumeRoot made it, request and resource tags).
import type { RequestInput } from '../policy/index.ts';
import type { AuthorizationRequest } from './authorize.ts';
import type { OrganizationFacts } from './organization-policies.ts';
import { requestPrincipal } from './request-principal.ts';

export function requestInput(
  req: AuthorizationRequest,
  ownTags: Readonly<Record<string, string>>,
  orgs?: OrganizationFacts,
): RequestInput {
  const { principal, request } = req;
  const session = principal.session;
  const mfaAt = session?.mfaAuthenticatedAt;
  const engine = requestPrincipal(principal, ownTags);
  const resourceOrg = orgs?.resourceOrg;
  return {
    action: req.action,
    resource: req.resource,
    principal: orgs?.principalOrg
      ? { ...engine, orgId: orgs.principalOrg.orgId, orgPaths: [orgs.principalOrg.path] }
      : engine,
    ...(req.resourceAccountId ? { resourceAccount: req.resourceAccountId } : {}),
    globals: {
      currentTime: request.now,
      // a question asked for another service may not know the source address: then the key is missing
      ...(request.sourceIp ? { sourceIp: request.sourceIp } : {}),
      secureTransport: request.secureTransport,
      requestedRegion: request.region,
      ...(request.userAgent ? { userAgent: request.userAgent } : {}),
      // long-term credentials carry no MFA keys at all; sessions say whether MFA was used
      ...(session ? { multiFactorAuthPresent: mfaAt !== undefined } : {}),
      ...(mfaAt !== undefined
        ? { multiFactorAuthAge: Math.max(0, Math.floor(request.now.getTime() / 1000) - mfaAt) }
        : {}),
      ...(session ? { tokenIssueTime: new Date(session.issuedAt * 1000) } : {}),
      ...(session?.sourceIdentity ? { sourceIdentity: session.sourceIdentity } : {}),
      ...(session?.federatedProvider ? { federatedProvider: session.federatedProvider } : {}),
      ...(session?.kind === 'root-session' && session.assumedRoot ? { assumedRoot: true } : {}),
      ...(req.requestTags ? { requestTags: req.requestTags } : {}),
      ...(req.resourceTags ? { resourceTags: req.resourceTags } : {}),
      ...(resourceOrg ? { resourceOrgId: resourceOrg.orgId, resourceOrgPaths: [resourceOrg.path] } : {}),
    },
    ...(req.keys ? { keys: req.keys } : {}),
  };
}
