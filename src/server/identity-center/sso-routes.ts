// Identity Center's pages: the start URL `/start/<identity store id>` (the portal once signed in), and
// under /sso/ signing in (password, then TOTP code, then a new password when one is due), confirming a
// device's user code for SSO OIDC, allowing a PKCE client, command-line credentials from the portal, and
// signing out. The session is an HttpOnly, SameSite=Strict cookie (Secure under TLS); every form posts
// the session's CSRF token; wrong passwords and codes are slowed down and locked by the credential
// lockouts; each sign-in step is an audit event.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../../api/index.ts';
import { recordIdentityCenterSignIn, recordPortalRoleCredentials } from '../../audit/index.ts';
import {
  answerDeviceAuthorization,
  checkPassword,
  checkTotp,
  lockoutPolicy,
  newRequestId,
  newWebSession,
  passwordProblem,
  pendingDeviceAuthorization,
  portalAccounts,
  portalRoles,
  setSignInPassword,
  stageAfterMfa,
  stageAfterPassword,
  webSessionOf,
  type SignInAttempt,
} from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import { ssoRoleCredentials } from '../../sts/index.ts';
import type { SignInUserRow, SsoWebSessionRow } from '../../store/index.ts';
import { readBody } from '../read-body.ts';
import { authorizeClient } from './sso-authorize.ts';
import {
  cookieOf,
  csrfOf,
  delay,
  FAILURE_DELAY_MS,
  forbidden,
  html,
  notFound,
  redirect,
  safeNext,
  SESSION_SECONDS,
  sessionCookie,
  STORE_ID,
} from './sso-http.ts';
import {
  deviceCodePage,
  messagePage,
  mfaPage,
  newPasswordPage,
  portalPage,
  signInPage,
  type PortalRole,
} from './sso-pages.ts';

/** Answers an Identity Center page request; the caller checked `isSsoPage(path)`. */
export interface SsoPageContext {
  services: Services;
  sourceIp: string;
}

/** Whether a path is one of Identity Center's pages. */
export const isSsoPage = (path: string) =>
  path.startsWith('/sso/') || path === '/authorize' || /^\/start\/d-[0-9a-f]{10}\/?$/.test(path);

export async function handleSsoPage(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
  ctx: SsoPageContext,
): Promise<string> {
  const method = req.method ?? 'GET';
  const params = new URLSearchParams(query);
  const form =
    method === 'POST' ? new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8')) : params;
  const { store } = ctx.services;
  const now = ctx.services.clock.now();
  const session = await store.read((r) => webSessionOf(r, cookieOf(req), now));
  const signedIn = session?.stage === 'SIGNED_IN' ? session : undefined;
  const csrfOk = () => session !== undefined && form.get('csrf') === csrfOf(session);
  const toSignIn = (identityStoreId: string, next: string) =>
    redirect(res, `/sso/signin?store=${identityStoreId}&next=${encodeURIComponent(next)}`);
  const user = (s: SsoWebSessionRow) =>
    store.read((r) => r.ssoSignIn.signInUserById(s.identity_store_id, s.user_id));

  const start = /^\/start\/(d-[0-9a-f]{10})\/?$/.exec(path);
  if (start && method === 'GET') {
    const identityStoreId = start[1]!;
    if (!signedIn || signedIn.identity_store_id !== identityStoreId) {
      toSignIn(identityStoreId, path);
      return 'start';
    }
    html(res, 200, await portal(ctx, signedIn, csrfOf(signedIn)));
    return 'portal';
  }

  switch (`${method} ${path}`) {
    case 'GET /sso/signin': {
      const identityStoreId = params.get('store') ?? '';
      if (!STORE_ID.test(identityStoreId)) return notFound(res);
      html(
        res,
        200,
        signInPage({
          store: identityStoreId,
          next: safeNext(params.get('next'), `/start/${identityStoreId}`),
        }),
      );
      return 'signin';
    }
    case 'POST /sso/signin':
      return signIn(req, res, ctx, form, now);
    case 'GET /sso/mfa':
      if (session?.stage !== 'MFA') return notFound(res);
      html(res, 200, mfaPage({ next: safeNext(params.get('next'), '/'), csrf: csrfOf(session) }));
      return 'mfa';
    case 'POST /sso/mfa': {
      if (session?.stage !== 'MFA' || !csrfOk()) return forbidden(res);
      const u = await user(session);
      const next = safeNext(form.get('next'), `/start/${session.identity_store_id}`);
      const attempt = await attemptFor(ctx, session.identity_store_id, now);
      const ok =
        u !== undefined &&
        attempt !== undefined &&
        (await checkTotp(attempt, ctx.services.sealer, u, form.get('code') ?? ''));
      if (attempt && u) audit(req, ctx, attempt, session.identity_store_id, u.user_name, u, 'TOTP', ok);
      if (!ok || !u) {
        await delay(FAILURE_DELAY_MS);
        html(
          res,
          401,
          mfaPage({
            next,
            csrf: csrfOf(session),
            error: 'The code is not right, or too many attempts were made. Try again later.',
          }),
        );
        return 'mfa-failed';
      }
      const stage = stageAfterMfa(u);
      await store.write(attempt!.accountId, (r) =>
        r.ssoSignIn.updateWebSession(session.token_hash, { stage }),
      );
      redirect(res, stage === 'PASSWORD_CHANGE' ? `/sso/password?next=${encodeURIComponent(next)}` : next);
      return 'mfa-verified';
    }
    case 'GET /sso/password':
      if (session?.stage !== 'PASSWORD_CHANGE') return notFound(res);
      html(res, 200, newPasswordPage({ next: safeNext(params.get('next'), '/'), csrf: csrfOf(session) }));
      return 'password';
    case 'POST /sso/password': {
      if (session?.stage !== 'PASSWORD_CHANGE' || !csrfOk()) return forbidden(res);
      const next = safeNext(form.get('next'), `/start/${session.identity_store_id}`);
      const password = form.get('password') ?? '';
      const problem =
        password !== form.get('confirm') ? 'The passwords do not match.' : passwordProblem(password);
      const u = await user(session);
      if (problem || !u) {
        html(res, 400, newPasswordPage({ next, csrf: csrfOf(session), error: problem ?? 'Sign in again.' }));
        return 'password-refused';
      }
      const owner =
        (await store.read((r) => r.idcInstances.byIdentityStore(session.identity_store_id)))
          ?.owner_account_id ?? '';
      await store.write(owner, async (r) => {
        await setSignInPassword(r, u, password, now, { resetRequired: false });
        await r.ssoSignIn.updateWebSession(session.token_hash, { stage: 'SIGNED_IN' });
      });
      redirect(res, next);
      return 'password-changed';
    }
    case 'GET /sso/device': {
      const userCode = params.get('user_code') ?? '';
      const pending = userCode
        ? await store.read((r) => pendingDeviceAuthorization(r, userCode, now))
        : undefined;
      if (!signedIn) {
        if (!pending) {
          html(
            res,
            404,
            messagePage('Code not found', 'This code is unknown or has expired. Start the sign-in again.'),
          );
          return 'device-unknown';
        }
        toSignIn(pending.row.identity_store_id, `/sso/device?user_code=${encodeURIComponent(userCode)}`);
        return 'device-signin';
      }
      html(
        res,
        200,
        deviceCodePage({
          csrf: csrfOf(signedIn),
          userCode,
          ...(pending ? { clientName: pending.client?.client_name ?? 'An application' } : {}),
          ...(userCode && !pending ? { error: 'This code is unknown or has expired.' } : {}),
        }),
      );
      return 'device';
    }
    case 'POST /sso/device': {
      if (!signedIn || !csrfOk()) return forbidden(res);
      const userCode = form.get('user_code') ?? '';
      const pending = await store.read((r) => pendingDeviceAuthorization(r, userCode, now));
      if (!pending || pending.row.identity_store_id !== signedIn.identity_store_id) {
        html(
          res,
          400,
          deviceCodePage({
            csrf: csrfOf(signedIn),
            userCode: '',
            error: 'This code is unknown or has expired.',
          }),
        );
        return 'device-unknown';
      }
      if (form.get('decision') !== 'deny' && !pending.client) return notFound(res);
      const approve = form.get('decision') === 'allow';
      await store.write('', (r) => answerDeviceAuthorization(r, pending.row, signedIn, approve));
      html(
        res,
        200,
        approve
          ? messagePage('Request approved', 'You can close this window and return to the application.')
          : messagePage('Request denied', 'The application was not given access.'),
      );
      return approve ? 'device-approved' : 'device-denied';
    }
    case 'GET /authorize':
      // SSO OIDC's authorization endpoint, as AWS CLIs build it from the OIDC endpoint
      redirect(res, `/sso/authorize?${query}`);
      return 'authorize-redirect';
    case 'GET /sso/authorize':
    case 'POST /sso/authorize':
      return authorizeClient(req, res, ctx, params, form, signedIn, csrfOk(), now);
    case 'POST /sso/credentials': {
      if (!signedIn || !csrfOk()) return forbidden(res);
      const u = await user(signedIn);
      if (!u) return forbidden(res);
      try {
        const c = await ssoRoleCredentials(
          ctx.services,
          { identityStoreId: u.identity_store_id, userId: u.user_id, userName: u.user_name },
          form.get('account') ?? '',
          form.get('role') ?? '',
          now,
        );
        const role = {
          accountId: form.get('account') ?? '',
          accountName: form.get('account') ?? '',
          roleName: form.get('role') ?? '',
        };
        const owner = await store.read((r) => r.idcInstances.byIdentityStore(u.identity_store_id));
        if (ctx.services.audit && owner)
          recordPortalRoleCredentials(ctx.services.audit, {
            at: now,
            region: ctx.services.config.region,
            sourceIp: ctx.sourceIp,
            ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
            requestId: newRequestId(),
            ownerAccountId: owner.owner_account_id,
            identityStoreId: u.identity_store_id,
            user: { userId: u.user_id, userName: u.user_name },
            accountId: role.accountId,
            roleName: role.roleName,
            assumedRoleArn: c.AssumedRoleUser.Arn,
          });
        html(
          res,
          200,
          await portal(ctx, signedIn, csrfOf(signedIn), {
            role,
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
          }),
        );
        return 'credentials';
      } catch (err) {
        // a refusal; the database unreachable is not one and fails the request as such
        if (err instanceof AwsError && err.status < 500) return forbidden(res);
        throw err;
      }
    }
    case 'POST /sso/change-password': {
      if (!signedIn || !csrfOk()) return forbidden(res);
      const u = await user(signedIn);
      const attempt = await attemptFor(ctx, signedIn.identity_store_id, now);
      if (!u || !attempt) return forbidden(res);
      const password = form.get('password') ?? '';
      const problem =
        password !== form.get('confirm') ? 'The new passwords do not match.' : passwordProblem(password);
      const current = problem
        ? undefined
        : await checkPassword(attempt, u.identity_store_id, u.user_name, form.get('current') ?? '');
      if (problem || !current) {
        if (!problem) await delay(FAILURE_DELAY_MS);
        html(
          res,
          400,
          await portal(
            ctx,
            signedIn,
            csrfOf(signedIn),
            undefined,
            problem ?? 'The current password is not right.',
          ),
        );
        return 'password-change-refused';
      }
      await store.write(attempt.accountId, (r) =>
        setSignInPassword(r, current, password, now, { resetRequired: false }),
      );
      html(res, 200, messagePage('Password changed', 'Your password has been changed.'));
      return 'password-changed';
    }
    case 'POST /sso/signout': {
      if (session && csrfOk()) await store.write('', (r) => r.ssoSignIn.deleteWebSession(session.token_hash));
      html(res, 200, messagePage('Signed out', 'You have signed out.'), {
        'set-cookie': sessionCookie(req, '', 0),
      });
      return 'signout';
    }
    default:
      return notFound(res);
  }
}

/** The lockout context of an identity store's sign-ins: counts are written in its owner's account. */
async function attemptFor(
  ctx: SsoPageContext,
  identityStoreId: string,
  now: Date,
): Promise<SignInAttempt | undefined> {
  const instance = await ctx.services.store.read((r) => r.idcInstances.byIdentityStore(identityStoreId));
  if (!instance) return undefined;
  return {
    store: ctx.services.store,
    accountId: instance.owner_account_id,
    policy: lockoutPolicy({ config: ctx.services.config, log: ctx.services.log }),
    now,
  };
}

function audit(
  req: IncomingMessage,
  ctx: SsoPageContext,
  attempt: SignInAttempt,
  identityStoreId: string,
  userName: string,
  user: SignInUserRow | undefined,
  credentialType: 'PASSWORD' | 'TOTP',
  success: boolean,
): void {
  const trail = ctx.services.audit;
  if (!trail) return;
  recordIdentityCenterSignIn(trail, {
    at: attempt.now,
    region: ctx.services.config.region,
    sourceIp: ctx.sourceIp,
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    requestId: newRequestId(),
    accountId: attempt.accountId,
    identityStoreId,
    ...(user ? { user: { userId: user.user_id, userName: user.user_name } } : {}),
    userName,
    credentialType,
    success,
  });
}

async function signIn(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: SsoPageContext,
  form: URLSearchParams,
  now: Date,
): Promise<string> {
  const identityStoreId = form.get('store') ?? '';
  const userName = form.get('username') ?? '';
  const next = safeNext(form.get('next'), `/start/${identityStoreId}`);
  const attempt = STORE_ID.test(identityStoreId) ? await attemptFor(ctx, identityStoreId, now) : undefined;
  const user = attempt
    ? await checkPassword(attempt, identityStoreId, userName, form.get('password') ?? '')
    : undefined;
  if (attempt) {
    const named = await ctx.services.store.read((r) => r.ssoSignIn.signInUser(identityStoreId, userName));
    audit(req, ctx, attempt, identityStoreId, userName, named, 'PASSWORD', user !== undefined);
  }
  if (!attempt || !user) {
    await delay(FAILURE_DELAY_MS);
    html(
      res,
      401,
      signInPage({
        store: identityStoreId,
        next,
        userName,
        error: 'The user name or password is not right, or too many attempts were made. Try again later.',
      }),
    );
    return 'signin-failed';
  }
  const stage = stageAfterPassword(user);
  const { token, row } = newWebSession(user, stage, now, SESSION_SECONDS);
  await ctx.services.store.write(attempt.accountId, (r) => r.ssoSignIn.insertWebSession(row));
  const cookie = { 'set-cookie': sessionCookie(req, token, SESSION_SECONDS) };
  if (stage === 'MFA') redirect(res, `/sso/mfa?next=${encodeURIComponent(next)}`, cookie);
  else if (stage === 'PASSWORD_CHANGE')
    redirect(res, `/sso/password?next=${encodeURIComponent(next)}`, cookie);
  else redirect(res, next, cookie);
  return 'signed-in';
}

/** The portal page: the person's roles, with credentials for one when they asked. */
async function portal(
  ctx: SsoPageContext,
  session: SsoWebSessionRow,
  csrf: string,
  credentials?: Parameters<typeof portalPage>[0]['credentials'],
  passwordError?: string,
): Promise<string> {
  const { user, roles } = await ctx.services.store.read(async (r) => {
    const reachable = await portalRoles(r, session.identity_store_id, session.user_id);
    const accounts = new Map((await portalAccounts(r, reachable)).map((a) => [a.accountId, a.accountName]));
    return {
      user: await r.ssoSignIn.signInUserById(session.identity_store_id, session.user_id),
      roles: reachable.map((x): PortalRole => ({
        accountId: x.accountId,
        accountName: accounts.get(x.accountId) ?? x.accountId,
        roleName: x.permissionSetName,
      })),
    };
  });
  const named = credentials
    ? {
        ...credentials,
        role:
          roles.find(
            (r) => r.accountId === credentials.role.accountId && r.roleName === credentials.role.roleName,
          ) ?? credentials.role,
      }
    : undefined;
  return portalPage({
    userName: user?.user_name ?? '',
    csrf,
    roles,
    ...(passwordError !== undefined ? { passwordError } : {}),
    ...(named ? { credentials: named } : {}),
  });
}
