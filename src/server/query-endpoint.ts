// The AWS Query endpoint: one POST/GET handler for IAM and STS. Each request goes through the
// same named steps — decode, authenticate, find the action, validate, authorize, execute, encode —
// so that a failure names the step it came from.
import type { IncomingMessage } from 'node:http';
import { findAction } from '../api/registry.ts';
import type { Action, ActionContext, Services } from '../api/action.ts';
import type { Authenticator } from '../authn/authenticator.ts';
import type { RequestFacts } from '../authz/authorize.ts';
import { resolveIamResource } from '../authz/iam-resources.ts';
import { inputConditionKeys } from '../authz/input-condition-keys.ts';
import { refuseForSession } from '../authz/session-restrictions.ts';
import { newRequestId } from '../domain/ids.ts';
import type { Principal } from '../domain/principal.ts';
import { AwsError } from '../errors.ts';
import { readQueryInput, validateInput } from '../protocol/query-decode.ts';
import { errorXml, successXml } from '../protocol/query-response.ts';
import { type ServiceName, serviceModel } from '../protocol/service-model.ts';
import { type RateLimits, throttled } from './rate-limit.ts';
import type { RequestEntry } from './request-log.ts';

export interface QueryReply {
  status: number;
  body: string;
  requestId: string;
  /** What the request log and metrics record of it (never a parameter value). */
  record: QueryRecord;
  /** An unexpected failure behind a ServiceFailure answer, for the operator's log. */
  failure?: unknown;
}

/** How far a request got: filled in step by step, so a failure shows where it stopped. */
export type QueryRecord = { service: ServiceName } & Pick<
  RequestEntry,
  'action' | 'accountId' | 'principalArn' | 'accessKeyId' | 'decision' | 'errorCode'
>;

const VERSIONS: Record<string, ServiceName> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };

/** Decode: the parameters of a Query request, from the query string and a form body. */
export function decodeParams(
  query: string,
  contentType: string | undefined,
  body: Buffer,
): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(query)) if (!k.startsWith('X-Amz-')) params.set(k, v);
  if (
    body.length > 0 &&
    (contentType === undefined || contentType.startsWith('application/x-www-form-urlencoded'))
  )
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return params;
}

/** Which service a request is for: the SigV4 scope's service, else the Version parameter. */
function serviceOf(scopeService: string | undefined, params: Map<string, string>): ServiceName {
  if (scopeService === 'iam' || scopeService === 'sts') return scopeService;
  const version = params.get('Version') ?? '';
  // own keys only: `Version=constructor` must not find Object.prototype's
  return Object.hasOwn(VERSIONS, version) ? VERSIONS[version]! : 'iam';
}

/**
 * The service of the SigV4 credential scope (`AKID/20150830/us-east-1/iam/aws4_request`), from the
 * Authorization header or X-Amz-Credential; read in one pass, whatever the header holds.
 */
function scopeServiceOf(req: IncomingMessage, query: string): string | undefined {
  const header = req.headers.authorization;
  let credential: string | undefined;
  if (header !== undefined) {
    const at = header.indexOf('Credential=');
    if (at < 0) return undefined;
    const start = at + 'Credential='.length;
    let end = start;
    while (end < header.length && !', \t'.includes(header[end]!)) end++;
    credential = header.slice(start, end);
  } else credential = new URLSearchParams(query).get('X-Amz-Credential') ?? undefined;
  const parts = credential?.split('/');
  return parts?.length === 5 && parts[4] === 'aws4_request' ? parts[3] : undefined;
}

export async function handleQuery(
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  services: Services,
  authenticator: Authenticator,
  limits?: RateLimits,
): Promise<QueryReply> {
  const requestId = newRequestId();
  const now = services.clock.now();
  const params = decodeParams(query, req.headers['content-type'], body);
  const service = serviceOf(scopeServiceOf(req, query), params);
  const model = serviceModel(service);
  const record: QueryRecord = { service };
  // the action is looked up once: the log, the unsigned check and the handler all use this answer
  const found = findAction(service, params.get('Action') ?? '');
  if (found) record.action = found.name;
  try {
    if (limits && !limits.perAddress.take(clientAddress(req))) throw throttled();
    // Authenticate, unless the action is one AWS accepts unsigned (AssumeRoleWithWebIdentity …).
    const unsigned = found?.authentication === 'none' ? found : undefined;
    const { principal, signature } = unsigned
      ? { principal: ANONYMOUS, signature: { region: services.config.region } }
      : await authenticator.authenticate(
          { method: req.method ?? 'GET', path, query, headers: req.headersDistinct, body },
          now,
        );
    if (principal !== ANONYMOUS) {
      record.accountId = principal.accountId;
      record.principalArn = principal.arn;
    }
    if ('accessKeyId' in signature && typeof signature.accessKeyId === 'string') {
      record.accessKeyId = signature.accessKeyId;
      if (limits && !limits.perKey.take(signature.accessKeyId)) throw throttled();
    }
    // a signature made for another service (a request to notes, say, relayed here) is not accepted,
    // as AWS scopes credentials to the service: the Query endpoint serves only iam and sts
    if (!unsigned && signature.service !== service)
      throw new AwsError(
        'SignatureDoesNotMatch',
        `Credential should be scoped to correct service: '${service}'.`,
        {
          status: 403,
        },
      );
    const action = found ?? unknownAction(service, params);
    refuseForSession(service, action.name, principal);
    const input = validate(action, params);
    const request: RequestFacts = {
      now,
      sourceIp: clientAddress(req),
      secureTransport: 'encrypted' in req.socket && req.socket.encrypted === true,
      region: signature.region,
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    };
    const ctx: ActionContext = {
      requestId,
      now,
      caller: principal,
      accountId: principal.accountId,
      sourceIp: request.sourceIp,
      request,
      services,
    };
    if (action.authorization === 'policy')
      await authorizeAction(action, input as Record<string, unknown>, ctx);
    if (action.authorization === 'policy') record.decision = 'Allow';
    const output = await action.handle(input, ctx);
    return { status: 200, body: successXml(model, action.name, output, requestId), requestId, record };
  } catch (err) {
    const error = err instanceof AwsError ? err : SERVICE_FAILURE;
    record.errorCode = error.code;
    if (error.code === 'AccessDenied') record.decision = 'Deny';
    return {
      status: error.status,
      body: errorXml(model.metadata.xmlNamespace, error, requestId),
      requestId,
      record,
      ...(err instanceof AwsError ? {} : { failure: err }),
    };
  }
}

/** The caller's address, IPv4-mapped IPv6 addresses written as IPv4 (as aws:SourceIp compares them). */
export function clientAddress(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
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
  const resource = await resolveIamResource(ctx.services.store, action.resource(input, ctx), action.name);
  const { keys, requestTags } = inputConditionKeys(action.name, input, resource);
  // AWS managed policies (arn:aws:iam::aws:policy/…) belong to no account: they count as the caller's
  const awsOwned = resource.arn.startsWith('arn:aws:iam::aws:');
  await ctx.services.authorizer.authorize({
    principal: ctx.caller,
    action: action.iamAction,
    resource: resource.arn,
    ...(awsOwned ? { resourceAccountId: ctx.accountId } : {}),
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

/** AWS's answer to a request that names no action, or one the service does not have. */
function unknownAction(service: ServiceName, params: Map<string, string>): never {
  const name = params.get('Action');
  if (!name) throw new AwsError('InvalidAction', 'Missing Action');
  const version = params.get('Version') ?? serviceModel(service).metadata.apiVersion;
  throw new AwsError('InvalidAction', `Could not find operation ${name} for version ${version}`);
}

function validate(action: Action, params: Map<string, string>): unknown {
  const model = serviceModel(action.service);
  const shape = model.operations[action.name]?.input;
  if (!shape) return {};
  return validateInput(model, shape, readQueryInput(model, shape, params));
}

/** What the client sees of an unexpected failure; the failure itself goes to the operator's log. */
const SERVICE_FAILURE = new AwsError(
  'ServiceFailure',
  'The request processing has failed because of an unknown error, exception or failure.',
);
