// The one authorization step every request passes: the principal's applicable policies (identity,
// boundary, session), the resource's policy where there is one (a role's trust policy), and the
// request context go to the policy engine; anything but Allow is AccessDenied in AWS's wording.
import {
  accessDeniedMessage,
  arnAccount,
  authorize as decide,
  compilePolicy,
  type CompiledPolicy,
  type ContextInput,
  type Decision,
  type DecisionResult,
  explainAuthorization,
  type ExplainedDecision,
  type PolicySet,
  type RequestInput,
} from '../policy/index.ts';
import { AwsError } from '../errors.ts';
import type { Principal } from '../domain/index.ts';
import type { AccountRow, RoleRow, UserRow } from '../store/index.ts';
import { authorizeFederated, type FederatedAuthorizationRequest } from './federated-decision.ts';
import type { PolicyLoader } from './principal-policies.ts';
import { organizationFacts, type OrganizationPolicies } from './organization-policies.ts';
import { requestInput } from './request-input.ts';

/** Facts about the HTTP request that condition keys read. */
export interface RequestFacts {
  now: Date;
  sourceIp: string;
  secureTransport: boolean;
  region: string;
  userAgent?: string;
  /** The Host header, for handlers that answer with the server's own URLs (SSO OIDC's pages). */
  host?: string;
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

/** The policy standing for a closed account: nothing is allowed. */
const CLOSED_ACCOUNT = ((): CompiledPolicy => {
  const r = compilePolicy(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}',
    { id: 'AccountClosed', sourceType: 'scp' },
  );
  if (!r.ok) throw new Error('the closed-account policy does not compile');
  return r.policy;
})();

export class Authorizer {
  /**
   * Told every decision made for a request, federated trust decisions included (metrics); the
   * simulator's evaluations are not.
   */
  onDecision: ((decision: Decision) => void) | undefined;
  /** Told every request decided for a caller, allowed or not (last-accessed data); not the simulator's. */
  onAttempt: ((req: AuthorizationRequest) => void) | undefined;

  constructor(
    private readonly policies: PolicyLoader,
    /** The organizations' view: SCPs, RCPs and the OrgID / OrgPaths keys (absent: no organizations). */
    readonly organizations?: OrganizationPolicies,
  ) {}

  /** The role `name` of `accountId`, from the same cache as principals' policies (AssumeRole's target). */
  roleNamed(accountId: string, name: string): Promise<RoleRow | undefined> {
    return this.policies.roleNamed(accountId, name);
  }

  /** The user `name` of `accountId`, from the same cache (the authorization API's principalArn). */
  userNamed(accountId: string, name: string): Promise<UserRow | undefined> {
    return this.policies.userNamed(accountId, name);
  }

  /** The account `accountId`, from the same cache (the authorization API's principalArn). */
  account(accountId: string): Promise<AccountRow | undefined> {
    return this.policies.account(accountId);
  }

  /** The policies and the engine's request for `req`. */
  private async prepare(
    req: AuthorizationRequest,
  ): Promise<{ set: PolicySet; input: RequestInput; closedAccount?: string }> {
    const applicable = await this.policies.forPrincipal(req.principal);
    const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = { identity: applicable.identity };
    const p = req.principal;
    let orgs = this.organizations
      ? organizationFacts(
          this.organizations,
          p.accountId,
          req.resourceAccountId ?? arnAccount(req.resource) ?? p.accountId,
          req.action,
          req.resource,
          p.type === 'assumed-role' && p.rolePath.startsWith('/aws-service-role/'),
        )
      : undefined;
    // awaited only when an account's organization view is not in memory yet
    if (orgs instanceof Promise) orgs = await orgs;
    if (orgs?.scp) set.scp = orgs.scp;
    if (orgs?.rcp) set.rcp = orgs.rcp;
    // a closed account's principals may do nothing: a level that denies everything, above all others
    if (orgs?.closedAccount) set.scp = [[CLOSED_ACCOUNT]];
    if (applicable.boundary) set.boundary = applicable.boundary;
    if (applicable.session) set.session = applicable.session;
    if (req.resourcePolicy) {
      const compiled = compilePolicy(req.resourcePolicy.document, {
        id: req.resourcePolicy.id,
        sourceType: 'resource',
      });
      // a resource policy that cannot be read allows nothing; when it is required, nothing is allowed
      if (compiled.ok) set.resource = compiled.policy;
      if (req.resourcePolicy.required) set.resourcePolicyRequired = true;
    }
    const input = requestInput(req, applicable.tags, orgs);
    return orgs?.closedAccount ? { set, input, closedAccount: orgs.closedAccount } : { set, input };
  }

  /** The engine's decision for a request, with AWS's AccessDenied message when it is not Allow. */
  async decide(req: AuthorizationRequest): Promise<AuthorizationDecision> {
    const { set, input, closedAccount } = await this.prepare(req);
    const result = decide(set, input);
    this.onDecision?.(result.decision);
    this.onAttempt?.(req);
    if (result.decision === 'Allow') return result;
    return {
      ...result,
      message: closedAccount
        ? `User: ${req.principal.arn} is not authorized to perform: ${req.action} on resource: ` +
          `${req.resource} because account ${closedAccount} is closed`
        : accessDeniedMessage(req.principal.arn, req.action, req.resource, result.reason),
    };
  }

  /** The same decision with the engine's explanation: verdicts by type, statements, missing keys. */
  async explain(req: AuthorizationRequest): Promise<ExplainedDecision> {
    const { set, input } = await this.prepare(req);
    const explained = explainAuthorization(set, input);
    this.onDecision?.(explained.decision);
    this.onAttempt?.(req);
    return explained;
  }

  /** Throws AccessDenied unless the engine allows the request. */
  async authorize(req: AuthorizationRequest): Promise<void> {
    const d = await this.decide(req);
    if (d.decision !== 'Allow') throw new AwsError('AccessDenied', d.message ?? 'Access denied');
  }

  /**
   * Throws AccessDenied unless the role's trust policy allows a federated caller (SAML user, web
   * identity); counted like every other decision.
   */
  async authorizeFederated(req: FederatedAuthorizationRequest, message?: string): Promise<void> {
    // RCPs of the role's account govern federated callers too (they have no account, so no SCPs)
    const orgs = this.organizations
      ? await organizationFacts(
          this.organizations,
          undefined,
          req.resourceAccountId,
          req.action,
          req.resource,
          false,
        )
      : undefined;
    authorizeFederated(orgs ? { ...req, organizations: orgs } : req, message, this.onDecision);
  }
}
