// The signed-in console's header: who is acting (the user's ARN, or the switched role's display
// name on its colour), "Back to <user>" while switched, "Sign out", and the page navigation.
import { useState } from 'react';
import { ApiError, signOut, switchBack } from '../api.ts';
import { safeColor, textColorOn } from '../role-color.ts';
import { href, type Route } from '../router.ts';
import { useSession } from '../session.ts';
import { ErrorAlert } from './error-alert.tsx';

const NAV: readonly { label: string; route: Route; pages: readonly Route['page'][] }[] = [
  { label: 'Users', route: { page: 'users' }, pages: ['users', 'user'] },
  { label: 'Roles', route: { page: 'roles' }, pages: ['roles'] },
  { label: 'Policies', route: { page: 'policies' }, pages: ['policies'] },
  { label: 'Policy editor', route: { page: 'policy-editor' }, pages: ['policy-editor'] },
  { label: 'Audit trail', route: { page: 'audit' }, pages: ['audit'] },
  { label: 'Switch role', route: { page: 'switch-role' }, pages: ['switch-role'] },
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
            <li key={item.label}>
              <a href={href(item.route)} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
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
