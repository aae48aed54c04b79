// The console's top level: asks the server for the session, shows sign-in without one, and with one
// the header and the page the hash names.
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { ApiError, getSession } from './api.ts';
import { ConsoleHeader } from './components/console-header.tsx';
import { ErrorAlert } from './components/error-alert.tsx';
import { AuditPage } from './pages/audit.tsx';
import { PoliciesPage } from './pages/policies.tsx';
import { PolicyDraftPage } from './pages/policy-draft.tsx';
import { RolesPage } from './pages/roles.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { SwitchRolePage } from './pages/switch-role.tsx';
import { UserDetailPage } from './pages/user-detail.tsx';
import { UsersPage } from './pages/users.tsx';
import { useRoute, type Route } from './router.ts';
import { SessionContext, type Session, type SessionState } from './session.ts';

type State =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: Session }
  | { status: 'failed'; error: unknown };

async function loadSession(): Promise<State> {
  try {
    return { status: 'signed-in', session: await getSession() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'signed-out' };
    return { status: 'failed', error };
  }
}

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    void loadSession().then((loaded) => current && setState(loaded));
    return () => {
      current = false;
    };
  }, []);

  const onSignedIn = useCallback(async () => {
    const loaded = await loadSession();
    if (loaded.status === 'failed') throw loaded.error;
    setState(loaded);
  }, []);

  const setSession = useCallback((session: Session | null) => {
    setState(session === null ? { status: 'signed-out' } : { status: 'signed-in', session });
  }, []);

  switch (state.status) {
    case 'loading':
      return (
        <main id="main" className="centered" aria-busy="true">
          <p>Loading…</p>
        </main>
      );
    case 'failed':
      return (
        <main id="main" className="centered">
          <ErrorAlert error={state.error} />
          <button type="button" onClick={() => void loadSession().then(setState)}>
            Try again
          </button>
        </main>
      );
    case 'signed-out':
      return <SignInPage onSignedIn={onSignedIn} />;
    case 'signed-in':
      return <SignedIn session={state.session} setSession={setSession} />;
  }
}

function SignedIn({ session, setSession }: SessionState) {
  const route = useRoute();
  const value = useMemo(() => ({ session, setSession }), [session, setSession]);
  return (
    <SessionContext.Provider value={value}>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <ConsoleHeader route={route} />
      {/* Keyed by identity and route: a page remounts (and reloads) after a role switch or a new route. */}
      <main id="main" tabIndex={-1} key={`${session.role?.arn ?? session.identity.arn} ${routeKey(route)}`}>
        <Page route={route} />
      </main>
    </SessionContext.Provider>
  );
}

/** The skip link moves focus without touching the hash, which is the router's. */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function routeKey(route: Route): string {
  return route.page === 'user' ? `user/${route.userName}` : route.page;
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'users':
      return <UsersPage />;
    case 'user':
      return <UserDetailPage userName={route.userName} />;
    case 'roles':
      return <RolesPage />;
    case 'policies':
      return <PoliciesPage />;
    case 'policy-editor':
      return <PolicyDraftPage />;
    case 'audit':
      return <AuditPage />;
    case 'switch-role':
      return <SwitchRolePage />;
  }
}
