// The one authorization step every request passes: the principal's applicable policies (identity,
// boundary, session), the resource's policy where there is one (a role's trust policy), and the
// request context go to the policy engine; anything but Allow is AccessDenied in AWS's wording.
import {
  accessDeniedMessage,
  authorize as decide,
  compilePolicy,
  type ContextInput,
  type DecisionResult,
  type PolicySet,
  type RequestInput,
} from '../policy/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { Principal } from '../domain/principal.ts';
import type { PolicyLoader } from './principal-policies.ts';
import { requestPrincipal } from './request-principal.ts';

/** Facts about the HTTP request that condition keys read. */
export interface RequestFacts {
  now: Date;
  sourceIp: string;
  secureTransport: boolean;
  region: string;
  userAgent?: string;
}

export interface AuthorizationRequest {
  principal: Principal;
  /** e.g. `iam:CreateUser`. */
  action: string;
  /** The resource ARN, or `*`. */
  resource: string;
  /** The account owning the resource; defaults to the resource ARN's, else the principal's. */
  resourceAccountId?: string;
  /** Service-specific condition keys (iam:PolicyARN, sts:ExternalId …). */
  keys?: Record<string, ContextInput>;
  requestTags?: Record<string, string>;
  resourceTags?: Record<string, string>;
  /** The resource's own policy: a role's trust policy (required to allow) for sts:AssumeRole*. */
  resourcePolicy?: { document: string; id: string; required: boolean };
  request: RequestFacts;
}

export interface AuthorizationDecision extends DecisionResult {
  message?: string;
}

export class Authorizer {
  constructor(private readonly policies: PolicyLoader) {}

  /** The engine's decision for a request, with AWS's AccessDenied message when it is not Allow. */
  async decide(req: AuthorizationRequest): Promise<AuthorizationDecision> {
    const applicable = await this.policies.forPrincipal(req.principal);
    const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = { identity: applicable.identity };
    if (applicable.boundary) set.boundary = applicable.boundary;
    if (applicable.session) set.session = applicable.session;
    if (req.resourcePolicy) {
      const compiled = compilePolicy(req.resourcePolicy.document, {
        id: req.resourcePolicy.id,
        sourceType: 'resource',
      });
      // a resource policy that cannot be read allows nothing; if it is required, nothing is allowed
      if (compiled.ok) set.resource = compiled.policy;
      if (req.resourcePolicy.required) {
        set.resourcePolicyRequired = true;
        if (!compiled.ok)
          return { decision: 'ImplicitDeny', reason: { policyType: 'resource', explicit: false } };
      }
    }
    const result = decide(set, this.requestInput(req, applicable.tags));
    if (result.decision === 'Allow') return result;
    return {
      ...result,
      message: accessDeniedMessage(req.principal.arn, req.action, req.resource, result.reason),
    };
  }

  /** Throws AccessDenied unless the engine allows the request. */
  async authorize(req: AuthorizationRequest): Promise<void> {
    const d = await this.decide(req);
    if (d.decision !== 'Allow') throw new AwsError('AccessDenied', d.message ?? 'Access denied');
  }

  private requestInput(req: AuthorizationRequest, ownTags: Readonly<Record<string, string>>): RequestInput {
    const { principal, request } = req;
    const session = principal.session;
    const mfaAt = session?.mfaAuthenticatedAt;
    return {
      action: req.action,
      resource: req.resource,
      principal: requestPrincipal(principal, ownTags),
      ...(req.resourceAccountId ? { resourceAccount: req.resourceAccountId } : {}),
      globals: {
        currentTime: request.now,
        sourceIp: request.sourceIp,
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
        ...(req.requestTags ? { requestTags: req.requestTags } : {}),
        ...(req.resourceTags ? { resourceTags: req.resourceTags } : {}),
      },
      ...(req.keys ? { keys: req.keys } : {}),
    };
  }
}
