// The signed-in console's header: who is acting (the user's ARN, or the switched role's display
// name on its colour), "Back to <user>" while switched, "Sign out", and the page navigation.
import { useState } from 'react';
import { ApiError, signOut, switchBack } from '../api.ts';
import { safeColor, textColorOn } from '../role-color.ts';
import { href, sectionOf, type ListPage, type Route, type SinglePage } from '../router.ts';
import { useSession } from '../session.ts';
import { ErrorAlert } from './error-alert.tsx';

const NAV: readonly { label: string; page: ListPage | SinglePage }[] = [
  { label: 'Users', page: 'users' },
  { label: 'Groups', page: 'groups' },
  { label: 'Roles', page: 'roles' },
  { label: 'Policies', page: 'policies' },
  { label: 'Identity providers', page: 'identity-providers' },
  { label: 'Account settings', page: 'account-settings' },
  { label: 'Credential report', page: 'credential-report' },
  { label: 'Policy editor', page: 'policy-editor' },
  { label: 'Audit trail', page: 'audit' },
  { label: 'Access findings', page: 'findings' },
  { label: 'Who can reach admin', page: 'graph' },
  { label: 'Switch role', page: 'switch-role' },
  { label: 'My security credentials', page: 'security-credentials' },
];

export function ConsoleHeader({ route }: { route: Route }) {
  const { session, setSession } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const role = session.role;
  const color = role === undefined ? undefined : safeColor(role.color);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      // A session that already ended server-side: back to sign-in, as signing out would.
      if (failure instanceof ApiError && failure.code === 'NotSignedIn') setSession(null);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const onSignOut = () =>
    run(async () => {
      await signOut(session.csrfToken);
      setSession(null);
    });

  const onSwitchBack = () =>
    run(async () => {
      setSession(await switchBack(session.csrfToken));
    });

  return (
    <header
      className={role === undefined ? 'console-header' : 'console-header switched'}
      style={color === undefined ? undefined : { borderLeftColor: color }}
    >
      <div className="header-bar">
        <a className="brand" href={href({ page: 'users' })}>
          Tessera
        </a>
        <div className="identity">
          <span className="visually-hidden">Signed in as </span>
          {role === undefined ? (
            <span className="identity-arn">{session.identity.arn}</span>
          ) : (
            <>
              <span
                className="role-badge"
                style={{ backgroundColor: color, color: textColorOn(color ?? '') }}
                title={role.arn}
              >
                {role.displayName}
              </span>
              <span className="identity-arn">{role.arn}</span>
            </>
          )}
        </div>
        <div className="header-actions">
          {role === undefined ? null : (
            <button type="button" onClick={onSwitchBack} disabled={busy}>
              Back to {session.identity.name}
            </button>
          )}
          <button type="button" onClick={onSignOut} disabled={busy}>
            Sign out
          </button>
        </div>
      </div>
      <nav aria-label="Console">
        <ul>
          {NAV.map((item) => (
            <li key={item.page}>
              <a
                href={href({ page: item.page })}
                aria-current={sectionOf(route) === item.page ? 'page' : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorAlert error={error} />
    </header>
  );
}
