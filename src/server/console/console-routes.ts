// The web console's routes: its JSON API under /console/api/ (docs/console-api.md) — sign-in steps,
// the session, sign-out, calls, Switch Role, the escalation graph — and the built app's files under
// /console/. Every state-changing request of a signed-in session must carry its CSRF token in
// x-csrf-token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../../api/index.ts';
import type { Authenticator } from '../../authn/index.ts';
import type { ConsoleSessionRow } from '../../store/index.ts';
import { readBody } from '../read-body.ts';
import { consoleCall } from './console-call.ts';
import { consoleGraph } from './console-graph.ts';
import { enableRootMfa } from './console-root-mfa.ts';
import {
  cookieOf,
  csrfOf,
  currentSession,
  openCredentials,
  openRole,
  sessionCookie,
  sessionView,
} from './console-sessions.ts';
import {
  ConsoleError,
  signInEnrolMfa,
  signInMfa,
  signInNewPassword,
  signInRoot,
  signInUser,
  type SignInResult,
} from './console-sign-in.ts';
import { serveConsoleFile } from './console-static.ts';
import { switchBack, switchRole } from './console-switch-role.ts';

export const CONSOLE_PATH = '/console';
const API = '/console/api/';
const MAX_BODY = 64 * 1024;

export function isConsolePath(path: string): boolean {
  return path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);
}

export interface ConsoleDeps {
  services: Services;
  authenticator: Authenticator;
  sourceIp: string;
  requestId: string;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const error = (res: ServerResponse, e: ConsoleError) =>
  json(res, e.status, { error: { code: e.code, message: e.message } });

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_BODY);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new ConsoleError(415, 'UnsupportedMediaType', 'Send application/json.');
  try {
    const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ConsoleError(400, 'MalformedRequest', 'The request body must be a JSON object.');
}

const text = (body: Record<string, unknown>, key: string) => {
  const v = body[key];
  return typeof v === 'string' ? v : '';
};

/** Answers one console request; returns the name the request log shows for it. */
export async function handleConsole(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: ConsoleDeps,
): Promise<string> {
  if (!path.startsWith(API)) return serveConsoleFile(req, res, path);
  const route = `${req.method ?? 'GET'} ${path.slice(API.length)}`;
  try {
    await answer(req, res, route, deps);
  } catch (e) {
    if (!(e instanceof ConsoleError)) throw e;
    error(res, e);
  }
  return route;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  deps: ConsoleDeps,
): Promise<void> {
  const { services } = deps;
  const now = services.clock.now();
  const context = { services, req, sourceIp: deps.sourceIp, requestId: deps.requestId, now };
  const finish = (result: SignInResult) =>
    result.next === 'done'
      ? json(
          res,
          200,
          { next: 'done' },
          { 'set-cookie': sessionCookie(req, result.token, deps.services.config.consoleSessionSeconds) },
        )
      : json(res, 200, result);
  switch (route) {
    case 'POST sign-in': {
      const body = await readJson(req);
      return finish(
        typeof body.root === 'string'
          ? await signInRoot(context, { root: body.root, password: text(body, 'password') })
          : await signInUser(context, {
              account: text(body, 'account'),
              userName: text(body, 'userName'),
              password: text(body, 'password'),
            }),
      );
    }
    case 'POST sign-in/mfa': {
      const body = await readJson(req);
      const serial = typeof body.serialNumber === 'string' ? body.serialNumber : undefined;
      return finish(await signInMfa(context, text(body, 'ticket'), text(body, 'code'), serial));
    }
    case 'POST sign-in/enrol-mfa': {
      const body = await readJson(req);
      const codes = { ticket: text(body, 'ticket'), code1: text(body, 'code1'), code2: text(body, 'code2') };
      return finish(await signInEnrolMfa(context, codes));
    }
    case 'POST sign-in/change-password': {
      const body = await readJson(req);
      return finish(await signInNewPassword(context, text(body, 'ticket'), text(body, 'newPassword')));
    }
    case 'GET session': {
      const row = await signedIn(req, services, now);
      return json(res, 200, await sessionView(services, row));
    }
    case 'POST sign-out': {
      const row = await signedIn(req, services, now);
      checkCsrf(req, row);
      await services.store.writeRecords((r) => r.consoleSessions.deleteSession(row.token_hash));
      res.writeHead(204, { 'set-cookie': sessionCookie(req, '', 0), 'cache-control': 'no-store' }).end();
      return;
    }
    case 'POST call': {
      const row = await signedIn(req, services, now);
      checkCsrf(req, row);
      const body = await readJson(req);
      const credentials = row.role_sealed
        ? openRole(services, row.role_sealed).credentials
        : openCredentials(services, row.credentials_sealed!);
      const reply = await consoleCall(req, body, credentials, deps);
      return json(res, reply.status, reply.body, { 'x-amzn-requestid': reply.requestId });
    }
    case 'POST switch-role': {
      const row = await signedIn(req, services, now);
      checkCsrf(req, row);
      const body = await readJson(req);
      const switched = await switchRole(req, row, body, deps);
      return json(res, 200, await sessionView(services, switched));
    }
    case 'POST root-mfa': {
      const row = await signedIn(req, services, now);
      checkCsrf(req, row);
      const body = await readJson(req);
      const input = {
        serialNumber: text(body, 'serialNumber'),
        code1: text(body, 'code1'),
        code2: text(body, 'code2'),
      };
      return json(res, 200, await enableRootMfa(context, row, input));
    }
    case 'GET graph': {
      const row = await signedIn(req, services, now);
      return json(res, 200, await consoleGraph(req, row, deps));
    }
    case 'POST switch-back': {
      const row = await signedIn(req, services, now);
      checkCsrf(req, row);
      return json(res, 200, await sessionView(services, await switchBack(row, services)));
    }
    default:
      throw new ConsoleError(404, 'NotFound', 'No such console API.');
  }
}

async function signedIn(req: IncomingMessage, services: Services, now: Date): Promise<ConsoleSessionRow> {
  const row = await currentSession(services, req, now);
  if (!row) throw new ConsoleError(401, 'NotSignedIn', 'Sign in to use the console.');
  return row;
}

function checkCsrf(req: IncomingMessage, row: ConsoleSessionRow): void {
  const given = req.headers['x-csrf-token'];
  if (typeof given !== 'string' || given !== csrfOf(row) || cookieOf(req) === undefined)
    throw new ConsoleError(403, 'InvalidCsrfToken', 'The request has no valid CSRF token.');
}
