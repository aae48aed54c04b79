// What an AWS action module exports: its name, the IAM action and resource it is authorized on,
// and its handler. The server runs every action through the same steps:
// decode → authenticate → validate → authorize → execute → encode.
import {
  ACTION_PREFIXES,
  type AccessAnalyzerOperations,
  type CloudTrailOperations,
  type IamOperations,
  type IdentityStoreOperations,
  type OrganizationsOperations,
  type SsoAdminOperations,
  type SsoOidcOperations,
  type SsoPortalOperations,
  type StsOperations,
  type ServiceName,
} from '../protocol/index.ts';
import type { ContextInput } from '../policy/index.ts';
import type { ActionContext } from '../services.ts';

export type { ActionContext, Services } from '../services.ts';

/** Every operation of every service Tessera serves, by name, with its input and output from AWS's model. */
export interface ServiceOperations {
  iam: IamOperations;
  sts: StsOperations;
  cloudtrail: CloudTrailOperations;
  organizations: OrganizationsOperations;
  accessanalyzer: AccessAnalyzerOperations;
  identitystore: IdentityStoreOperations;
  'sso-admin': SsoAdminOperations;
  'sso-oidc': SsoOidcOperations;
  sso: SsoPortalOperations;
}

/** The operation names of a service, e.g. `'CreateUser' | 'DeleteUser' | …` for `iam`. */
export type OperationName<S extends ServiceName> = keyof ServiceOperations[S] & string;
type OperationOf<S extends ServiceName, N extends OperationName<S>> = ServiceOperations[S][N] & {
  input: unknown;
  output: unknown;
};
export type OperationInput<S extends ServiceName, N extends OperationName<S>> = OperationOf<S, N>['input'];
export type OperationOutput<S extends ServiceName, N extends OperationName<S>> = OperationOf<S, N>['output'];

/** What every action declares beyond its name: how it is authenticated and authorized, and its handler. */
interface ActionBehaviour<I, O> {
  /** The IAM action the caller must be allowed, e.g. `iam:CreateUser`; defaults to service:name. */
  iamAction?: string;
  /** The resource ARN the action is authorized on (and named in AccessDenied messages). */
  resource(input: I, ctx: ActionContext): string;
  /**
   * Where the resource and its condition keys need the store (Organizations' ARNs name the management
   * account and the organization; organizations:PolicyType is the stored policy's): the resource and
   * keys, replacing `resource`. `ownAccount` decides it as a request within the caller's account.
   */
  authorizationTarget?(input: I, ctx: ActionContext): Promise<AuthorizationTarget>;
  /**
   * For a create that takes Tags: the IAM action that tags the new resource (e.g. `iam:TagUser`). A
   * request with a non-empty Tags list must be allowed it too, on the same resource, with the request's
   * aws:RequestTag/… and aws:TagKeys, as AWS lists it as a dependent action of the create.
   */
  tagAction?: string;
  /**
   * How the call is authorized: 'policy' (the default) by the engine before the handler runs;
   * 'handler' when the handler asks the engine itself (e.g. AssumeRole, with the trust policy);
   * 'none' for the few calls AWS answers without any permission (GetCallerIdentity).
   */
  authorization?: 'policy' | 'handler' | 'none';
  /**
   * How the caller is authenticated: 'sigv4' (the default) by a signature; 'none' for the calls AWS
   * accepts unsigned (AssumeRoleWithWebIdentity, AssumeRoleWithSAML), whose handlers see an
   * anonymous caller and must authorize themselves ('handler').
   */
  authentication?: 'sigv4' | 'none';
  handle(input: I, ctx: ActionContext): Promise<O>;
}

/**
 * An action with logic of its own: its operation's name fixes its input and output types, from AWS's
 * model, so the two cannot disagree.
 */
export interface ActionDefinition<S extends ServiceName, N extends OperationName<S>> extends ActionBehaviour<
  OperationInput<S, N>,
  OperationOutput<S, N>
> {
  service: S;
  /** The AWS operation name, as in `Action=` or X-Amz-Target. */
  name: N;
}

/**
 * An action of a table-driven family (Tag/Untag/List tags, inline policies …): its name is built from
 * the table and checked to be one of the service's operations; its types are the family's own.
 */
export interface FamilyActionDefinition<S extends ServiceName, I, O> extends ActionBehaviour<I, O> {
  service: S;
  name: OperationName<S>;
}

/** What an action is authorized on, when it takes the store to know. */
export interface AuthorizationTarget {
  arn: string;
  keys?: Record<string, ContextInput>;
  /** Decide as a request within the caller's account (the service checks delegation itself). */
  ownAccount?: boolean;
}

/** An action with its types erased, as the registry holds it. */
export interface Action {
  service: ServiceName;
  name: string;
  iamAction: string;
  tagAction?: string;
  authorization: 'policy' | 'handler' | 'none';
  authentication: 'sigv4' | 'none';
  resource(input: unknown, ctx: ActionContext): string;
  authorizationTarget?(input: unknown, ctx: ActionContext): Promise<AuthorizationTarget>;
  handle(input: unknown, ctx: ActionContext): Promise<unknown>;
}

export function defineAction<S extends ServiceName, N extends OperationName<S>>(
  def: ActionDefinition<S, N>,
): Action {
  return erase(def);
}

/** An action of a table-driven family, whose name the table builds. */
export function defineFamilyAction<S extends ServiceName, I, O>(
  def: FamilyActionDefinition<S, I, O>,
): Action {
  return erase(def);
}

function erase<I, O>(def: ActionBehaviour<I, O> & { service: ServiceName; name: string }): Action {
  if (def.authentication === 'none' && (def.authorization ?? 'policy') === 'policy')
    throw new Error(`${def.name}: an unauthenticated action must authorize in its handler`);
  return {
    service: def.service,
    name: def.name,
    iamAction: def.iamAction ?? `${ACTION_PREFIXES[def.service] ?? def.service}:${def.name}`,
    ...(def.tagAction ? { tagAction: def.tagAction } : {}),
    authorization: def.authorization ?? 'policy',
    authentication: def.authentication ?? 'sigv4',
    resource: def.resource as Action['resource'],
    ...(def.authorizationTarget
      ? { authorizationTarget: def.authorizationTarget as NonNullable<Action['authorizationTarget']> }
      : {}),
    handle: def.handle as Action['handle'],
  };
}
