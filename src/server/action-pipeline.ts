// The steps every AWS action goes through, whatever its protocol: authenticate (unless AWS accepts the
// call unsigned), check the signature's service, refuse what the session may not call, validate,
// authorize, execute — with the request's audit event built alongside and written when the call ends
// (or with the change it makes). The Query and JSON endpoints only decode and encode around it.
import type { IncomingMessage } from 'node:http';
import type { Action, ActionContext, Services } from '../api/index.ts';
import {
  RequestAudit,
  type TlsDetails,
  isReadOnly,
  lookupResourcesOf,
  recordsResponse,
  EVENT_SOURCES,
} from '../audit/index.ts';
import type { Authenticator } from '../authn/index.ts';
import {
  type RequestFacts,
  resolveIamResource,
  inputConditionKeys,
  refuseForSession,
} from '../authz/index.ts';
import type { Principal } from '../domain/index.ts';
import { clientAddress, secureTransport } from './client-address.ts';
import { AwsError } from '../errors.ts';
import {
  requestParametersOf,
  responseElementsOf,
  type ServiceName,
  serviceModel,
  SIGNING_NAMES,
} from '../protocol/index.ts';
import { type RateLimits, throttled } from './rate-limit.ts';
import type { RequestEntry } from './request-log.ts';

/** How far a request got: filled in step by step, so a failure shows where it stopped. */
export type ActionRecord = { service: ServiceName } & Pick<
  RequestEntry,
  'action' | 'accountId' | 'principalArn' | 'accessKeyId' | 'decision' | 'errorCode'
>;

/** One decoded request, as a protocol endpoint hands it to the pipeline. */
export interface PipelineRequest {
  req: IncomingMessage;
  path: string;
  query: string;
  body: Buffer;
  requestId: string;
  now: Date;
  service: ServiceName;
  /** The action the request names, when this service has it. */
  found: Action | undefined;
  /** The protocol's answer to an action this service does not have. */
  unknownAction(): never;
  /** The action's input, decoded and validated by the protocol (throws AWS's validation error). */
  input(action: Action): unknown;
  record: ActionRecord;
}

export interface PipelineDeps {
  services: Services;
  authenticator: Pick<Authenticator, 'authenticate'>;
  limits?: RateLimits | undefined;
}

/** Runs the action; its output, or an AwsError (anything else is the caller's ServiceFailure). */
export async function runAction(
  request: PipelineRequest,
  deps: PipelineDeps,
): Promise<{ action: Action; output: unknown }> {
  const { req, path, query, body, now, service, found, record } = request;
  const { services, authenticator, limits } = deps;
  const sourceIp = clientAddress(req);
  if (limits && !limits.perAddress.take(sourceIp)) throw throttled();
  // Authenticate, unless the action is one AWS accepts unsigned (AssumeRoleWithWebIdentity …).
  const unsigned = found?.authentication === 'none' ? found : undefined;
  const { principal, signature } = unsigned
    ? { principal: ANONYMOUS, signature: { region: services.config.region } }
    : await authenticator.authenticate(
        { method: req.method ?? 'GET', path, query, headers: req.headersDistinct, body },
        now,
      );
  const accessKeyId =
    'accessKeyId' in signature && typeof signature.accessKeyId === 'string'
      ? signature.accessKeyId
      : undefined;
  if (principal !== ANONYMOUS) {
    record.accountId = principal.accountId;
    record.principalArn = principal.arn;
  }
  if (accessKeyId !== undefined) {
    record.accessKeyId = accessKeyId;
    if (limits && !limits.perKey.take(accessKeyId)) throw throttled();
  }
  // a signature made for another service (a request to notes, say, relayed here) is not accepted,
  // as AWS scopes credentials to the service
  const signingName = SIGNING_NAMES[service] ?? service;
  if (!unsigned && signature.service !== signingName)
    throw new AwsError(
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: '${signingName}'.`,
      {
        status: 403,
      },
    );
  const action = found ?? request.unknownAction();
  const facts: RequestFacts = {
    now,
    sourceIp,
    secureTransport: secureTransport(req),
    region: signature.region,
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    ...(req.headers.host ? { host: req.headers.host } : {}),
  };
  const audit = services.audit
    ? new RequestAudit(services.audit, {
        eventSource: EVENT_SOURCES[service],
        eventName: action.name,
        at: now,
        region: signature.region,
        sourceIp,
        ...(facts.userAgent !== undefined ? { userAgent: facts.userAgent } : {}),
        requestId: request.requestId,
        ...tlsOf(req),
      })
    : undefined;
  if (audit && principal !== ANONYMOUS) audit.caller(principal, accessKeyId);
  try {
    refuseForSession(service, action.name, principal);
    const input = request.input(action);
    const model = serviceModel(service);
    audit?.parameters(requestParametersOf(model, action.name, input), lookupResourcesOf(input));
    const ctx: ActionContext = {
      requestId: request.requestId,
      now,
      caller: principal,
      accountId: principal.accountId,
      sourceIp,
      request: facts,
      // a call that may change something commits its event with the change, through this store
      services:
        audit && !isReadOnly(action.name) ? { ...services, store: audit.storeFor(services.store) } : services,
      ...(audit ? { audit } : {}),
    };
    if (action.authorization === 'policy') {
      await authorizeAction(action, input as Record<string, unknown>, ctx);
      record.decision = 'Allow';
    }
    const output = await action.handle(input, ctx);
    audit?.succeeded(recordsResponse(action.name) ? responseElementsOf(model, action.name, output) : null);
    return { action, output };
  } catch (err) {
    if (audit)
      if (err instanceof AwsError) audit.failed(err.code, err.message);
      else audit.failed('ServiceFailure', 'The request processing has failed because of an unknown error.');
    throw err;
  }
}

function tlsOf(req: IncomingMessage): { tls?: TlsDetails } {
  const socket = req.socket as IncomingMessage['socket'] & {
    encrypted?: boolean;
    getProtocol?(): string | null;
    getCipher?(): { standardName?: string; name: string };
  };
  if (socket.encrypted !== true || !socket.getProtocol || !socket.getCipher) return {};
  const cipher = socket.getCipher();
  return {
    tls: {
      tlsVersion: socket.getProtocol() ?? 'unknown',
      cipherSuite: cipher.standardName ?? cipher.name,
      ...(req.headers.host ? { clientProvidedHostHeader: req.headers.host } : {}),
    },
  };
}

/**
 * The caller of an unauthenticated action: no account, no policies. Such actions authorize in their
 * handlers from what the request proves (a token, an assertion), never from this principal.
 */
const ANONYMOUS: Principal = {
  type: 'user',
  accountId: '',
  arn: 'anonymous',
  id: 'anonymous',
  userName: '',
  path: '/',
};

/** Authorize: the engine decides the action on its resource, with the input's condition keys. */
async function authorizeAction(
  action: Action,
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<void> {
  const target = action.authorizationTarget ? await action.authorizationTarget(input, ctx) : undefined;
  const resource = target
    ? { arn: target.arn }
    : await resolveIamResource(ctx.services.store, action.resource(input, ctx), action.name);
  const { keys, requestTags } = inputConditionKeys(action.name, input, resource);
  if (target?.keys) Object.assign(keys, target.keys);
  // AWS managed policies (arn:aws:iam::aws:policy/…) belong to no account: they count as the caller's
  const ownAccount = target?.ownAccount === true || resource.arn.startsWith('arn:aws:iam::aws:');
  await ctx.services.authorizer.authorize({
    principal: ctx.caller,
    action: action.iamAction,
    resource: resource.arn,
    ...(ownAccount ? { resourceAccountId: ctx.accountId } : {}),
    keys,
    ...(requestTags ? { requestTags } : {}),
    ...(resource.tags ? { resourceTags: resource.tags } : {}),
    request: ctx.request,
  });
  // a create given tags is a tagging request too (iam:TagUser for CreateUser …), decided on the same
  // resource by the tags it sets; the AccessDenied then names the tag action, as AWS's does
  if (action.tagAction && requestTags && Object.keys(requestTags).length > 0)
    await ctx.services.authorizer.authorize({
      principal: ctx.caller,
      action: action.tagAction,
      resource: resource.arn,
      // aws:TagKeys is read from requestTags: the keys of the tags set
      requestTags,
      request: ctx.request,
    });
}

/** What the client sees of an unexpected failure; the failure itself goes to the operator's log. */
export const SERVICE_FAILURE = new AwsError(
  'ServiceFailure',
  'The request processing has failed because of an unknown error, exception or failure.',
);

/**
 * The error a failed request answers with (an unexpected one becomes ServiceFailure), noted in its
 * record; `failure` is the unexpected error itself, for the operator's log.
 */
export function failedAction(record: ActionRecord, err: unknown): { error: AwsError; failure?: unknown } {
  const error = err instanceof AwsError ? err : SERVICE_FAILURE;
  record.errorCode = error.code;
  if (error.code === 'AccessDenied') record.decision = 'Deny';
  if (!(err instanceof AwsError)) return { error, failure: err };
  // a failure on the server's side (ServiceUnavailable: the database unreachable) logs its cause
  return err.status >= 500 && err.cause !== undefined ? { error, failure: err.cause } : { error };
}
