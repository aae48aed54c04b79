// The engine's view of a request: the principal (with its tags, session tags winning), the action
// and resource, and the global condition keys from the request and the session (MFA, token issue
// time, source identity, federated provider, whether AssumeRoot made it, request and resource tags).
import type { GlobalConditionValues, RequestInput, RequestPrincipal } from '../policy/index.ts';
import type { AuthorizationRequest } from './authorize.ts';
import type { OrganizationFacts } from './organization-policies.ts';
import { requestPrincipal } from './request-principal.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Built by assignment rather than object spreads: this runs for every request, and conditional spreads
 * allocate an object each and cost several times more.
 */
export function requestInput(
  req: AuthorizationRequest,
  ownTags: Readonly<Record<string, string>>,
  orgs?: OrganizationFacts,
): RequestInput {
  const { principal, request } = req;
  const session = principal.session;
  const engine: Mutable<RequestPrincipal> = requestPrincipal(principal, ownTags);
  if (orgs?.principalOrg) {
    engine.orgId = orgs.principalOrg.orgId;
    engine.orgPaths = orgs.principalOrg.paths;
  }
  const globals: Mutable<GlobalConditionValues> = {
    currentTime: request.now,
    secureTransport: request.secureTransport,
    requestedRegion: request.region,
  };
  // a question asked for another service may not know the source address: then the key is missing
  if (request.sourceIp) globals.sourceIp = request.sourceIp;
  if (request.userAgent) globals.userAgent = request.userAgent;
  if (session) {
    // long-term credentials carry no MFA keys at all; sessions say whether MFA was used
    const mfaAt = session.mfaAuthenticatedAt;
    globals.multiFactorAuthPresent = mfaAt !== undefined;
    if (mfaAt !== undefined)
      globals.multiFactorAuthAge = Math.max(0, Math.floor(request.now.getTime() / 1000) - mfaAt);
    globals.tokenIssueTime = new Date(session.issuedAt * 1000);
    if (session.sourceIdentity) globals.sourceIdentity = session.sourceIdentity;
    if (session.federatedProvider) globals.federatedProvider = session.federatedProvider;
    if (session.kind === 'root-session' && session.assumedRoot) globals.assumedRoot = true;
  }
  if (req.requestTags) globals.requestTags = req.requestTags;
  if (req.resourceTags) globals.resourceTags = req.resourceTags;
  const resourceOrg = orgs?.resourceOrg;
  if (resourceOrg) {
    globals.resourceOrgId = resourceOrg.orgId;
    globals.resourceOrgPaths = resourceOrg.paths;
  }
  const input: Mutable<RequestInput> = {
    action: req.action,
    resource: req.resource,
    principal: engine,
    globals,
  };
  if (req.resourceAccountId) input.resourceAccount = req.resourceAccountId;
  if (req.keys) input.keys = req.keys;
  return input;
}
