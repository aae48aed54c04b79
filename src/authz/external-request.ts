// Owns authorization for other services: a service that received a SigV4-signed request (or knows its
// caller's ARN) asks Tessera who the caller is and whether it may perform an action on a resource. The
// signature is verified by the server's own Authenticator (any service name in the credential scope); the
// decision and its explanation come from the policy engine through explainRequest.
import type { Services } from '../services.ts';
import { type Authenticator, rootPrincipal } from '../authn/index.ts';
import { parseIamArn, type Principal } from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import { contextLimitProblem, EvaluationWorkExceeded, type ContextInput } from '../policy/index.ts';
import type { RequestFacts } from './authorize.ts';
import { encodeAuthorizationMessage } from './authorization-message.ts';
import { explainRequest, type ExplainedAuthorization } from './explain.ts';

/** A request exactly as the other service received it. */
export interface ExternalSignedRequest {
  method: string;
  /** The raw path, without the query. */
  path: string;
  /** The raw query string, without `?`. */
  query?: string;
  /** Header names in any case; a repeated header as an array. */
  headers: Record<string, string | string[]>;
  /** The body, base64-encoded. */
  body?: string;
  /** The body's SHA-256 (hex), instead of the body. */
  bodySha256?: string;
}

export type ExternalContextValue = string | number | boolean | (string | number | boolean)[];

export interface ExternalAuthorizationInput {
  /** The signed request the service received; or `principalArn` for trusted callers. */
  request?: ExternalSignedRequest;
  principalArn?: string;
  /** e.g. `notes:GetNote`. */
  action: string;
  /** The resource ARN, or `*`. */
  resource: string;
  /** Condition keys by name (`aws:SourceIp`, `notes:Folder` …). */
  context?: Record<string, ExternalContextValue>;
}

/** aws:PrincipalType of the answer. */
export type ExternalPrincipalType = 'Account' | 'User' | 'AssumedRole' | 'FederatedUser';

export interface ExternalAuthorizationAnswer extends ExplainedAuthorization {
  principal: { arn: string; account: string; userId: string; type: ExternalPrincipalType };
  /** For a denial: the explanation sealed for sts:DecodeAuthorizationMessage, as AWS services attach it. */
  encodedAuthorizationMessage?: string;
}

export interface ExternalAuthorizationDeps {
  services: Services;
  authenticator: Authenticator;
}

/** Why a question could not be answered: the status the HTTP endpoint uses, and an AWS-style code. */
export class ExternalAuthorizationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const PRINCIPAL_TYPES: Readonly<Record<Principal['type'], ExternalPrincipalType>> = {
  root: 'Account',
  user: 'User',
  'assumed-role': 'AssumedRole',
  'federated-user': 'FederatedUser',
};

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/;

function invalid(message: string): ExternalAuthorizationError {
  return new ExternalAuthorizationError('InvalidInput', message, 400);
}

/** Checks the shape of an input that came as JSON; returns it typed. */
export function parseExternalInput(value: unknown): ExternalAuthorizationInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('The body must be a JSON object.');
  const v = value as Record<string, unknown>;
  if (typeof v.action !== 'string' || !ACTION.test(v.action))
    throw invalid('action must be a string of the form service:Action.');
  if (typeof v.resource !== 'string' || v.resource === '') throw invalid('resource must be an ARN or "*".');
  if ((v.request === undefined) === (v.principalArn === undefined))
    throw invalid('Give exactly one of request (a signed request) and principalArn.');
  const out: ExternalAuthorizationInput = { action: v.action, resource: v.resource };
  if (v.principalArn !== undefined) {
    if (typeof v.principalArn !== 'string') throw invalid('principalArn must be a string.');
    out.principalArn = v.principalArn;
  } else out.request = parseSignedRequest(v.request);
  if (v.context !== undefined) out.context = parseContext(v.context);
  return out;
}

function parseSignedRequest(value: unknown): ExternalSignedRequest {
  if (typeof value !== 'object' || value === null) throw invalid('request must be an object.');
  const r = value as Record<string, unknown>;
  if (typeof r.method !== 'string' || typeof r.path !== 'string')
    throw invalid('request.method and request.path must be strings.');
  if (r.query !== undefined && typeof r.query !== 'string') throw invalid('request.query must be a string.');
  if (typeof r.headers !== 'object' || r.headers === null)
    throw invalid('request.headers must be an object.');
  const headers: Record<string, string | string[]> = {};
  for (const [k, h] of Object.entries(r.headers as Record<string, unknown>)) {
    if (typeof h === 'string' || (Array.isArray(h) && h.every((x) => typeof x === 'string'))) headers[k] = h;
    else throw invalid(`request.headers.${k} must be a string or a list of strings.`);
  }
  if (r.body !== undefined && typeof r.body !== 'string') throw invalid('request.body must be base64 text.');
  if (
    r.bodySha256 !== undefined &&
    (typeof r.bodySha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(r.bodySha256))
  )
    throw invalid('request.bodySha256 must be 64 hexadecimal digits.');
  if (r.body !== undefined && r.bodySha256 !== undefined)
    throw invalid('Give request.body or request.bodySha256, not both.');
  return {
    method: r.method,
    path: r.path,
    headers,
    ...(typeof r.query === 'string' ? { query: r.query } : {}),
    ...(typeof r.body === 'string' ? { body: r.body } : {}),
    ...(typeof r.bodySha256 === 'string' ? { bodySha256: r.bodySha256.toLowerCase() } : {}),
  };
}

function parseContext(value: unknown): Record<string, ExternalContextValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('context must be an object.');
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  const out: Record<string, ExternalContextValue> = {};
  for (const [k, x] of Object.entries(value as Record<string, unknown>)) {
    if (scalar(x) || (Array.isArray(x) && x.every(scalar))) out[k] = x as ExternalContextValue;
    else throw invalid(`context.${k} must be a string, number, boolean or a list of them.`);
  }
  const problem = contextLimitProblem(out);
  if (problem) throw invalid(problem);
  return out;
}

function lowerCaseHeaders(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    const prior = out[name];
    out[name] = prior === undefined ? v : [...[prior].flat(), ...[v].flat()];
  }
  return out;
}

/** Verifies the signed request with the server's Authenticator: who signed it, for which region. */
async function signer(
  deps: ExternalAuthorizationDeps,
  r: ExternalSignedRequest,
  now: Date,
): Promise<{ principal: Principal; region: string }> {
  const signed = {
    method: r.method.toUpperCase(),
    path: r.path,
    query: r.query ?? '',
    headers: lowerCaseHeaders(r.headers),
    body: r.body !== undefined ? Buffer.from(r.body, 'base64') : new Uint8Array(0),
    // Read by the verifier once SignedRequest carries a precomputed payload hash (see the README).
    ...(r.bodySha256 !== undefined ? { payloadHash: r.bodySha256 } : {}),
  };
  try {
    const { principal, signature } = await deps.authenticator.authenticate(signed, now);
    return { principal, region: signature.region };
  } catch (err) {
    // a refusal is 401; the database unreachable (503) stays what it is
    if (err instanceof AwsError)
      throw new ExternalAuthorizationError(err.code, err.message, err.status >= 500 ? err.status : 401);
    throw err;
  }
}

/** What a principal ARN names, read from its text alone (no lookup). */
export type PrincipalArnName =
  | { kind: 'root'; accountId: string }
  | { kind: 'user'; accountId: string; name: string }
  | { kind: 'role'; accountId: string; name: string }
  | { kind: 'session'; accountId: string; roleName: string; sessionName: string };

/**
 * Reads a principalArn: an account root, a user, a role or a role session. Syntax only, so its answer
 * (InvalidInput for anything else) says nothing about whether the principal exists.
 */
export function parsePrincipalArn(arn: string): PrincipalArnName {
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(arn);
  if (root) return { kind: 'root', accountId: root[1] as string };
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/.exec(arn);
  if (session)
    return {
      kind: 'session',
      accountId: session[1] as string,
      roleName: session[2] as string,
      sessionName: session[3] as string,
    };
  const parsed = parseIamArn(arn);
  if (parsed && parsed.accountId !== 'aws' && (parsed.type === 'user' || parsed.type === 'role'))
    return { kind: parsed.type, accountId: parsed.accountId, name: parsed.name };
  throw invalid('principalArn must be the ARN of an account root, a user, a role or a role session.');
}

/**
 * The principal named by an ARN: an account root, a user, a role (or one of its sessions). Read
 * through the authorizer's cache of the account's principals: a known one costs no database read.
 */
export async function principalFromArn(services: Services, arn: string, now: Date): Promise<Principal> {
  const notFound = () =>
    new ExternalAuthorizationError('NoSuchEntity', `No principal with ARN ${arn} exists.`, 404);
  const named = parsePrincipalArn(arn);
  const { authorizer } = services;
  switch (named.kind) {
    case 'session': {
      const role = await authorizer.roleNamed(named.accountId, named.roleName);
      if (!role) throw notFound();
      return rolePrincipal(role, named.sessionName, now);
    }
    case 'root': {
      const account = await authorizer.account(named.accountId);
      if (!account) throw notFound();
      return rootPrincipal(named.accountId);
    }
    case 'user': {
      const user = await authorizer.userNamed(named.accountId, named.name);
      if (!user || user.arn !== arn) throw notFound();
      return {
        type: 'user',
        accountId: user.account_id,
        arn: user.arn,
        id: user.user_id,
        userName: user.user_name,
        path: user.path,
      };
    }
    case 'role': {
      // the name finds the role; the whole ARN (its path) must match, as a lookup by ARN would
      const role = await authorizer.roleNamed(named.accountId, named.name);
      if (!role || role.arn !== arn) throw notFound();
      return rolePrincipal(role, 'tessera-authorize', now);
    }
  }
}

/** A role evaluated as one of its sessions, without session policies or session tags. */
function rolePrincipal(
  role: { role_id: string; role_name: string; arn: string; path: string; account_id: string },
  sessionName: string,
  now: Date,
): Principal {
  const arn = `arn:aws:sts::${role.account_id}:assumed-role/${role.role_name}/${sessionName}`;
  const at = Math.floor(now.getTime() / 1000);
  const roleFacts = { roleId: role.role_id, roleName: role.role_name, arn: role.arn, path: role.path };
  return {
    type: 'assumed-role',
    accountId: role.account_id,
    arn,
    id: `${role.role_id}:${sessionName}`,
    roleId: role.role_id,
    roleName: role.role_name,
    roleArn: role.arn,
    rolePath: role.path,
    sessionName,
    session: {
      kind: 'assumed-role',
      accountId: role.account_id,
      accessKeyId: '',
      secretAccessKey: '',
      issuedAt: at,
      expiresAt: at + 3600,
      arn,
      userId: `${role.role_id}:${sessionName}`,
      role: roleFacts,
      sessionName,
      chainDepth: 0,
    },
  };
}

function contextKeys(
  context: Record<string, ExternalContextValue> | undefined,
): Record<string, ContextInput> {
  return context ? { ...context } : {};
}

/** Finds the principal of an input (verifying its signature, or by ARN) and the request's region. */
export async function resolveExternalPrincipal(
  deps: ExternalAuthorizationDeps,
  input: ExternalAuthorizationInput,
  now: Date,
): Promise<{ principal: Principal; region: string }> {
  if (input.request) return signer(deps, input.request, now);
  return {
    principal: await principalFromArn(deps.services, input.principalArn as string, now),
    region: deps.services.config.region,
  };
}

/**
 * Answers whether the principal behind `input` may perform its action on its resource, and why. For a
 * signed request the signature is verified first (an invalid one throws ExternalAuthorizationError, 401).
 */
export async function authorizeExternalRequest(
  deps: ExternalAuthorizationDeps,
  input: ExternalAuthorizationInput,
  resolved?: { principal: Principal; region: string },
): Promise<ExternalAuthorizationAnswer> {
  const now = deps.services.clock.now();
  const { principal, region } = resolved ?? (await resolveExternalPrincipal(deps, input, now));
  const keys = contextKeys(input.context);
  const sourceIp = typeof keys['aws:SourceIp'] === 'string' ? keys['aws:SourceIp'] : '';
  const request: RequestFacts = {
    now,
    sourceIp,
    secureTransport: keys['aws:SecureTransport'] === true || keys['aws:SecureTransport'] === 'true',
    region,
  };
  const question = { principal, action: input.action, resource: input.resource, keys, request };
  const explained = await explainRequest(deps.services.authorizer, question).catch((err: unknown) => {
    if (err instanceof EvaluationWorkExceeded) throw invalid(err.message);
    throw err;
  });
  const encoded =
    explained.decision === 'Allow'
      ? undefined
      : encodeAuthorizationMessage(deps.services, question, {
          decision: explained.decision,
          matchedStatements: explained.matchedStatements.map((m) => ({
            policyId: m.sourcePolicyId,
            effect: m.effect,
            ...(m.sid !== undefined ? { sid: m.sid } : {}),
          })),
        });
  return {
    ...(encoded ? { encodedAuthorizationMessage: encoded } : {}),
    principal: {
      arn: principal.arn,
      account: principal.accountId,
      userId: principal.id,
      type: PRINCIPAL_TYPES[principal.type],
    },
    ...explained,
  };
}
