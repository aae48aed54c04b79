// Decisions for callers that are not IAM principals: a SAML user or a web identity presenting a
// verified assertion or token to AssumeRoleWithSAML / AssumeRoleWithWebIdentity. They have no
// identity policies; the role's trust policy alone decides (it must name the provider in
// Principal.Federated), with the condition keys the assertion or token supplies.
import {
  accessDeniedMessage,
  authorize as decide,
  compilePolicy,
  type ContextInput,
  type Decision,
  type DecisionResult,
} from '../policy/index.ts';
import { AwsError } from '../errors.ts';
import type { RequestFacts } from './authorize.ts';
import type { OrganizationFacts } from './organization-policies.ts';

export interface FederatedPrincipal {
  type: 'SAMLUser' | 'WebIdentityUser';
  /** The provider's ARN (SAML, IAM OIDC providers) or host (accounts.google.com …). */
  federatedProvider: string;
}

export interface FederatedAuthorizationRequest {
  principal: FederatedPrincipal;
  /** e.g. `sts:AssumeRoleWithSAML`, `sts:TagSession`. */
  action: string;
  /** The role's ARN. */
  resource: string;
  resourceAccountId: string;
  /** The role's trust policy: required to allow. */
  trustPolicy: { document: string; id: string };
  keys?: Record<string, ContextInput>;
  requestTags?: Record<string, string>;
  request: RequestFacts;
  /** The RCPs of the role's account and its organization (aws:ResourceOrgID / Paths). */
  organizations?: OrganizationFacts;
}

/** The engine's decision on a federated caller's request, from the trust policy alone. */
export function decideFederated(req: FederatedAuthorizationRequest): DecisionResult {
  const compiled = compilePolicy(req.trustPolicy.document, {
    id: req.trustPolicy.id,
    sourceType: 'resource',
  });
  if (!compiled.ok) return { decision: 'ImplicitDeny', reason: { policyType: 'resource', explicit: false } };
  const { request } = req;
  const rcp = req.organizations?.rcp;
  const resourceOrg = req.organizations?.resourceOrg;
  return decide(
    { identity: [], resource: compiled.policy, resourcePolicyRequired: true, ...(rcp ? { rcp } : {}) },
    {
      action: req.action,
      resource: req.resource,
      resourceAccount: req.resourceAccountId,
      principal: { type: req.principal.type, federatedProvider: req.principal.federatedProvider },
      globals: {
        currentTime: request.now,
        sourceIp: request.sourceIp,
        secureTransport: request.secureTransport,
        requestedRegion: request.region,
        federatedProvider: req.principal.federatedProvider,
        ...(request.userAgent ? { userAgent: request.userAgent } : {}),
        ...(req.requestTags ? { requestTags: req.requestTags } : {}),
        ...(resourceOrg ? { resourceOrgId: resourceOrg.orgId, resourceOrgPaths: resourceOrg.paths } : {}),
      },
      ...(req.keys ? { keys: req.keys } : {}),
    },
  );
}

/**
 * Throws AccessDenied unless the trust policy allows the request. `message` is AWS's wording for the
 * action (it names no principal ARN: a federated caller has none); `observe` is told the decision.
 */
export function authorizeFederated(
  req: FederatedAuthorizationRequest,
  message?: string,
  observe?: (decision: Decision) => void,
): void {
  const d = decideFederated(req);
  observe?.(d.decision);
  if (d.decision === 'Allow') return;
  throw new AwsError(
    'AccessDenied',
    message ?? accessDeniedMessage(req.principal.federatedProvider, req.action, req.resource, d.reason),
  );
}
