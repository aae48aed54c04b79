// The web console's sessions: the cookie (HttpOnly, SameSite=Strict, Secure under TLS) whose token is
// kept only as its hash, the CSRF token derived from it, the sealed credentials a session acts with
// (the signed-in identity's, or the role's it switched into), the sealed MFA device a sign-in is
// enrolling, and the session as the console's JSON shows it (docs/console-api.md).
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Services } from '../../api/index.ts';
import type { MfaEnrolment } from '../../domain/index.ts';
import type { ConsoleSessionRow } from '../../store/index.ts';
import { secureTransport } from '../client-address.ts';

const COOKIE = 'tessera_console';
/** The longest a console session may last (TESSERA_CONSOLE_SESSION_SECONDS chooses, up to this). */
export const CONSOLE_SESSION_MAX_SECONDS = 12 * 3600;
/** How long a step of a sign-in after the password (MFA, enrolment, new password) may take. */
export const MFA_STEP_SECONDS = 5 * 60;
/** Sealing purposes, so one sealed value cannot stand for another. */
const CREDENTIALS_PURPOSE = 'console-session-credentials';
const ROLE_PURPOSE = 'console-session-role';
const ENROLMENT_PURPOSE = 'console-mfa-enrolment';

/** Temporary credentials as STS issues them. */
export interface SessionCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

/** A role the console switched into, and how the header shows it. */
export interface SwitchedRole {
  accountId: string;
  roleName: string;
  displayName: string;
  color: string;
  arn: string;
  credentials: SessionCredentials;
}

export type RecentRole = Pick<SwitchedRole, 'accountId' | 'roleName' | 'displayName' | 'color'>;

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');
export const csrfOf = (row: ConsoleSessionRow) =>
  createHash('sha256').update(`console-csrf:${row.token_hash}`).digest('base64url').slice(0, 32);

export function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

export function sessionCookie(req: IncomingMessage, token: string, maxAge: number): string {
  return `${COOKIE}=${token}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secureTransport(req) ? '; Secure' : ''}`;
}

export const sealCredentials = (services: Services, c: SessionCredentials) =>
  services.sealer.seal(JSON.stringify(c), CREDENTIALS_PURPOSE);
export const openCredentials = (services: Services, sealed: string) =>
  JSON.parse(services.sealer.open(sealed, CREDENTIALS_PURPOSE)) as SessionCredentials;
export const sealRole = (services: Services, r: SwitchedRole) =>
  services.sealer.seal(JSON.stringify(r), ROLE_PURPOSE);
export const openRole = (services: Services, sealed: string) =>
  JSON.parse(services.sealer.open(sealed, ROLE_PURPOSE)) as SwitchedRole;
/** The device a sign-in enrols, its seed included: sealed, as every seed at rest is. */
export const sealEnrolment = (services: Services, e: MfaEnrolment) =>
  services.sealer.seal(
    JSON.stringify({ deviceName: e.deviceName, seed: e.seed.toString('base64') }),
    ENROLMENT_PURPOSE,
  );
export function openEnrolment(services: Services, sealed: string): MfaEnrolment {
  const e = JSON.parse(services.sealer.open(sealed, ENROLMENT_PURPOSE)) as {
    deviceName: string;
    seed: string;
  };
  return { deviceName: e.deviceName, seed: Buffer.from(e.seed, 'base64') };
}

/** The signed-in session of the request's cookie, or undefined (none, another stage, expired). */
export async function currentSession(
  services: Services,
  req: IncomingMessage,
  now: Date,
): Promise<ConsoleSessionRow | undefined> {
  const token = cookieOf(req);
  if (!token) return undefined;
  const row = await services.store.read((r) => r.consoleSessions.session(tokenHash(token)));
  if (!row || row.stage !== 'SIGNED_IN' || row.expires_at <= now.toISOString()) return undefined;
  return row;
}

/** The session as GET /console/api/session answers it. */
export async function sessionView(services: Services, row: ConsoleSessionRow): Promise<object> {
  const alias = await services.store.read((r) => r.accountAliases.ofAccount(row.account_id));
  const role = row.role_sealed ? openRole(services, row.role_sealed) : undefined;
  return {
    account: { id: row.account_id, ...(alias ? { alias } : {}) },
    identity: {
      type: row.identity_type,
      arn: row.identity_arn,
      name:
        row.identity_type === 'root' ? 'root' : row.identity_arn.slice(row.identity_arn.lastIndexOf('/') + 1),
    },
    mfaUsed: row.mfa_used === 1,
    csrfToken: csrfOf(row),
    expiresAt: row.expires_at,
    ...(role
      ? {
          role: {
            accountId: role.accountId,
            roleName: role.roleName,
            displayName: role.displayName,
            color: role.color,
            arn: role.arn,
          },
        }
      : {}),
    recentRoles: JSON.parse(row.recent_roles) as RecentRole[],
  };
}
