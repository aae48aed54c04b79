// The HTML of Identity Center's pages: sign-in (user name and password, then the TOTP code), a new
// password when one is due (or wanted: the portal's form), confirming a device's user code, allowing a client (PKCE), the portal's
// accounts and roles with their command-line credentials, and a plain message. Plain forms, no
// script; every value escaped; every form carries the session's CSRF token.

export interface PortalRole {
  accountId: string;
  accountName: string;
  roleName: string;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f2f3f3;margin:0}
main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
main.wide{max-width:48rem}h1{font-size:1.3rem;margin-top:0}label{display:block;margin:.8rem 0 .2rem}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem;background:#ff9900;border:0;border-radius:4px;cursor:pointer}
button.secondary{background:#e9ebed}.error{color:#b0271b}.code{font-family:monospace;font-size:1.4rem;letter-spacing:.15rem}
pre{background:#16191f;color:#d5dbdb;padding:1rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
table{width:100%;border-collapse:collapse}td{padding:.4rem;border-bottom:1px solid #e9ebed}`;

/** A whole page around `body`. */
export function page(title: string, body: string, wide = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Tessera</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><main${wide ? ' class="wide"' : ''}>${body}</main></body></html>`;
}

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
const problem = (error: string | undefined) =>
  error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';

export function signInPage(v: { store: string; next: string; userName?: string; error?: string }): string {
  return page(
    'Sign in',
    `<h1>Sign in</h1>${problem(v.error)}
<form method="post" action="/sso/signin">${hidden('store', v.store)}${hidden('next', v.next)}
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" value="${escapeHtml(v.userName ?? '')}" required>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="sign-in">Sign in</button></form>`,
  );
}

export function mfaPage(v: { next: string; csrf: string; error?: string }): string {
  return page(
    'Verify',
    `<h1>Multi-factor authentication</h1>${problem(v.error)}
<form method="post" action="/sso/mfa">${hidden('next', v.next)}${hidden('csrf', v.csrf)}
<label for="code">Code from your authenticator app</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required>
<button type="submit" id="verify">Verify</button></form>`,
  );
}

export function newPasswordPage(v: { next: string; csrf: string; error?: string }): string {
  return page(
    'New password',
    `<h1>Choose a new password</h1>${problem(v.error)}
<p>8 to 64 characters, with upper and lower case letters, a digit and a symbol.</p>
<form method="post" action="/sso/password">${hidden('next', v.next)}${hidden('csrf', v.csrf)}
<label for="new-password">New password</label><input type="password" id="new-password" name="password" autocomplete="new-password" required>
<label for="confirm">Confirm</label><input type="password" id="confirm" name="confirm" autocomplete="new-password" required>
<button type="submit" id="set-password">Set password</button></form>`,
  );
}

export function deviceCodePage(v: {
  csrf: string;
  userCode: string;
  clientName?: string;
  error?: string;
}): string {
  const known = v.clientName !== undefined;
  return page(
    'Authorize request',
    `<h1>Authorize request</h1>${problem(v.error)}
${known ? `<p><strong>${escapeHtml(v.clientName!)}</strong> asks to use your access. Check that this code matches the one it shows:</p><p class="code" id="user-code">${escapeHtml(v.userCode)}</p>` : '<p>Enter the code the application shows.</p>'}
<form method="post" action="/sso/device">${hidden('csrf', v.csrf)}
${known ? hidden('user_code', v.userCode) : '<label for="user_code">Code</label><input type="text" id="user_code" name="user_code" required>'}
<button type="submit" name="decision" value="allow" id="allow">${known ? 'Allow' : 'Next'}</button>
${known ? '<button type="submit" name="decision" value="deny" id="deny" class="secondary">Deny</button>' : ''}</form>`,
  );
}

export function authorizeClientPage(v: { csrf: string; clientName: string; query: string }): string {
  return page(
    'Allow access',
    `<h1>Allow access</h1><p><strong>${escapeHtml(v.clientName)}</strong> asks to use your access.</p>
<form method="post" action="/sso/authorize?${escapeHtml(v.query)}">${hidden('csrf', v.csrf)}
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny" class="secondary">Deny</button></form>`,
  );
}

export function portalPage(v: {
  userName: string;
  csrf: string;
  roles: readonly PortalRole[];
  /** Why a password change from the portal was refused. */
  passwordError?: string;
  credentials?: {
    role: PortalRole;
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    expiration: Date;
  };
}): string {
  const rows = v.roles
    .map(
      (
        r,
      ) => `<tr><td>${escapeHtml(r.accountName)}<br><small>${escapeHtml(r.accountId)}</small></td><td>${escapeHtml(r.roleName)}</td>
<td><form method="post" action="/sso/credentials">${hidden('csrf', v.csrf)}${hidden('account', r.accountId)}${hidden('role', r.roleName)}
<button type="submit" class="secondary" data-account="${escapeHtml(r.accountId)}" data-role="${escapeHtml(r.roleName)}">Command line access</button></form></td></tr>`,
    )
    .join('');
  const c = v.credentials;
  const creds = c
    ? `<h2>${escapeHtml(c.role.roleName)} in ${escapeHtml(c.role.accountId)}</h2><p>Valid until ${escapeHtml(c.expiration.toISOString())}.</p>
<pre id="credentials">export AWS_ACCESS_KEY_ID="${escapeHtml(c.accessKeyId)}"
export AWS_SECRET_ACCESS_KEY="${escapeHtml(c.secretAccessKey)}"
export AWS_SESSION_TOKEN="${escapeHtml(c.sessionToken)}"</pre>`
    : '';
  return page(
    'AWS access portal',
    `<h1>AWS access portal</h1><p>Signed in as <strong id="signed-in-user">${escapeHtml(v.userName)}</strong>.</p>
${v.roles.length ? `<table>${rows}</table>` : '<p>You have no assignments yet.</p>'}${creds}
<details><summary>Change password</summary>${problem(v.passwordError)}
<form method="post" action="/sso/change-password">${hidden('csrf', v.csrf)}
<label for="current">Current password</label><input type="password" id="current" name="current" autocomplete="current-password" required>
<label for="new-password">New password</label><input type="password" id="new-password" name="password" autocomplete="new-password" required>
<label for="confirm">Confirm</label><input type="password" id="confirm" name="confirm" autocomplete="new-password" required>
<button type="submit" id="change-password">Change password</button></form></details>
<form method="post" action="/sso/signout">${hidden('csrf', v.csrf)}<button type="submit" class="secondary" id="sign-out">Sign out</button></form>`,
    true,
  );
}

export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(text)}</p>`);
}
