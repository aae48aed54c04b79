// What Identity Center's pages share: the session cookie (HttpOnly, SameSite=Strict, Secure under TLS)
// and its CSRF token, the security headers of every page, HTML and redirect answers, and the checks on
// a `next` address (a path of this server only).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { SsoWebSessionRow } from '../../store/index.ts';
import { messagePage } from './sso-pages.ts';
import { secureTransport } from '../client-address.ts';

const COOKIE = 'tessera_sso';
/** How long a page sign-in lasts: Identity Center's default session, eight hours. */
export const SESSION_SECONDS = 8 * 3600;
/** A wrong password or code is answered no sooner than this, so guessing is slow even before a lock. */
export const FAILURE_DELAY_MS = 400;
export const STORE_ID = /^d-[0-9a-f]{10}$/;

export const csrfOf = (session: SsoWebSessionRow) =>
  createHash('sha256').update(`csrf:${session.token_hash}`).digest('base64url').slice(0, 32);

export function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

export function sessionCookie(req: IncomingMessage, token: string, maxAge: number): string {
  return `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secureTransport(req) ? '; Secure' : ''}`;
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'; base-uri 'none'",
};

export function html(
  res: ServerResponse,
  status: number,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...HEADERS, ...extra, 'content-length': Buffer.byteLength(body) }).end(body);
}

export function redirect(res: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  res.writeHead(303, { ...HEADERS, ...extra, location, 'content-length': 0 }).end();
}

/** Only a path of this server may be a `next` (no open redirect). */
export const safeNext = (next: string | null | undefined, fallback: string) =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function notFound(res: ServerResponse): string {
  html(res, 404, messagePage('Not found', 'There is no such page.'));
  return 'not-found';
}

export function forbidden(res: ServerResponse): string {
  html(res, 403, messagePage('Not allowed', 'Sign in again and retry.'));
  return 'forbidden';
}
