// The escalation graph's questions to the policy engine. Every edge is an Authorizer decision — the
// principal's identity policies, its permissions boundary, the role's trust policy, and the SCPs and
// RCPs of the organization — made by an Authorizer of the graph's own: the server's would count each
// question as a request (metrics) and as access (last-accessed data). It also answers what a principal
// could do with policies it does not have yet (after an edit), by a policy loader that swaps them in.
import { Authorizer, OrganizationPolicies, PolicyLoader, type RequestFacts } from '../../authz/index.ts';
import type { Principal } from '../../domain/index.ts';
import {
  authorize,
  compilePolicy,
  type CompiledPolicy,
  type ContextInput,
  type ExplainedDecision,
  prepareRequest,
} from '../../policy/index.ts';
import type { Store } from '../../store/index.ts';
import type { GraphRole, GraphUser } from './account-principals.ts';
import type { Permission, StatementRef } from './graph-model.ts';

/** Policies taken away from and given to a principal, for a question about an edit. */
export interface PolicyChange {
  /** Ids (managed policy ARNs) of identity policies the edit replaces. */
  drop?: readonly string[];
  add: readonly CompiledPolicy[];
}

type Applicable = Awaited<ReturnType<PolicyLoader['forPrincipal']>>;

/** The principal's stored policies, or — for a principal made by `withChange` — those after the edit. */
class EditablePolicies extends PolicyLoader {
  private readonly changes = new WeakMap<Principal, PolicyChange>();

  /** A copy of `principal` whose identity policies are its own with `change` applied. */
  withChange(principal: Principal, change: PolicyChange): Principal {
    const copy = { ...principal };
    this.changes.set(copy, change);
    return copy;
  }

  override async forPrincipal(principal: Principal): Promise<Applicable> {
    const base = await super.forPrincipal(principal);
    const change = this.changes.get(principal);
    if (!change) return base;
    const dropped = new Set(change.drop ?? []);
    return { ...base, identity: [...base.identity.filter((p) => !dropped.has(p.id)), ...change.add] };
  }
}

/** Principals as stored (made by userPrincipal / rolePrincipal), whose answers may be cached. */
const stored = new WeakSet<Principal>();

/** One loader and one organization view per store: each listens to the store's change feed. */
const loaders = new WeakMap<Store, EditablePolicies>();
const organizationViews = new WeakMap<Store, OrganizationPolicies>();

function compiled(document: string, id: string, sourceType: string): CompiledPolicy {
  const r = compilePolicy(document, { id, sourceType });
  if (!r.ok) throw new Error(`${id}: the policy does not compile`);
  return r.policy;
}

/** What an edit of a principal's policies can give it: anything. */
export const ANY_POLICY = compiled(
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  'tessera-graph:any-policy',
  'user-managed',
);

/**
 * Admin rights: every IAM action on every resource. Each probe is asked on `*`, so only statements with
 * `Resource: "*"` allow it; the last names an action no policy names, which only a wildcard covering
 * all of IAM (`iam:*`, `*`, a NotAction) allows.
 */
const ADMIN_PROBES = [
  'iam:PutUserPolicy',
  'iam:AttachRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey',
  'iam:PassRole',
  'iam:TesseraGraphAnyAction',
];

export interface Question {
  action: string;
  resource: string;
  resourceAccountId?: string;
  keys?: Record<string, ContextInput>;
  /** A role's trust policy, for sts:AssumeRole. */
  trustPolicy?: { document: string; id: string };
}

function statementRefs(e: ExplainedDecision): StatementRef[] {
  return e.decidingStatements.map((m) => ({
    policyId: m.policy.id,
    policyType: m.policy.sourceType,
    ...(m.statement.sid !== undefined ? { sid: m.statement.sid } : {}),
    statementIndex: m.statement.index,
    line: m.statement.span.start.line,
    column: m.statement.span.start.column,
  }));
}

export interface GraphEngineOptions {
  now: Date;
  region: string;
  /** The organization view to use (a server's); by default one of the graph's own for this store. */
  organizations?: OrganizationPolicies;
}

export class GraphEngine {
  private readonly loader: EditablePolicies;
  private readonly authorizer: Authorizer;
  private readonly request: RequestFacts;
  private readonly adminCache = new Map<string, Promise<Permission | undefined>>();

  constructor(store: Store, options: GraphEngineOptions) {
    let loader = loaders.get(store);
    if (!loader) loaders.set(store, (loader = new EditablePolicies(store)));
    let organizations = options.organizations ?? organizationViews.get(store);
    if (!organizations) organizationViews.set(store, (organizations = new OrganizationPolicies(store)));
    this.loader = loader;
    this.authorizer = new Authorizer(loader, organizations);
    this.request = { now: options.now, sourceIp: '', secureTransport: true, region: options.region };
  }

  get region(): string {
    return this.request.region;
  }

  /** The permission, with the statements that allowed it, when the engine allows the request. */
  async allowed(principal: Principal, q: Question): Promise<Permission | undefined> {
    const req = {
      principal,
      action: q.action,
      resource: q.resource,
      request: this.request,
      ...(q.resourceAccountId !== undefined ? { resourceAccountId: q.resourceAccountId } : {}),
      ...(q.keys ? { keys: q.keys } : {}),
      ...(q.trustPolicy ? { resourcePolicy: { ...q.trustPolicy, required: true } } : {}),
    };
    const decided = await this.authorizer.decide(req);
    if (decided.decision !== 'Allow') return undefined;
    return {
      action: q.action,
      resource: q.resource,
      statements: statementRefs(await this.authorizer.explain(req)),
    };
  }

  /**
   * Whether any identity policy of the principal has an Allow statement naming the action (whatever its
   * resources and conditions): a cheap test that rules out most questions about actions no resource
   * policy can grant (IAM's own, and the services' run actions).
   */
  async mayAllow(principal: Principal, action: string): Promise<boolean> {
    const { identity } = await this.loader.forPrincipal(principal);
    const req = prepareRequest({ action, resource: '*', principal: { type: 'User' } });
    return identity.some((p) =>
      p.body.candidates(req.service, req.serviceId).some((s) => s.effect === 'Allow' && s.matchesAction(req)),
    );
  }

  /** `principal` with its identity policies changed (for "what could it do after the edit"). */
  withChange(principal: Principal, change: PolicyChange): Principal {
    return this.loader.withChange(principal, change);
  }

  /** Admin rights (every IAM action on `*`): the permission `iam:*` with the statements that allowed it. */
  isAdmin(principal: Principal): Promise<Permission | undefined> {
    const ask = async (): Promise<Permission | undefined> => {
      let last: Permission | undefined;
      for (const action of ADMIN_PROBES) {
        last = await this.allowed(principal, { action, resource: '*' });
        if (!last) return undefined;
      }
      return last && { action: 'iam:*', resource: '*', statements: last.statements };
    };
    // a principal as stored is asked once; an edited one (a fresh copy) every time
    if (!stored.has(principal)) return ask();
    let cached = this.adminCache.get(principal.arn);
    if (!cached) this.adminCache.set(principal.arn, (cached = ask()));
    return cached;
  }

  /** Whether the role's trust policy lets an AWS service (ec2.amazonaws.com …) assume it. */
  trustsService(role: GraphRole, service: string): boolean {
    const trust = compilePolicy(role.trustPolicy, { id: role.arn, sourceType: 'resource' });
    if (!trust.ok) return false;
    return (
      authorize(
        { resource: trust.policy, resourcePolicyRequired: true },
        {
          action: 'sts:AssumeRole',
          resource: role.arn,
          resourceAccount: role.accountId,
          principal: { type: 'Service', service },
          globals: { currentTime: this.request.now },
        },
      ).decision === 'Allow'
    );
  }
}

/** A user as the engine sees its requests (long-lived credentials, no session). */
export function userPrincipal(u: GraphUser): Principal {
  const p: Principal = {
    type: 'user',
    accountId: u.accountId,
    arn: u.arn,
    id: u.userId,
    userName: u.userName,
    path: u.path,
  };
  stored.add(p);
  return p;
}

const SESSION_NAME = 'tessera-graph';

/** A role as one of its sessions, without session policies or tags (as the authorization API does). */
export function rolePrincipal(r: GraphRole, now: Date): Principal {
  const arn = `arn:aws:sts::${r.accountId}:assumed-role/${r.roleName}/${SESSION_NAME}`;
  const at = Math.floor(now.getTime() / 1000);
  const p: Principal = {
    type: 'assumed-role',
    accountId: r.accountId,
    arn,
    id: `${r.roleId}:${SESSION_NAME}`,
    roleId: r.roleId,
    roleName: r.roleName,
    roleArn: r.arn,
    rolePath: r.path,
    sessionName: SESSION_NAME,
    session: {
      kind: 'assumed-role',
      accountId: r.accountId,
      accessKeyId: '',
      secretAccessKey: '',
      issuedAt: at,
      expiresAt: at + 3600,
      arn,
      userId: `${r.roleId}:${SESSION_NAME}`,
      role: { roleId: r.roleId, roleName: r.roleName, arn: r.arn, path: r.path },
      sessionName: SESSION_NAME,
      chainDepth: 0,
    },
  };
  stored.add(p);
  return p;
}

/** The name a trust policy uses for the principal: the user's ARN, or the role's (not the session's). */
export function principalArnOf(p: Principal): string {
  return p.type === 'assumed-role' ? p.roleArn : p.arn;
}
