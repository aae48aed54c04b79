// The console's JSON API client (docs/console-api.md): one function per endpoint under
// /console/api/, same-origin cookies, the CSRF header on every state-changing request, and the
// server's `{"error":{"code","message"}}` turned into an ApiError carrying that message verbatim.
import type { RoleChoice, Session } from './session.ts';

const BASE = '/console/api/';

/** An error answer from the console API; `message` is exactly the server's (AWS's text). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(error.code, error.message, response.status);
  }
  return new ApiError('ServiceFailure', `The console API answered ${response.status}.`, response.status);
}

async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  csrfToken?: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') headers['content-type'] = 'application/json';
  if (csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(BASE + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * What a sign-in step answers: done (the cookie is set), or the next step and its ticket: the code of
 * one of `devices` (serial numbers); a first virtual MFA device to assign, from its QR code (a PNG,
 * base64) or its Base32 secret, shown this once; or a new password.
 */
export type SignInStep =
  | { next: 'done' }
  | { next: 'mfa'; ticket: string; devices: string[] }
  | { next: 'enrol-mfa'; ticket: string; qrCodePng: string; secret: string }
  | { next: 'change-password'; ticket: string };

export type SignInRequest =
  { account: string; userName: string; password: string } | { root: string; password: string };

export const getSession = (): Promise<Session> => request('GET', 'session');

export const signIn = (body: SignInRequest): Promise<SignInStep> =>
  request('POST', 'sign-in', undefined, body);

/** The MFA step: the code of the device named by its serial number (the first device when omitted). */
export const signInMfa = (ticket: string, code: string, serialNumber?: string): Promise<SignInStep> =>
  request('POST', 'sign-in/mfa', undefined, { ticket, code, serialNumber });

/** Assigns the virtual MFA device the enrol-mfa step showed: two consecutive codes from the app. */
export const enrolMfa = (ticket: string, code1: string, code2: string): Promise<SignInStep> =>
  request('POST', 'sign-in/enrol-mfa', undefined, { ticket, code1, code2 });

export const changePassword = (ticket: string, newPassword: string): Promise<SignInStep> =>
  request('POST', 'sign-in/change-password', undefined, { ticket, newPassword });

export const signOut = (csrfToken: string): Promise<void> => request('POST', 'sign-out', csrfToken);

export interface SwitchRoleRequest {
  account: string;
  roleName: string;
  displayName: string;
  color: string;
}

export const switchRole = (csrfToken: string, body: SwitchRoleRequest): Promise<Session> =>
  request('POST', 'switch-role', csrfToken, body);

/** Switch again into a role from `session.recentRoles`. */
export const switchToRecent = (csrfToken: string, role: RoleChoice): Promise<Session> =>
  switchRole(csrfToken, {
    account: role.accountId,
    roleName: role.roleName,
    displayName: role.displayName,
    color: role.color,
  });

export const switchBack = (csrfToken: string): Promise<Session> => request('POST', 'switch-back', csrfToken);

/** The root enables a virtual MFA device of its own (AWS: from the console only), with two codes. */
export const enableRootMfa = (
  csrfToken: string,
  serialNumber: string,
  code1: string,
  code2: string,
): Promise<{ serialNumber: string }> =>
  request('POST', 'root-mfa', csrfToken, { serialNumber, code1, code2 });

export type Service = 'iam' | 'sts' | 'accessanalyzer' | 'cloudtrail' | 'organizations';

/** One AWS action, input and output in the AWS SDK's shapes. */
export async function call<T>(
  csrfToken: string,
  service: Service,
  action: string,
  input: Record<string, unknown>,
): Promise<T> {
  const answer = await request<{ output: T }>('POST', 'call', csrfToken, { service, action, input });
  return answer.output;
}

/** A step of a path to the target: who gains whose power, how, and the permissions that allow it. */
export interface GraphStep {
  from: string;
  to: string;
  kind: string;
  summary: string;
  actor?: string;
  permissions: { action: string; resource: string }[];
}

/** One principal's shortest way to the target. */
export interface GraphPath {
  from: string;
  to: string;
  length: number;
  steps: GraphStep[];
}

/** Who can reach admin (or a role) in the session's account: the graph as SVG and its paths. */
export interface EscalationReport {
  accountId: string;
  target: string;
  svg: string;
  paths: GraphPath[];
}

/** The escalation graph to "admin" (by default) or to a role, by name or ARN. */
export const getGraph = (target = ''): Promise<EscalationReport> =>
  request('GET', target === '' ? 'graph' : `graph?target=${encodeURIComponent(target)}`);
