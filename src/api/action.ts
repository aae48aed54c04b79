// What an AWS action module exports: its name, the IAM action and resource it is authorized on,
// and its handler. The server runs every action through the same steps:
// decode → authenticate → validate → authorize → execute → encode.
import type { ServiceName } from '../protocol/service-model.ts';
import type { ActionContext } from '../services.ts';

export type { ActionContext, Services } from '../services.ts';

export interface ActionDefinition<I, O> {
  service: ServiceName;
  /** The AWS operation name, as in `Action=`. */
  name: string;
  /** The IAM action the caller must be allowed, e.g. `iam:CreateUser`; defaults to service:name. */
  iamAction?: string;
  /** The resource ARN the action is authorized on (and named in AccessDenied messages). */
  resource(input: I, ctx: ActionContext): string;
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

/** An action with its types erased, as the registry holds it. */
export interface Action {
  service: ServiceName;
  name: string;
  iamAction: string;
  tagAction?: string;
  authorization: 'policy' | 'handler' | 'none';
  authentication: 'sigv4' | 'none';
  resource(input: unknown, ctx: ActionContext): string;
  handle(input: unknown, ctx: ActionContext): Promise<unknown>;
}

export function defineAction<I, O>(def: ActionDefinition<I, O>): Action {
  if (def.authentication === 'none' && (def.authorization ?? 'policy') === 'policy')
    throw new Error(`${def.name}: an unauthenticated action must authorize in its handler`);
  return {
    service: def.service,
    name: def.name,
    iamAction: def.iamAction ?? `${def.service}:${def.name}`,
    ...(def.tagAction ? { tagAction: def.tagAction } : {}),
    authorization: def.authorization ?? 'policy',
    authentication: def.authentication ?? 'sigv4',
    resource: def.resource as Action['resource'],
    handle: def.handle as Action['handle'],
  };
}
